import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { Role } from '../../src/auth/roles';
import { TokenService } from '../../src/auth/token.service';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/core/config/app-config';
import { TestApp, startTestApp } from '../support/test-app';
import { SIGN_IN_ROUTES, rateLimitGroup } from '../../src/core/http/rate-limits';
import { TestDatabase, createTestDatabase } from '../support/test-database';
import { FORM, PageSession, csrfTokenIn, setCookies, signInWithToken } from '../support/web-session';

// Who may call what: every API route against every role, each answer checked.
//   anonymous            -> 401 (unless the route is public)
//   a role not allowed   -> 403
//   a role allowed       -> anything but 401/403 (a domain 404/409/422 is fine), never 5xx
// Run twice: with bearer tokens, and with page sessions (cookie + CSRF token).
// A route that appears in the API and is missing here fails the completeness check: decide
// who may call it, then add it.

type Caller = Role | 'anonymous';
const ANY_SIGNED_IN: Role[] = ['admin', 'sro', 'partnerships', 'owner', 'viewer'];

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As in the OpenAPI document: {id} is the programme, {gateId} a gate, {tokenId} a token. */
  path: string;
  allowed: 'public' | Role[];
  body?: unknown;
  /** Which gate {gateId} means for this route. */
  gate?: string;
}

