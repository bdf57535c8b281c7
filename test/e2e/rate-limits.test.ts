import { DataSource } from 'typeorm';
import { BearerBackOff } from '../../src/auth/bearer-back-off';
import { SignInService } from '../../src/auth/sign-in.service';
import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { changedTables, snapshotTables } from '../support/table-snapshot';
import { TestApp, TestResponse, startTestApp } from '../support/test-app';
import { testDialect } from '../support/test-database';
import { FORM } from '../support/web-session';

// The request rate limit per client address, the back-off on failed bearer tokens and the sign-in
// lock-outs, as deployed behind a proxy (TRUST_PROXY: the address is the one X-Forwarded-For names).
// Windows end by moving the service's clock (t.setNow), never by waiting.

// Password sign-ins run scrypt.
jest.setTimeout(30_000);

const START = Date.parse('2015-10-27T09:00:00Z');

describe(`rate limits and back-off on ${testDialect()}`, () => {
  let t: TestApp;
  let lead: string;
  let elapsedSeconds = 0;

  /** Moves the frozen clock on; counting windows move with it. */
  const wait = (seconds: number) => {
    elapsedSeconds += seconds;
    t.setNow(new Date(START + elapsedSeconds * 1000).toISOString());
  };
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const signIn = (fields: Record<string, string>, address: string) =>
    t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { ...FORM, accept: 'application/json', ...from(address) },
      payload: new URLSearchParams(fields).toString(),
    });

  function expectRefused(res: TestResponse | { statusCode: number; headers: TestResponse['headers']; body: string }) {
    const status = 'status' in res ? res.status : res.statusCode;
    const body = 'status' in res ? res.body : JSON.parse(res.body);
    expect(status).toBe(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({ status: 429, title: expect.any(String), detail: expect.any(String) });
    const retryAfter = Number(res.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
    return { code: body.code as string, retryAfter };
  }

  beforeAll(async () => {
    t = await startTestApp({
      now: '2015-10-27T09:00:00Z',
      env: {
        TRUST_PROXY: 'true',
        RATE_LIMIT_WINDOW_SECONDS: '60',
        RATE_LIMIT_MAX: '5',
        RATE_LIMIT_SIGN_IN_MAX: '4',
        MAX_FAILED_SIGN_INS: '3',
        BEARER_FAILURES_BEFORE_BACK_OFF: '3',
        BEARER_BACK_OFF_SECONDS: '60',
        BEARER_BACK_OFF_MAX_SECONDS: '240',
      },
    });
    lead = await t.tokenFor('partnerships');
  });
  afterAll(() => t?.close());

  it('answers 429 problem+json with Retry-After and the rate-limit headers past the limit, per address', async () => {
    const get = (address: string) => t.request('GET', '/api/programmes', { token: lead, headers: from(address) });
    for (let i = 1; i <= 5; i++) {
      const res = await get('10.0.0.1');
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBe('5');
      expect(res.headers['x-ratelimit-remaining']).toBe(String(5 - i));
    }
    wait(20);
    const refused = await get('10.0.0.1');
    const { code, retryAfter } = expectRefused(refused);
    expect(code).toBe('TOO_MANY_REQUESTS');
    expect(retryAfter).toBe(40);
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');
    expect(refused.headers['x-ratelimit-reset']).toBe('40');
    // Another address has its own count.
    expect((await get('10.0.0.2')).status).toBe(200);
    // Probes and the metrics scrape are never counted, so never refused.
    for (const url of ['/api/health/live', '/api/health/ready', '/api/health']) {
      const res = await t.request('GET', url, { headers: from('10.0.0.1') });
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
    expect((await t.request('GET', '/metrics', { token: t.adminToken, headers: from('10.0.0.1') })).status).toBe(200);
    // The window ends: the address is served again.
    wait(40);
    expect((await get('10.0.0.1')).status).toBe(200);
  });

  it('writes nothing for a refused request', async () => {
    const address = '10.0.0.3';
    for (let i = 0; i < 5; i++) await t.request('GET', '/api/programmes', { token: lead, headers: from(address) });
    const dataSource = t.get(DataSource);
    const before = await snapshotTables(dataSource);
    const refused = await t.request('POST', '/api/programmes', {
      token: lead,
      body: BETTER_CARE_TOGETHER,
      headers: from(address),
    });
    expectRefused(refused);
    expect(changedTables(before, await snapshotTables(dataSource))).toEqual([]);
    // The same request from elsewhere is written: the refusal was the limit's, not the request's.
    const created = await t.request('POST', '/api/programmes', {
      token: lead,
      body: BETTER_CARE_TOGETHER,
      headers: from('10.0.0.4'),
    });
    expect(created.status).toBe(201);
  });

  it('counts sign-ins apart from the rest, against the stricter limit', async () => {
    const address = '10.0.1.1';
    for (let i = 0; i < 4; i++) {
      // Distinct wrong tokens: the sign-in lock-out (3 per address and account) does not come into it.
      expect((await signIn({ token: `cg_wrong-${i}-${'x'.repeat(i)}` }, address)).statusCode).toBe(401);
    }
    const { code } = expectRefused(await signIn({ token: lead }, address));
    expect(code).toBe('TOO_MANY_REQUESTS');
    // The API from the same address has its own count.
    expect((await t.request('GET', '/api/programmes', { token: lead, headers: from(address) })).status).toBe(200);
  });

  it('locks out a guessed account only at the guesser’s address: the person signs in from elsewhere', async () => {
    const email = 'kate.shields@example.nhs.uk';
    await t.request('POST', '/api/admin/tokens', {
      token: t.adminToken,
      body: { name: 'Kate Shields', email, role: 'sro' },
      headers: from('10.0.2.9'),
    });
    await t.get(SignInService).setPassword(email, 'kate has a long passphrase');
    for (let i = 0; i < 3; i++) {
      expect((await signIn({ email, password: `guess number ${i} here` }, '10.0.2.66')).statusCode).toBe(401);
    }
    const locked = expectRefused(await signIn({ email, password: 'kate has a long passphrase' }, '10.0.2.66'));
    expect(locked.code).toBe('TOO_MANY_SIGN_INS');
    expect((await signIn({ email, password: 'kate has a long passphrase' }, '10.0.2.7')).statusCode).toBe(303);
  });

  it('refuses every bearer token from an address that failed too often, for longer each time, then forgets', async () => {
    const address = '10.0.3.1';
    const api = (token: string, at = address) => t.request('GET', '/api/programmes', { token, headers: from(at) });
    const warnings = jest.spyOn(Reflect.get(t.get(BearerBackOff), 'logger') as { warn: () => void }, 'warn');
    for (let i = 0; i < 3; i++) expect((await api(`cg_guess-${i}`)).status).toBe(401);
    expect(warnings).toHaveBeenCalledTimes(1);
    expect(String(warnings.mock.calls[0])).toMatch(/10\.0\.3\.1 refused for 60 s after 3 failed tokens/);

    // A correct token too: guessing cannot go on meanwhile.
    let refused = expectRefused(await api(lead));
    expect(refused).toEqual({ code: 'TOO_MANY_TOKEN_FAILURES', retryAfter: 60 });
    // The person behind the token, elsewhere, is served; so is a request without a token from here.
    expect((await api(lead, '10.0.3.2')).status).toBe(200);
    expect((await t.request('GET', '/api/health', { headers: from(address) })).status).toBe(200);
    expect((await t.request('GET', '/api/programmes', { headers: from(address) })).status).toBe(401);

    // Each failure once a refusal has ended doubles the next, up to the maximum (240 s).
    for (const expected of [120, 240, 240]) {
      wait(refused.retryAfter);
      expect((await api('cg_guess-again')).status).toBe(401);
      refused = expectRefused(await api(lead));
      expect(refused).toEqual({ code: 'TOO_MANY_TOKEN_FAILURES', retryAfter: expected });
    }
    wait(refused.retryAfter - 1);
    expectRefused(await api(lead));

    // The refusal ends; a correct token is served and the failures are forgotten.
    wait(1);
    expect((await api(lead)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await api(`cg_typo-${i}`)).status).toBe(401);
    expect((await api(lead)).status).toBe(200);
  });
});
