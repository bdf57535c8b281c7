import { TokenService } from '../../src/auth/token.service';
import { DemoSeedService } from '../../src/demo/demo-seed.service';
import { ProgrammeService } from '../../src/programmes/programme.service';
import { TestApp, startTestApp } from '../support/test-app';
import { FORM, PageSession, signInWithToken } from '../support/web-session';

// The dashboard pages over HTTP: what each role is shown and offered, and how refusals
// come back (error pages, or the form again with its messages). The browser suite
// (test/browser) walks the same pages in Chromium with axe.

describe('dashboard pages', () => {
  let t: TestApp;
  let bct: string;
  let plan: string;
  const sessions: Record<string, PageSession> = {};

  const get = (url: string, who: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: sessions[who].cookie } });
  const post = (url: string, who: string, fields: Record<string, string>, csrf = true) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: sessions[who].cookie, ...FORM },
      payload: new URLSearchParams({ ...(csrf ? { _csrf: sessions[who].csrfToken } : {}), ...fields }).toString(),
    });
  const date = (name: string, iso: string) => {
    const [year, month, day] = iso.split('-');
    return { [`${name}[day]`]: day, [`${name}[month]`]: month, [`${name}[year]`]: year };
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-27T09:00:00Z' });
    await t.get(DemoSeedService).seedIfEmpty();
    const programmes = await t.get(ProgrammeService).list();
    bct = programmes.find((p) => p.name === 'Better Care Together')!.id;
    plan = programmes.find((p) => p.workflow.id === 'plan-submission')!.id;
    const tokens = t.get(TokenService);
    const owner = await tokens.create({ name: 'Helen Seth', email: 'helen.seth@example.nhs.uk', role: 'owner' });
    const scoped = await tokens.create({
      name: 'Plan Viewer',
      email: 'plan@example.nhs.uk',
      role: 'viewer',
      programmeId: plan,
    });
    sessions.lead = await signInWithToken(t, await t.tokenFor('partnerships'));
    sessions.sro = await signInWithToken(t, await t.tokenFor('sro'));
    sessions.viewer = await signInWithToken(t, await t.tokenFor('viewer'));
    sessions.owner = await signInWithToken(t, owner.token);
    sessions.scoped = await signInWithToken(t, scoped.token);
  });
  afterAll(() => t.close());

  it('shows the portfolio with RAG words and reasons, limited to what the person may see', async () => {
    const all = await get('/', 'viewer');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain(`href="/programmes/${bct}">Better Care Together</a>`);
    expect(all.body).toMatch(/nhsuk-tag--red">Red</);
    expect(all.body).toContain('Partner board approvals: Target 26 Oct 2015 has passed');
    expect(all.body).toContain('1 Dec 2015, 1 day later than the target of 30 Nov 2015');
    const one = await get('/', 'scoped');
    expect(one.body).toContain(`/programmes/${plan}"`);
    expect(one.body).not.toContain(`/programmes/${bct}"`);
  });

  it('shows the programme page: headline, timeline and chart as SVG pictures with words, no inline script', async () => {
    const res = await get(`/programmes/${bct}`, 'viewer');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<h1>');
    expect(res.body).toMatch(
      /<svg class="cg-timeline__svg"[^>]+role="img" aria-labelledby="timeline-title timeline-desc"/,
    );
    expect(res.body).toMatch(/<svg class="cg-chart__svg"[^>]+role="img"/);
    expect(res.body).toContain(
      'Partner board approvals (approval, open): opens when Clinical senate review is complete.',
    );
    expect(res.body).toContain('stateDiagram-v2');
    expect(res.body).not.toMatch(/<script>|<script type="text\/javascript">|\sstyle="/);
    expect(res.body).not.toContain('Record a decision');
  });

  it('answers a programme or gate that is not there, or not theirs, with an error page', async () => {
    const missing = await get('/programmes/00000000-0000-4000-8000-000000000000', 'viewer');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^text\/html/);
    expect((await get(`/programmes/${bct}/gates/no-such-gate/decision`, 'lead')).statusCode).toBe(404);
    const elsewhere = await get(`/programmes/${bct}`, 'scoped');
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.body).toContain('Not allowed for your role');
  });

  it('offers a form only where it can be used, saying why not otherwise', async () => {
    const notOpen = await get(`/programmes/${bct}/gates/nhse-assurance/decision`, 'lead');
    expect(notOpen.statusCode).toBe(409);
    expect(notOpen.body).toContain(
      'NHS England and TDA assurance is not open yet: decisions are recorded while it is open',
    );
    const automatic = await get(`/programmes/${bct}/gates/partner-approvals/complete`, 'lead');
    expect(automatic.statusCode).toBe(409);
    expect(automatic.body).toContain('completes by itself once every party has approved');
    expect((await get(`/programmes/${bct}/gates/public-consultation/reforecast`, 'owner')).statusCode).toBe(403);
    expect((await get(`/programmes/${bct}/gates/nhse-assurance/reforecast`, 'owner')).statusCode).toBe(200);
    expect((await get(`/programmes/${bct}/gates/public-consultation/reforecast`, 'sro')).statusCode).toBe(200);
    expect((await get(`/programmes/${bct}/gates/partner-approvals/decision`, 'sro')).statusCode).toBe(403);
    expect((await get(`/programmes/${bct}/gates/partner-approvals/decision`, 'viewer')).statusCode).toBe(403);
  });

  it('refuses a form posted without the session CSRF token, changing nothing', async () => {
    const before = await t.get(ProgrammeService).get(bct);
    const res = await post(
      `/programmes/${bct}/gates/nhse-assurance/reforecast`,
      'lead',
      { ...date('forecastDate', '2015-11-20'), reason: 'No token' },
      false,
    );
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Form expired or not from this service');
    expect((await t.get(ProgrammeService).get(bct)).revision).toBe(before.revision);
  });

  it('shows a refusal from the workflow on the form again, with what was typed', async () => {
    const res = await post(`/programmes/${bct}/gates/nhse-assurance/decision`, 'lead', {
      partyId: 'nhse',
      decision: 'approved',
      ...date('decidedOn', '2015-10-26'),
      reference: 'NHSE panel',
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toMatch(/value="nhse" checked/);
    expect(res.body).toContain('value="NHSE panel"');
  });

  it('lets an owner change their own gate only, and re-forecasts through the form, moving later gates', async () => {
    const notTheirs = await post(`/programmes/${bct}/gates/public-consultation/reforecast`, 'owner', {
      ...date('forecastDate', '2015-12-07'),
      reason: 'Not my gate',
    });
    expect(notTheirs.statusCode).toBe(403);
    const moved = await post(`/programmes/${bct}/gates/nhse-assurance/reforecast`, 'owner', {
      ...date('forecastDate', '2015-11-23'),
      reason: 'Assurance panel moved',
    });
    expect(moved.statusCode).toBe(303);
    expect(moved.headers.location).toBe(`/programmes/${bct}?changed=reforecast&gate=nhse-assurance`);
    const page = await get(String(moved.headers.location), 'owner');
    expect(page.body).toContain('nhsuk-notification-banner--success');
    expect(page.body).toContain('NHS England and TDA assurance is now forecast for 23 Nov 2015');
    const view = await t.get(ProgrammeService).get(bct);
    expect(view.gates.find((g) => g.id === 'nhse-assurance')).toMatchObject({
      baselineDate: '2015-11-09',
      forecastDate: '2015-11-23',
    });
    expect(view.consultation!.forecastStart! > '2015-12-01').toBe(true);
    expect(page.body).toContain(
      'NHS England and TDA assurance re-forecast from 10 Nov 2015 to 23 Nov 2015: Assurance panel moved',
    );
  });
});