const TODAY = '2015-10-27';
const MATRIX: Route[] = [
  { method: 'GET', path: '/api/health', allowed: 'public' },
  { method: 'GET', path: '/api/health/live', allowed: 'public' },
  { method: 'GET', path: '/api/health/ready', allowed: 'public' },
  { method: 'GET', path: '/api/workflows', allowed: 'public' },
  { method: 'GET', path: '/api/workflows/{id}', allowed: 'public' },
  { method: 'GET', path: '/api/programmes', allowed: ANY_SIGNED_IN },
  { method: 'POST', path: '/api/programmes', allowed: ['admin', 'partnerships'], body: BETTER_CARE_TOGETHER },
  { method: 'GET', path: '/api/programmes/{id}', allowed: ANY_SIGNED_IN },
  { method: 'POST', path: '/api/programmes/{id}/migrate', allowed: ['admin', 'partnerships'], body: { toVersion: 2 } },
  { method: 'GET', path: '/api/programmes/{id}/audit', allowed: ANY_SIGNED_IN },
  { method: 'GET', path: '/api/programmes/{id}/gates/{gateId}/history', allowed: ANY_SIGNED_IN, gate: 'pcbc-draft' },
  {
    method: 'POST',
    path: '/api/programmes/{id}/gates/{gateId}/decisions',
    allowed: ['admin', 'partnerships'],
    gate: 'partner-approvals',
    body: { partyId: 'leicester-city-ccg', decision: 'deferred', decidedOn: TODAY },
  },
  {
    method: 'POST',
    path: '/api/programmes/{id}/gates/{gateId}/complete',
    allowed: ['admin', 'partnerships', 'owner'],
    gate: 'pcbc-draft',
    body: { completedOn: '2015-09-04' },
  },
  {
    method: 'POST',
    path: '/api/programmes/{id}/gates/{gateId}/start',
    allowed: ['admin', 'partnerships', 'owner'],
    gate: 'pcbc-draft',
    body: { startsOn: '2015-11-30', closesOn: '2016-02-22' },
  },
  {
    method: 'POST',
    path: '/api/programmes/{id}/gates/{gateId}/evidence',
    allowed: ['admin', 'partnerships', 'owner'],
    gate: 'pcbc-draft',
    body: { itemId: 'engagement-report', recordedOn: TODAY },
  },
  {
    method: 'PUT',
    path: '/api/programmes/{id}/gates/{gateId}/parties',
    allowed: ['admin', 'partnerships'],
    gate: 'partner-approvals',
    body: { parties: [{ id: 'leicester-city-ccg', name: 'Leicester City CCG' }] },
  },
  {
    method: 'PUT',
    path: '/api/programmes/{id}/gates/{gateId}/owner',
    allowed: ['admin', 'partnerships'],
    gate: 'nhse-assurance',
    body: { name: 'Helen Seth', email: 'helen.seth@example.nhs.uk' },
  },
  {
    method: 'POST',
    path: '/api/programmes/{id}/gates/{gateId}/parties',
    allowed: ['admin', 'partnerships'],
    gate: 'partner-approvals',
    body: { id: 'leicester-city-ccg', name: 'Leicester City CCG' },
  },
  {
    method: 'POST',
    path: '/api/programmes/{id}/gates/{gateId}/parties/{partyId}/withdraw',
    allowed: ['admin', 'partnerships'],
    gate: 'partner-approvals',
    body: { reason: 'checking who may withdraw a party' },
  },
  { method: 'GET', path: '/api/me/gates', allowed: ANY_SIGNED_IN },
  {
    method: 'PATCH',
    path: '/api/programmes/{id}/gates/{gateId}',
    allowed: ['admin', 'partnerships', 'sro', 'owner'],
    gate: 'clinical-senate-review',
    body: { forecastDate: '2015-11-02', reason: 'checking who may re-forecast' },
  },
  {
    method: 'POST',
    path: '/api/programmes/{id}/what-if',
    allowed: ANY_SIGNED_IN,
    body: { changes: [{ gateId: 'nhse-assurance', forecastDate: '2015-11-20' }] },
  },
  { method: 'GET', path: '/api/programmes/{id}/what-if/scenarios', allowed: ANY_SIGNED_IN },
  {
    method: 'POST',
    path: '/api/programmes/{id}/what-if/scenarios',
    allowed: ['admin', 'sro', 'partnerships'],
    body: { name: 'Matrix option', changes: [{ gateId: 'nhse-assurance', forecastDate: '2015-11-20' }] },
  },
  { method: 'GET', path: '/api/programmes/{id}/what-if/scenarios/{scenarioId}', allowed: ANY_SIGNED_IN },
  {
    method: 'DELETE',
    path: '/api/programmes/{id}/what-if/scenarios/{scenarioId}',
    allowed: ['admin', 'sro', 'partnerships'],
  },
  { method: 'GET', path: '/api/programmes/{id}/risks', allowed: ANY_SIGNED_IN },
  {
    method: 'POST',
    path: '/api/programmes/{id}/risks',
    allowed: ['admin', 'partnerships', 'sro', 'owner'],
    body: {
      kind: 'risk',
      title: 'Matrix risk',
      owner: { name: 'Matrix Risk Owner', email: 'matrix.risk@example.nhs.uk' },
      likelihood: 2,
      impact: 3,
    },
  },
  { method: 'GET', path: '/api/programmes/{id}/risks/{riskId}', allowed: ANY_SIGNED_IN },
  {
    method: 'PATCH',
    path: '/api/programmes/{id}/risks/{riskId}',
    allowed: ['admin', 'partnerships', 'sro', 'owner'],
    body: { likelihood: 1, reason: 'checking who may re-score' },
  },
  { method: 'GET', path: '/api/programmes/{id}/report', allowed: ANY_SIGNED_IN },
  { method: 'GET', path: '/api/programmes/report', allowed: ANY_SIGNED_IN },
  { method: 'GET', path: '/api/me/mail-preferences', allowed: ANY_SIGNED_IN },
  { method: 'PUT', path: '/api/me/mail-preferences', allowed: ANY_SIGNED_IN, body: { weeklyDigest: true } },
  { method: 'GET', path: '/api/programmes/{id}/reminder-policy', allowed: ANY_SIGNED_IN },
  { method: 'PUT', path: '/api/programmes/{id}/reminder-policy', allowed: ['admin', 'partnerships'], body: {} },
  { method: 'POST', path: '/api/admin/reminders/run', allowed: ['admin'] },
  { method: 'GET', path: '/api/admin/outbox', allowed: ['admin'] },
  { method: 'GET', path: '/metrics', allowed: ['admin'] },
  { method: 'GET', path: '/api/admin/tokens', allowed: ['admin'] },
  {
    method: 'POST',
    path: '/api/admin/tokens',
    allowed: ['admin'],
    body: { name: 'Matrix Viewer', email: 'matrix.viewer@example.nhs.uk', role: 'viewer' },
  },
  { method: 'DELETE', path: '/api/admin/tokens/{tokenId}', allowed: ['admin'] },
  { method: 'GET', path: '/api/elections?from=2015-01-01&to=2016-12-31', allowed: ANY_SIGNED_IN },
  {
    method: 'POST',
    path: '/api/elections',
    allowed: ['admin'],
    body: {
      name: 'Matrix by-election',
      pollDate: '2016-02-04',
      periodStart: '2016-01-04',
      scope: 'local',
      areas: ['rutland-county-council'],
    },
  },
  { method: 'GET', path: '/api/elections/councils', allowed: ANY_SIGNED_IN },
  {
    method: 'POST',
    path: '/api/elections/no-polls',
    allowed: ['admin'],
    body: { year: 2016, councils: ['rutland-county-council'] },
  },
  // The matrix's programme is on v1, so the 2024 regime's routes answer 409 to the roles allowed.
  {
    method: 'POST',
    path: '/api/programmes/{id}/call-in',
    allowed: ['admin', 'partnerships'],
    body: { requestedBy: 'A resident', requestedOn: TODAY, grounds: 'Local resolution failed' },
  },
  {
    method: 'POST',
    path: '/api/programmes/{id}/call-in/outcome',
    allowed: ['admin', 'partnerships'],
    body: { outcome: 'not-called-in', decidedOn: TODAY },
  },
  {
    method: 'POST',
    path: '/api/programmes/{id}/call-in/decision',
    allowed: ['admin', 'partnerships'],
    body: { decision: 'Upheld', decidedOn: TODAY },
  },
  {
    method: 'POST',
    path: '/api/programmes/{id}/conditions/{conditionId}/discharge',
    allowed: ['admin', 'partnerships'],
    body: { dischargedOn: TODAY, evidence: 'Published' },
  },
  {
    method: 'PATCH',
    path: '/api/programmes/{id}/conditions/{conditionId}',
    allowed: ['admin', 'partnerships'],
    body: { dueDate: TODAY },
  },
  {
    method: 'PUT',
    path: '/api/programmes/{id}/scrutiny',
    allowed: ['admin', 'partnerships'],
    body: { committee: 'Joint HOSC', proposedDecisionDate: '2016-06-01', commentsDueDate: '2016-05-01' },
  },
  {
    method: 'POST',
    path: '/api/programmes/{id}/scrutiny/notifications/{notificationId}/sent',
    allowed: ['admin', 'partnerships'],
    body: { sentOn: TODAY },
  },
  {
    method: 'PUT',
    path: '/api/programmes/{id}/councils',
    allowed: ['admin', 'partnerships'],
    body: { councils: ['leicester-city-council'] },
  },
  { method: 'GET', path: '/api/programmes/{id}/calendar.ics', allowed: ANY_SIGNED_IN },
  { method: 'GET', path: '/api/me/calendar.ics', allowed: ANY_SIGNED_IN },
  { method: 'GET', path: '/api/me/calendar-feeds', allowed: ANY_SIGNED_IN },
  // A calendar address reads what its maker may read; it changes no programme, so every role may make one.
  { method: 'POST', path: '/api/me/calendar-feeds', allowed: ANY_SIGNED_IN, body: {} },
  { method: 'DELETE', path: '/api/me/calendar-feeds/{feedId}', allowed: ANY_SIGNED_IN },
  { method: 'GET', path: '/api/programmes/export.xlsx', allowed: ANY_SIGNED_IN },
  { method: 'GET', path: '/api/programmes/export.csv', allowed: ANY_SIGNED_IN },
  { method: 'GET', path: '/api/programmes/import-template.xlsx', allowed: ANY_SIGNED_IN },
  // Creates a programme, like POST /api/programmes; the empty body is refused (415) once the role is let in.
  { method: 'POST', path: '/api/programmes/import', allowed: ['admin', 'partnerships'], body: {} },
  { method: 'GET', path: '/api/programmes/{id}/export.xlsx', allowed: ANY_SIGNED_IN },
  { method: 'GET', path: '/api/programmes/{id}/export.csv', allowed: ANY_SIGNED_IN },
  // Public: the secret in the query is the credential (Outlook and Google cannot send a header).
  { method: 'GET', path: '/api/calendar-feeds/calendar.ics', allowed: 'public' },
];

