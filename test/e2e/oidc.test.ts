import { generateKeyPairSync } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { TokenService } from '../../src/auth/token.service';
import { TestApp, startTestApp } from '../support/test-app';
import { setCookies } from '../support/web-session';

// Single sign-on end to end against a real OpenID provider (oidc-provider) on a real port:
// the browser's part is played here with plain HTTP, cookies and the provider's own sign-in
// and consent forms. The service reaches the provider over HTTP for discovery, the token and
// userinfo, as it would reach Microsoft Entra ID.

jest.setTimeout(30_000);
const APP = 'http://app.test';
const CLIENT = { id: 'consultation-gates', secret: 'a-client-secret-for-tests-only-0123456789' };
const ACCOUNTS: Record<string, { email: string; name: string }> = {
  helen: { email: 'Helen.Seth@example.nhs.uk', name: 'Helen Seth' },
  newcomer: { email: 'new.person@example.nhs.uk', name: 'New Person' },
};

describe('OpenID Connect sign-in', () => {
  let idp: Server;
  let issuer: string;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    idp = createServer();
    await new Promise<void>((ready) => idp.listen(0, '127.0.0.1', ready));
    issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT.id,
          client_secret: CLIENT.secret,
          redirect_uris: [`${APP}/login/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      findAccount: async (_ctx, id) =>
        ACCOUNTS[id]
          ? { accountId: id, claims: async () => ({ sub: id, ...ACCOUNTS[id], email_verified: true }) }
          : undefined,
      cookies: { keys: ['cookie-signing-key-for-tests-only'] },
      jwks: { keys: [generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })] },
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
      // The provider's built-in sign-in and consent pages: any password, the account id as login.
      features: { devInteractions: { enabled: true } },
    });
    idp.on('request', provider.callback());
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await new Promise((done) => idp.close(done));
  });

  async function startApp(env: Record<string, string> = {}) {
    const t = await startTestApp({
      env: {
        PUBLIC_URL: APP,
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: CLIENT.id,
        OIDC_CLIENT_SECRET: CLIENT.secret,
        ...env,
      },
    });
    apps.push(t);
    return t;
  }

  /** A browser signing in as `account`: returns the service's final answer to the callback. */
  async function signInThroughProvider(t: TestApp, account: string, next = '/') {
    const start = await t.app.inject({ method: 'GET', url: `/login/oidc?next=${encodeURIComponent(next)}` });
    expect(start.statusCode).toBe(303);
    const pending = setCookies(start.headers).cg_oidc;
    expect(pending.attributes).toMatch(/HttpOnly/);
    expect(pending.attributes).toMatch(/Path=\/login\/oidc/);
    const authorize = new URL(String(start.headers.location));
    expect(authorize.origin).toBe(issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');

    const jar = new Map<string, string>();
    let location = authorize.href;
    let request: RequestInit = { method: 'GET' };
    for (let hop = 0; hop < 12 && !location.startsWith(APP); hop++) {
      const res = await fetch(location, {
        ...request,
        redirect: 'manual',
        headers: { ...(request.headers as object), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair.indexOf('=');
        if (/expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(pair.slice(0, eq));
        else jar.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      if (res.status >= 300 && res.status < 400) {
        location = new URL(res.headers.get('location')!, location).href;
        request = { method: 'GET' };
        continue;
      }
      // A sign-in or consent form of the provider: fill it in and submit it.
      const html = await res.text();
      expect(res.status).toBe(200);
      const action = /<form[^>]*action="([^"]+)"/.exec(html)![1];
      const prompt = /name="prompt" value="([^"]+)"/.exec(html)![1];
      const fields = new URLSearchParams({
        prompt,
        ...(prompt === 'login' ? { login: account, password: 'any' } : {}),
      });
      location = new URL(action, location).href;
      request = {
        method: 'POST',
        body: fields.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      };
    }
    expect(location.startsWith(`${APP}/login/oidc/callback?`)).toBe(true);
    const callback = new URL(location);
    return t.app.inject({
      method: 'GET',
      url: `${callback.pathname}${callback.search}`,
      headers: { cookie: `cg_oidc=${pending.value}` },
    });
  }

  it('signs in a person who holds a role, end to end, with the role of their token', async () => {
    const t = await startApp();
    await t.get(TokenService).create({ name: 'Helen Seth', email: 'helen.seth@example.nhs.uk', role: 'partnerships' });

    const login = await t.app.inject({ method: 'GET', url: '/login' });
    expect(login.body).toContain('Sign in with your organisation account');
    expect(login.body).toContain('href="/login/oidc"');

    const done = await signInThroughProvider(t, 'helen', '/?from=sso');
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/?from=sso');
    const cookies = setCookies(done.headers);
    expect(cookies.cg_session.attributes).toMatch(/HttpOnly; SameSite=Lax/);
    expect(cookies.cg_oidc.attributes).toMatch(/Expires=Thu, 01 Jan 1970/);

    const home = await t.app.inject({
      method: 'GET',
      url: '/',
      headers: { cookie: `cg_session=${cookies.cg_session.value}` },
    });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Helen Seth (partnerships)');
    expect(home.body).toContain('<h1>Programmes</h1>');
  });

  it('refuses a person without a role unless a default role is configured', async () => {
    const strict = await startApp();
    const refused = await signInThroughProvider(strict, 'newcomer');
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('You have no role in Consultation Gates yet');
    expect(setCookies(refused.headers).cg_session).toBeUndefined();

    const open = await startApp({ OIDC_DEFAULT_ROLE: 'viewer' });
    const welcomed = await signInThroughProvider(open, 'newcomer');
    expect(welcomed.statusCode).toBe(303);
    const cookie = `cg_session=${setCookies(welcomed.headers).cg_session.value}`;
    const home = await open.app.inject({ method: 'GET', url: '/', headers: { cookie } });
    expect(home.body).toContain('New Person (viewer)');
    const change = await open.app.inject({
      method: 'POST',
      url: '/api/programmes',
      headers: { cookie, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(change.statusCode).toBe(403);
  });

  it('refuses a callback that does not belong to the sign-in this browser started', async () => {
    const t = await startApp();
    const noCookie = await t.app.inject({ method: 'GET', url: '/login/oidc/callback?code=abc&state=xyz' });
    expect(noCookie.statusCode).toBe(401);
    expect(noCookie.body).toContain('Please try again');

    const start = await t.app.inject({ method: 'GET', url: '/login/oidc' });
    const state = new URL(String(start.headers.location)).searchParams.get('state');
    const forged = await t.app.inject({
      method: 'GET',
      url: `/login/oidc/callback?code=forged&state=${state}-tampered&iss=${encodeURIComponent(issuer)}`,
      headers: { cookie: `cg_oidc=${setCookies(start.headers).cg_oidc.value}` },
    });
    expect(forged.statusCode).toBe(401);
    expect(setCookies(forged.headers).cg_session).toBeUndefined();

    // The cookie is sealed: the browser cannot read the state in it, nor make one of its own.
    const sealed = setCookies(start.headers).cg_oidc.value;
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain(state);
    const plain = Buffer.from(JSON.stringify({ state, nonce: 'n', codeVerifier: 'v'.repeat(43), next: '/' })).toString(
      'base64url',
    );
    const altered = sealed.slice(0, 20) + (sealed[20] === 'A' ? 'B' : 'A') + sealed.slice(21);
    for (const cookie of [plain, altered]) {
      const refused = await t.app.inject({
        method: 'GET',
        url: `/login/oidc/callback?code=abc&state=${state}&iss=${encodeURIComponent(issuer)}`,
        headers: { cookie: `cg_oidc=${cookie}` },
      });
      expect(refused.statusCode).toBe(401);
      expect(refused.body).toContain('The sign-in took too long or was started elsewhere');
    }
  });

  it('is not offered, and answers 404, when not configured', async () => {
    const t = await startTestApp();
    apps.push(t);
    expect((await t.app.inject({ method: 'GET', url: '/login' })).body).not.toContain('/login/oidc');
    expect((await t.app.inject({ method: 'GET', url: '/login/oidc' })).statusCode).toBe(404);
  });
});
