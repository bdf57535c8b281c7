import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import { TokenService } from '../../src/auth/token.service';
import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { TestApp, startTestApp } from '../support/test-app';
import { startServiceProcess } from '../support/server-process';
import { FORM, setCookies, signInWithToken } from '../support/web-session';

// What a stolen copy of the database, a revoked or expired token, and the logs give away.

jest.setTimeout(30_000);

describe('tokens at rest and in use', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-27T09:00:00Z' });
  });
  afterAll(() => t.close());

  const asBearer = (token: string) => t.request('GET', '/api/programmes', { token });
  const asCookie = (value: string) =>
    t.app.inject({ method: 'GET', url: '/', headers: { cookie: `cg_session=${value}` } });

  it('keeps only hashes: nothing copied out of the database signs anyone in', async () => {
    const secret = await t.tokenFor('partnerships');
    const session = await signInWithToken(t, secret);
    const cookieValue = session.cookie.replace('cg_session=', '');
    expect((await asBearer(secret)).status).toBe(200);

    const db = t.get(DataSource);
    const tokenRows: Array<Record<string, unknown>> = await db.query('SELECT * FROM api_token');
    const sessionRows: Array<Record<string, unknown>> = await db.query('SELECT * FROM web_session');
    const stolen = [...tokenRows, ...sessionRows].flatMap((row) => Object.values(row).map(String));
    expect(stolen).not.toContain(secret);
    expect(stolen).not.toContain(cookieValue);
    expect(tokenRows.map((r) => r.token_hash)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^[0-9a-f]{64}$/)]),
    );
    for (const value of new Set(stolen.filter((v) => v.length >= 32))) {
      expect((await asBearer(value)).status).toBe(401);
      expect((await asCookie(value)).statusCode).toBe(303);
    }

    if (t.database.dialect === 'sqlite') {
      // The file itself, with its write-ahead log: not a trace of the secrets.
      const dir = dirname(t.database.url.replace(/^sqlite:/, ''));
      const bytes = readdirSync(dir)
        .map((f) => readFileSync(join(dir, f)).toString('latin1'))
        .join('');
      expect(bytes).toContain(tokenRows[0].token_hash as string);
      expect(bytes.includes(secret)).toBe(false);
      expect(bytes.includes(cookieValue)).toBe(false);
      expect(bytes.includes(t.adminToken)).toBe(false);
    }
  });

  it('refuses a revoked token and an expired one with 401', async () => {
    const tokens = t.get(TokenService);
    const revoked = await tokens.create({ name: 'Revoked Person', email: 'revoked@example.nhs.uk', role: 'viewer' });
    expect((await asBearer(revoked.token)).status).toBe(200);
    const gone = await t.request('DELETE', `/api/admin/tokens/${revoked.id}`, { token: t.adminToken });
    expect(gone.status).toBe(204);
    const refused = await asBearer(revoked.token);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ status: 401, detail: 'The token is unknown, expired or revoked' });

    const shortLived = await tokens.create({
      name: 'Short Lived',
      email: 'short@example.nhs.uk',
      role: 'viewer',
      ttlDays: 1,
    });
    expect(shortLived.expiresAt).toBe('2015-10-28T09:00:00.000Z');
    t.setNow('2015-10-28T08:59:59Z');
    expect((await asBearer(shortLived.token)).status).toBe(200);
    t.setNow('2015-10-28T09:00:00Z');
    expect((await asBearer(shortLived.token)).status).toBe(401);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: FORM,
      payload: `token=${shortLived.token}`,
    });
    expect(signIn.statusCode).toBe(401);
    t.setNow('2015-10-27T09:00:00Z');
  });

  it('names in the audit who gave and who took away access to a programme, never the secret', async () => {
    const lead = await t.tokenFor('partnerships');
    const programme = await t.request('POST', '/api/programmes', { token: lead, body: BETTER_CARE_TOGETHER });
    const created = await t.request('POST', '/api/admin/tokens', {
      token: t.adminToken,
      body: {
        name: 'Board Member',
        email: 'board.member@example.nhs.uk',
        role: 'viewer',
        programmeId: programme.body.id,
      },
    });
    expect(created.status).toBe(201);
    expect((await t.request('DELETE', `/api/admin/tokens/${created.body.id}`, { token: t.adminToken })).status).toBe(
      204,
    );

    const audit = await t.request('GET', `/api/programmes/${programme.body.id}/audit`, { token: lead });
    const access = audit.body.filter((e: { action: string }) => e.action.startsWith('token.'));
    expect(access).toEqual([
      expect.objectContaining({
        action: 'token.created',
        actor: 'Bootstrap admin <admin@consultation-gates.invalid>',
        detail: expect.objectContaining({ person: 'Board Member <board.member@example.nhs.uk>', role: 'viewer' }),
      }),
      expect.objectContaining({ action: 'token.revoked', actor: 'Bootstrap admin <admin@consultation-gates.invalid>' }),
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(created.body.token);
  });

  it('lists tokens to admins without any secret or hash, and marks the revoked ones', async () => {
    const list = await t.request('GET', '/api/admin/tokens', { token: t.adminToken });
    expect(list.status).toBe(200);
    const keys = new Set(list.body.flatMap((row: object) => Object.keys(row)));
    expect([...keys].sort()).toEqual(
      ['createdAt', 'email', 'expiresAt', 'id', 'lastUsedAt', 'name', 'programmeId', 'revokedAt', 'role'].sort(),
    );
    expect(list.body.some((row: { revokedAt: string | null }) => row.revokedAt)).toBe(true);
  });
});

describe('the logs of a running service', () => {
  it('never hold a token, a session cookie, a CSRF token or a password', async () => {
    const adminToken = `cg_bootstrap-${'z'.repeat(40)}`;
    const server = await startServiceProcess({ LOG_LEVEL: 'debug', BOOTSTRAP_ADMIN_TOKEN: adminToken });
    try {
      const auth = { authorization: `Bearer ${adminToken}` };
      const created = await fetch(`${server.url}/api/admin/tokens`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Log Check', email: 'log.check@example.nhs.uk', role: 'partnerships' }),
      });
      const { token } = (await created.json()) as { token: string };

      const signIn = await fetch(`${server.url}/login?token=${token}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }).toString(),
      });
      expect(signIn.status).toBe(303);
      const cookieValue = setCookies({ 'set-cookie': signIn.headers.getSetCookie() }).cg_session.value;
      const home = await fetch(`${server.url}/`, { headers: { cookie: `cg_session=${cookieValue}` } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await home.text())![1];
      const out = await fetch(`${server.url}/logout`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: `cg_session=${cookieValue}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: `_csrf=${csrf}`,
      });
      expect(out.status).toBe(303);
      await fetch(`${server.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'log.check@example.nhs.uk', password: 'my secret passphrase' }).toString(),
      });
      await fetch(`${server.url}/api/programmes`, {
        headers: { authorization: 'Bearer cg_wrong-guess-0123456789abcdef' },
      });

      const output = server.output();
      expect(output).toContain('"url":"/login"');
      for (const secret of [adminToken, token, cookieValue, csrf, 'my secret passphrase', 'cg_wrong-guess']) {
        expect(output.includes(secret)).toBe(false);
      }
    } finally {
      await server.stop();
    }
  });
});