const CALLERS: Caller[] = ['anonymous', 'admin', 'sro', 'partnerships', 'owner', 'viewer'];
/** The owner in the matrix owns the gates the owner-allowed routes act on (PCBC draft, clinical senate). */
const OWNER = { name: 'Matrix Gate Owner', email: 'matrix.owner@example.nhs.uk' };

describe('the role matrix', () => {
  let t: TestApp;
  let programmeId: string;
  const tokens = {} as Record<Role, string>;
  const sessions = {} as Record<Role, PageSession>;

  beforeAll(async () => {
    // Every route, six callers, two ways in, from one address: the request limit is set out of reach
    // (it counts, and each answer carries its headers) and the bearer back-off is off; both are tested
    // in test/e2e/rate-limits*.test.ts.
    t = await startTestApp({
      now: `${TODAY}T09:00:00Z`,
      env: { RATE_LIMIT_MAX: '1000000', RATE_LIMIT_SIGN_IN_MAX: '1000000', BEARER_FAILURES_BEFORE_BACK_OFF: '0' },
    });
    tokens.admin = t.adminToken;
    for (const role of ['sro', 'partnerships', 'viewer'] as const) tokens[role] = await t.tokenFor(role);
    tokens.owner = (await t.get(TokenService).create({ ...OWNER, role: 'owner' })).token;
    const body = structuredClone(BETTER_CARE_TOGETHER);
    body.gates['pcbc-draft']!.owner = OWNER;
    body.gates['clinical-senate-review']!.owner = OWNER;
    const created = await t.request('POST', '/api/programmes', { token: tokens.partnerships, body });
    expect(created.status).toBe(201);
    programmeId = created.body.id;
    for (const role of ANY_SIGNED_IN) sessions[role] = await signInWithToken(t, tokens[role]);
  });
  afterAll(() => t.close());

  function url(route: Route): string {
    return route.path
      .replace('{id}', route.path.startsWith('/api/workflows') ? 'nhs-service-change' : programmeId)
      .replace('{gateId}', route.gate ?? 'pcbc-draft')
      .replace('{tokenId}', randomUUID())
      .replace('{scenarioId}', randomUUID())
      .replace('{partyId}', 'no-such-party')
      .replace('{riskId}', randomUUID())
      .replace('{feedId}', randomUUID())
      .replace('{conditionId}', '1')
      .replace('{notificationId}', '1');
  }

  async function call(route: Route, caller: Caller, via: 'token' | 'session') {
    const headers: Record<string, string> = {};
    if (caller !== 'anonymous' && via === 'token') headers.authorization = `Bearer ${tokens[caller]}`;
    if (caller !== 'anonymous' && via === 'session') {
      headers.cookie = sessions[caller].cookie;
      headers['x-csrf-token'] = sessions[caller].csrfToken;
    }
    if (route.body !== undefined) headers['content-type'] = 'application/json';
    const res = await t.app.inject({
      method: route.method,
      url: url(route),
      headers,
      ...(route.body !== undefined ? { payload: JSON.stringify(route.body) } : {}),
    });
    return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), body: res.body };
  }

  function expected(route: Route, caller: Caller): 'allowed' | 401 | 403 {
    if (route.allowed === 'public') return 'allowed';
    if (caller === 'anonymous') return 401;
    return route.allowed.includes(caller) ? 'allowed' : 403;
  }

  const cases = (['token', 'session'] as const).flatMap((via) =>
    MATRIX.flatMap((route) =>
      CALLERS.map((caller) => [`${route.method} ${route.path} as ${caller} (${via})`, route, caller, via] as const),
    ),
  );

  it.each(cases)('%s', async (_name, route, caller, via) => {
    const res = await call(route, caller, via);
    const want = expected(route, caller);
    if (want === 'allowed') {
      // Status and body together, so that a failure shows why the route refused.
      expect(`${res.status} ${res.body}`).not.toMatch(/^(401|403|5\d\d) /);
    } else {
      expect(`${res.status} ${res.body}`).toMatch(new RegExp(`^${want} `));
      expect(res.type).toMatch(/^application\/problem\+json/);
    }
  });

  it('covers every route the API documents', async () => {
    const doc = await t.request('GET', '/api/docs/openapi.json');
    const documented = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const inMatrix = MATRIX.map((r) => `${r.method} ${r.path.replace(/\?.*$/, '')}`);
    expect(documented.filter((route) => !inMatrix.includes(route))).toEqual([]);
    expect(inMatrix.filter((route) => !documented.includes(route))).toEqual([]);
  });

  it('keeps a gate owner to the gates they own', async () => {
    const other = await t.request('POST', `/api/programmes/${programmeId}/gates/partner-approvals/complete`, {
      token: tokens.owner,
      body: { completedOn: TODAY },
    });
    expect(other.status).toBe(403);
    const reforecast = await t.request('PATCH', `/api/programmes/${programmeId}/gates/public-consultation`, {
      token: tokens.owner,
      body: { forecastDate: '2016-01-04', reason: 'not my gate' },
    });
    expect(reforecast.status).toBe(403);
  });

  it('keeps a role limited to one programme out of the others', async () => {
    const other = await t.request('POST', '/api/programmes', {
      token: tokens.partnerships,
      body: BETTER_CARE_TOGETHER,
    });
    const tokenService = t.get(TokenService);
    const scopedViewer = (
      await tokenService.create({
        name: 'Scoped Viewer',
        email: 'scoped.viewer@example.nhs.uk',
        role: 'viewer',
        programmeId,
      })
    ).token;
    const scopedLead = (
      await tokenService.create({
        name: 'Scoped Lead',
        email: 'scoped.lead@example.nhs.uk',
        role: 'partnerships',
        programmeId,
      })
    ).token;

    expect((await t.request('GET', `/api/programmes/${programmeId}`, { token: scopedViewer })).status).toBe(200);
    expect((await t.request('GET', `/api/programmes/${other.body.id}`, { token: scopedViewer })).status).toBe(403);
    expect((await t.request('GET', `/api/programmes/${other.body.id}/audit`, { token: scopedViewer })).status).toBe(
      403,
    );
    const whatIf = await t.request('POST', `/api/programmes/${other.body.id}/what-if`, {
      token: scopedViewer,
      body: { changes: [{ gateId: 'nhse-assurance', forecastDate: '2015-11-20' }] },
    });
    expect(whatIf.status).toBe(403);
    const list = await t.request('GET', '/api/programmes', { token: scopedViewer });
    expect(list.body.map((p: { id: string }) => p.id)).toEqual([programmeId]);

    const elsewhere = await t.request('PATCH', `/api/programmes/${other.body.id}/gates/pcbc-draft`, {
      token: scopedLead,
      body: { forecastDate: '2015-11-09', reason: 'not my programme' },
    });
    expect(elsewhere.status).toBe(403);

    const { cookie } = await signInWithToken(t, scopedViewer);
    const home = await t.app.inject({ method: 'GET', url: '/', headers: { cookie } });
    expect(home.body).toContain(`/programmes/${programmeId}"`);
    expect(home.body).not.toContain(`/programmes/${other.body.id}"`);
  });
});

