import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { DataSource } from 'typeorm';
import { hashSessionCookie } from '../../src/auth/session.service';
import { toInstant } from '../../src/core/database/sql';
import { SignInService } from '../../src/auth/sign-in.service';
import { TestApp, startTestApp } from '../support/test-app';
import { FORM, csrfTokenIn, setCookies, signInWithToken } from '../support/web-session';

// Signing in to the pages: the session cookie, CSRF on every cookie-authenticated change,
// sign-out, the limit on failed sign-ins, and the security headers on every page.

// Password sign-ins run scrypt, and the limit tests make a few dozen of them.
jest.setTimeout(30_000);

describe('page sessions', () => {
  let t: TestApp;
  let lead: string;

  const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { ...FORM, ...headers },
      payload: new URLSearchParams(fields).toString(),
    });
  const page = (url: string, cookie?: string) =>
    t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    // As deployed behind a TLS-terminating proxy: addresses and https come from its headers.
    t = await startTestApp({
      now: '2015-10-27T09:00:00Z',
      env: { MAX_FAILED_SIGN_INS: '3', SESSION_HOURS: '8', SESSION_IDLE_MINUTES: '60', TRUST_PROXY: 'true' },
    });
    lead = await t.tokenFor('partnerships');
  });
  afterAll(() => t.close());

  it('shows the sign-in form with a token field, with security headers and no caching', async () => {
    const res = await page('/login');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<input[^>]+name="token"[^>]+type="password"/);
    expect(res.body).toContain('Consultation Gates');
    expect(res.body).toContain('href="#maincontent"');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'.*script-src 'self'/);
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).not.toMatch(/<script>(?!<)/); // no inline scripts: the CSP would block them
    const css = await page('/assets/nhsuk-frontend.min.css');
    expect(css.statusCode).toBe(200);
    expect((await page('/assets/template.njk')).statusCode).toBe(404);
  });

  it('sends a visitor who is not signed in to the sign-in form', async () => {
    const res = await page('/');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login');
  });

  it('signs in with a token: an HttpOnly, SameSite=Lax session cookie, Secure behind TLS', async () => {
    const plain = await form({ token: lead, next: '/' });
    expect(plain.statusCode).toBe(303);
    expect(plain.headers.location).toBe('/');
    const session = setCookies(plain.headers).cg_session;
    expect(session.value).toMatch(/^[\w-]{43}$/);
    expect(session.value).not.toContain(lead);
    expect(session.attributes).toMatch(/HttpOnly/);
    expect(session.attributes).toMatch(/SameSite=Lax/);
    expect(session.attributes).toMatch(/Path=\//);
    expect(session.attributes).not.toMatch(/Secure/);
    expect(new Date(/Expires=([^;]+)/.exec(session.attributes)![1]).toISOString()).toBe('2015-10-27T17:00:00.000Z');

    const overTls = await form({ token: lead }, { 'x-forwarded-proto': 'https' });
    expect(setCookies(overTls.headers).cg_session.attributes).toMatch(/Secure/);
  });

  it('shows the signed-in person, their programmes and a sign-out button on /', async () => {
    const created = await t.request('POST', '/api/programmes', { token: lead, body: BETTER_CARE_TOGETHER });
    expect(created.status).toBe(201);
    const { cookie } = await signInWithToken(t, lead);
    const home = await page('/', cookie);
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<h1>Programmes</h1>');
    expect(home.body).toContain(`href="/programmes/${created.body.id}">Better Care Together</a>`);
    expect(home.body).toMatch(/Test partnerships \w+ \(partnerships\)/);
    expect(home.body).toMatch(/<form[^>]+action="\/logout"[^>]+method="post"/);
    expect((await page('/login', cookie)).headers.location).toBe('/');
  });

  it('refuses an unknown token with the form and a message, and never follows next to another site', async () => {
    const bad = await form({ token: 'cg_not-a-token' });
    expect(bad.statusCode).toBe(401);
    expect(bad.body).toContain('That token is unknown, expired or revoked.');
    expect(bad.body).toContain('nhsuk-error-summary');
    expect(bad.headers['set-cookie']).toBeUndefined();

    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const res = await form({ token: lead, next }, { 'x-forwarded-for': '10.9.9.9' });
      expect(res.headers.location).toBe('/');
    }
  });

  it('refuses a sign-in form posted from another site', async () => {
    const res = await form({ token: lead }, { origin: 'https://evil.example', 'x-forwarded-for': '10.9.9.8' });
    expect(res.statusCode).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
    const sameOrigin = await form({ token: lead }, { origin: 'http://localhost:80', host: 'localhost:80' });
    expect(sameOrigin.statusCode).toBe(303);
  });

  it('lets a cookie read the API, but a change needs the CSRF token (header or form field)', async () => {
    const { cookie, csrfToken } = await signInWithToken(t, lead);
    expect((await t.app.inject({ method: 'GET', url: '/api/programmes', headers: { cookie } })).statusCode).toBe(200);

    const without = await t.app.inject({
      method: 'POST',
      url: '/api/programmes',
      headers: { cookie, 'content-type': 'application/json' },
      payload: JSON.stringify(BETTER_CARE_TOGETHER),
    });
    expect(without.statusCode).toBe(403);
    expect(without.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(without.body)).toMatchObject({ status: 403, code: 'CSRF_REJECTED' });

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/programmes',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken.replace(/^./, 'x') },
      payload: JSON.stringify(BETTER_CARE_TOGETHER),
    });
    expect(wrong.statusCode).toBe(403);

    const withHeader = await t.app.inject({
      method: 'POST',
      url: '/api/programmes',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      payload: JSON.stringify(BETTER_CARE_TOGETHER),
    });
    expect(withHeader.statusCode).toBe(201);

    // A plain HTML form: the hidden _csrf field is checked and removed before the body is validated.
    const id = JSON.parse(withHeader.body).id as string;
    const viaForm = await t.app.inject({
      method: 'POST',
      url: `/api/programmes/${id}/gates/pcbc-draft/complete`,
      headers: { cookie, ...FORM },
      payload: new URLSearchParams({ _csrf: csrfToken, completedOn: '2015-09-04' }).toString(),
    });
    expect(viaForm.statusCode).toBe(200);
    const audit = await t.request('GET', `/api/programmes/${id}/audit`, { token: lead });
    expect(audit.body.at(-1).actor).toMatch(/^Test partnerships \w+ <partnerships-\w+@example\.nhs\.uk>$/);
  });

  it('signs out: the session ends on the server and the cookie is cleared', async () => {
    const { cookie, csrfToken } = await signInWithToken(t, lead);
    const forged = await t.app.inject({ method: 'POST', url: '/logout', headers: { cookie, ...FORM }, payload: '' });
    expect(forged.statusCode).toBe(403);
    expect((await page('/', cookie)).statusCode).toBe(200);

    const out = await t.app.inject({
      method: 'POST',
      url: '/logout',
      headers: { cookie, ...FORM },
      payload: `_csrf=${encodeURIComponent(csrfToken)}`,
    });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/login?signed-out');
    expect(setCookies(out.headers).cg_session.attributes).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await page('/', cookie)).headers.location).toBe('/login');
    expect((await page('/login?signed-out')).body).toContain('You have signed out.');
  });

  /** Visits / at `at` and waits until the visit has been recorded against the session. */
  async function visit(cookie: string, at: string) {
    t.setNow(at);
    const res = await page('/', cookie);
    if (res.statusCode === 200) {
      const id = hashSessionCookie(cookie.replace('cg_session=', ''));
      const p = t.database.dialect === 'postgres' ? '$1' : '?';
      for (;;) {
        const [row] = await t.get(DataSource).query(`SELECT last_seen_at FROM web_session WHERE id = ${p}`, [id]);
        if (toInstant(row.last_seen_at).getTime() >= Date.parse(at)) break;
        await new Promise((r) => setImmediate(r));
      }
    }
    return res;
  }

  it('ends a session after its lifetime even while in use, and when the token it came from is revoked', async () => {
    const token = await t.tokenFor('viewer');
    const first = await signInWithToken(t, token);
    for (let minutes = 50; minutes < 8 * 60; minutes += 50) {
      const at = new Date(Date.parse('2015-10-27T09:00:00Z') + minutes * 60_000).toISOString();
      expect((await visit(first.cookie, at)).statusCode).toBe(200);
    }
    expect((await visit(first.cookie, '2015-10-27T16:59:00Z')).statusCode).toBe(200);
    t.setNow('2015-10-27T17:00:01Z');
    expect((await page('/', first.cookie)).headers.location).toBe('/login');

    const second = await signInWithToken(t, token);
    // Signing in clears the sessions that have run out.
    const rows: Array<{ id: string }> = await t.get(DataSource).query('SELECT id FROM web_session');
    expect(rows.map((r) => r.id)).not.toContain(hashSessionCookie(first.cookie.replace('cg_session=', '')));
    const tokens = await t.request('GET', '/api/admin/tokens', { token: t.adminToken });
    const id = tokens.body.find((row: { email: string; role: string }) => row.role === 'viewer').id;
    expect((await t.request('DELETE', `/api/admin/tokens/${id}`, { token: t.adminToken })).status).toBe(204);
    expect((await page('/', second.cookie)).headers.location).toBe('/login');
    t.setNow('2015-10-27T09:00:00Z');
  });

  it('ends a session left unused for the idle timeout, and keeps one in use', async () => {
    const session = await signInWithToken(t, await t.tokenFor('viewer'));
    expect((await visit(session.cookie, '2015-10-27T09:59:00Z')).statusCode).toBe(200);
    expect((await visit(session.cookie, '2015-10-27T10:58:00Z')).statusCode).toBe(200);
    t.setNow('2015-10-27T11:58:00Z'); // 60 minutes unused
    const ended = await page('/', session.cookie);
    expect(ended.statusCode).toBe(303);
    expect(ended.headers.location).toBe('/login');
    t.setNow('2015-10-27T09:00:00Z');
  });

  it('signs a person out everywhere: every browser of theirs, and nobody else', async () => {
    const token = await t.tokenFor('sro');
    const laptop = await signInWithToken(t, token);
    const desktop = await signInWithToken(t, token);
    const someoneElse = await signInWithToken(t, await t.tokenFor('viewer'));
    expect((await page('/', laptop.cookie)).body).toContain('action="/logout/everywhere"');
    const forged = await t.app.inject({
      method: 'POST',
      url: '/logout/everywhere',
      headers: { cookie: laptop.cookie, ...FORM },
      payload: '',
    });
    expect(forged.statusCode).toBe(403);
    expect((await page('/', desktop.cookie)).statusCode).toBe(200);

    const out = await t.app.inject({
      method: 'POST',
      url: '/logout/everywhere',
      headers: { cookie: laptop.cookie, ...FORM },
      payload: `_csrf=${encodeURIComponent(laptop.csrfToken)}`,
    });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/login?signed-out');
    expect((await page('/', laptop.cookie)).headers.location).toBe('/login');
    expect((await page('/', desktop.cookie)).headers.location).toBe('/login');
    expect((await page('/', someoneElse.cookie)).statusCode).toBe(200);
  });

  it('signs in with an email address and password when one was set', async () => {
    const email = (await t.request('GET', '/api/admin/tokens', { token: t.adminToken })).body.find(
      (row: { role: string }) => row.role === 'partnerships',
    ).email;
    await t.get(SignInService).setPassword(email, 'a long enough passphrase');
    const ok = await form({ email, password: 'a long enough passphrase' }, { 'x-forwarded-for': '10.7.0.1' });
    expect(ok.statusCode).toBe(303);
    const home = await page('/', `cg_session=${setCookies(ok.headers).cg_session.value}`);
    expect(home.body).toContain('(partnerships)');
    expect(csrfTokenIn(home.body)).toMatch(/^[\w-]{43}$/);

    const wrong = await form({ email, password: 'not the passphrase' }, { 'x-forwarded-for': '10.7.0.2' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('That email address and password do not match.');
  });

  it('limits failed sign-ins per address, then lets them try again after 15 minutes', async () => {
    const from = { 'x-forwarded-for': '10.1.2.3' };
    // An address alone may fail five times the limit (3 here), over any accounts.
    for (let i = 0; i < 15; i++) expect((await form({ token: `cg_guess-${i}` }, from)).statusCode).toBe(401);
    const blocked = await form({ token: lead }, from);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body).toContain('Too many failed sign-ins');
    const asJson = await form({ token: lead }, { ...from, accept: 'application/json' });
    expect(asJson.statusCode).toBe(429);
    expect(JSON.parse(asJson.body)).toMatchObject({ status: 429, code: 'TOO_MANY_SIGN_INS' });

    // Another address is not affected; the same one is again once the window has passed.
    expect((await form({ token: lead }, { 'x-forwarded-for': '10.1.2.4' })).statusCode).toBe(303);
    t.setNow('2015-10-27T09:15:01Z');
    expect((await form({ token: lead }, from)).statusCode).toBe(303);
    t.setNow('2015-10-27T09:00:00Z');
  });

  it('refuses request bodies over 256 KiB before reading them', async () => {
    const big = 'x'.repeat(300 * 1024);
    const asForm = await form({ token: big });
    expect(asForm.statusCode).toBe(413);
    const asJson = await t.request('POST', '/api/programmes', { token: lead, body: { name: big } });
    expect(asJson.status).toBe(413);
    expect(asJson.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('locks out an account from the address that guessed at it, and nobody else', async () => {
    const email = 'kate.shields@example.nhs.uk';
    await t.request('POST', '/api/admin/tokens', {
      token: t.adminToken,
      body: { name: 'Kate Shields', email, role: 'sro' },
    });
    await t.get(SignInService).setPassword(email, 'kate has a long passphrase');
    const attacker = { 'x-forwarded-for': '10.2.0.66' };
    for (let i = 0; i < 3; i++) {
      expect((await form({ email, password: `guess number ${i} here` }, attacker)).statusCode).toBe(401);
    }
    expect((await form({ email, password: 'kate has a long passphrase' }, attacker)).statusCode).toBe(429);
    // Kate, at her own desk, signs in as usual: guessing at her account did not lock her out.
    const kate = await form({ email, password: 'kate has a long passphrase' }, { 'x-forwarded-for': '10.2.0.7' });
    expect(kate.statusCode).toBe(303);
    // And the same token prefix guessed from many addresses locks none of them out.
    for (let i = 0; i < 3; i++) {
      await form({ token: `cg_samePrefix-${i}` }, { 'x-forwarded-for': `10.2.1.${i}` });
    }
    expect((await form({ token: 'cg_samePrefix-9' }, { 'x-forwarded-for': '10.2.1.9' })).statusCode).toBe(401);
  });
});