// The pages are not in the OpenAPI document, so their routes are collected as they are
// registered: each must send an anonymous visitor to sign in, and none may let a viewer
// (read-only everywhere) change anything.
describe('every page route', () => {
  const PUBLIC_PAGES = ['/login', '/login/oidc', '/login/oidc/callback'];
  let app: NestFastifyApplication;
  let database: TestDatabase;
  const routes: Array<{ method: string; url: string }> = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig(
      {
        DATABASE_URL: database.url,
        LOG_LEVEL: 'silent',
        SEED_DEMO: 'false',
        REMINDERS_CRON_ENABLED: 'false',
        RATE_LIMIT_MAX: '1000000',
        RATE_LIMIT_SIGN_IN_MAX: '1000000',
      },
      resolve(__dirname, '../..'),
    );
    app = await createApp(config);
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRoute', (route) => {
        for (const method of [route.method].flat()) routes.push({ method, url: route.url });
      });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const pages = () =>
    routes.filter(
      (r) =>
        // /metrics is an API route (in the OpenAPI document, so in the matrix above), not a page.
        !/^\/(api|assets|metrics)(\/|$)/.test(r.url) &&
        !PUBLIC_PAGES.includes(r.url) &&
        !r.url.includes('*') &&
        r.method !== 'HEAD',
    );
  const concrete = (url: string) => url.replace(/:\w+/g, randomUUID());

  it('needs a signed-in person', async () => {
    expect(pages().map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(['GET /', 'POST /logout']));
    for (const route of pages()) {
      const res = await app.inject({ method: route.method as 'GET', url: concrete(route.url) });
      const answer = `${route.method} ${route.url} -> ${res.statusCode} ${res.headers.location ?? ''}`;
      expect(answer).toMatch(route.method === 'GET' ? / -> 303 \/login/ : / -> (401|303) /);
    }
  });

  it('counts every route against a rate limit but the probes, the metrics and static files', async () => {
    const registered = routes.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
    // The stricter sign-in group names only routes that exist (a renamed route would drop out of it).
    expect([...SIGN_IN_ROUTES].filter((route) => !registered.includes(route))).toEqual([]);
    const exempt = routes.filter((r) => rateLimitGroup(r.method, r.url) === 'exempt').map((r) => r.url);
    expect([...new Set(exempt)].sort()).toEqual(['/api/health', '/api/health/live', '/api/health/ready', '/metrics']);
    // Static files (registered before this collector) are not counted either; a page is.
    const asset = await app.inject({ method: 'GET', url: '/assets/app/app.css' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['x-ratelimit-limit']).toBeUndefined();
    const page = await app.inject({ method: 'GET', url: '/login' });
    expect(page.headers['x-ratelimit-limit']).toBe('1000000');
  });

  // A viewer may make and revoke their own calendar addresses: that changes no programme.
  const VIEWER_MAY_POST = ['/calendar-feeds', '/calendar-feeds/:feedId/revoke'];

  it('lets a viewer change nothing', async () => {
    const viewer = await app
      .get(TokenService)
      .create({ name: 'Page Viewer', email: 'page.viewer@example.nhs.uk', role: 'viewer' });
    const signIn = await app.inject({ method: 'POST', url: '/login', headers: FORM, payload: `token=${viewer.token}` });
    const cookie = `cg_session=${setCookies(signIn.headers).cg_session.value}`;
    const csrf = csrfTokenIn((await app.inject({ method: 'GET', url: '/', headers: { cookie } })).body);
    for (const route of pages().filter(
      (r) => r.method !== 'GET' && !r.url.startsWith('/logout') && !VIEWER_MAY_POST.includes(r.url),
    )) {
      const res = await app.inject({
        method: route.method as 'POST',
        url: concrete(route.url),
        headers: { cookie, ...FORM },
        payload: `_csrf=${encodeURIComponent(csrf)}`,
      });
      expect(`${route.method} ${route.url} -> ${res.statusCode}`).toMatch(/ -> 403$/);
    }
  });
});
