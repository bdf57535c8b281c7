import { SignInService } from '../../src/auth/sign-in.service';
import { CounterStore } from '../../src/core/counters/counter-store';
import { TestApp, startTestApp } from '../support/test-app';
import { TestDatabase, createTestDatabase, testDialect } from '../support/test-database';
import { FORM } from '../support/web-session';

// Two instances of the service on one database. On PostgreSQL the counters of the rate limit, the
// bearer back-off and the sign-in lock-outs are one set, in the database: what one instance counts,
// the other sees. On SQLite each process keeps its own (SQLite is meant for one running instance,
// docs/decisions/004), so the same steps show two separate counts. No proxy here: the address is
// the connection's, and an X-Forwarded-For header changes nothing.

jest.setTimeout(30_000);

const shared = testDialect() === 'postgres';

describe(`two instances on one ${shared ? 'PostgreSQL' : 'SQLite'} database`, () => {
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;

  const api = (t: TestApp, remoteAddress: string, token: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'GET',
      url: '/api/programmes',
      remoteAddress,
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
  const signIn = (t: TestApp, remoteAddress: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/login',
      remoteAddress,
      headers: { ...FORM, accept: 'application/json' },
      payload: new URLSearchParams(fields).toString(),
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    const options = {
      now: '2015-10-27T09:00:00Z',
      database,
      env: {
        RATE_LIMIT_MAX: '6',
        RATE_LIMIT_SIGN_IN_MAX: '100',
        MAX_FAILED_SIGN_INS: '3',
        BEARER_FAILURES_BEFORE_BACK_OFF: '3',
        BEARER_BACK_OFF_SECONDS: '60',
      },
    };
    a = await startTestApp(options);
    b = await startTestApp(options);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it(`${shared ? 'shares' : 'keeps apart'} the request counts of one address`, async () => {
    const address = '192.0.2.10';
    for (let i = 0; i < 3; i++) expect((await api(a, address, a.adminToken)).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) {
      // A forwarded address from a client is not believed without TRUST_PROXY: it buys no new allowance.
      const res = await api(b, address, b.adminToken, { 'x-forwarded-for': `198.51.100.${i}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-ratelimit-remaining']).toBe(String(shared ? 2 - i : 5 - i));
    }
    const seventh = await api(b, address, b.adminToken);
    expect(seventh.statusCode).toBe(shared ? 429 : 200);
    if (shared) {
      expect(seventh.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(seventh.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it(`${shared ? 'refuses at one instance' : 'counts at each instance'} the tokens that failed at the other`, async () => {
    const guesser = '192.0.2.20';
    for (let i = 0; i < 3; i++) expect((await api(a, guesser, `cg_guess-${i}`)).statusCode).toBe(401);
    const atB = await api(b, guesser, b.adminToken);
    expect(atB.statusCode).toBe(shared ? 429 : 200);
    if (shared) expect(JSON.parse(atB.body).code).toBe('TOO_MANY_TOKEN_FAILURES');
    // The token's owner elsewhere is served by both.
    expect((await api(b, '192.0.2.21', b.adminToken)).statusCode).toBe(200);
    expect((await api(a, '192.0.2.21', a.adminToken)).statusCode).toBe(200);
  });

  it(`${shared ? 'locks out at one instance' : 'locks out only at the instance of'} the sign-ins that failed at the other`, async () => {
    const email = 'helen.seth@example.nhs.uk';
    await a.request('POST', '/api/admin/tokens', {
      token: a.adminToken,
      body: { name: 'Helen Seth', email, role: 'partnerships' },
    });
    await a.get(SignInService).setPassword(email, 'helen has a long passphrase');
    for (let i = 0; i < 3; i++) {
      expect((await signIn(a, '192.0.2.30', { email, password: `guess number ${i}` })).statusCode).toBe(401);
    }
    expect((await signIn(a, '192.0.2.30', { email, password: 'helen has a long passphrase' })).statusCode).toBe(429);
    const atB = await signIn(b, '192.0.2.30', { email, password: 'helen has a long passphrase' });
    expect(atB.statusCode).toBe(shared ? 429 : 303);
    // Helen, from her own address, signs in at either instance.
    expect((await signIn(b, '192.0.2.31', { email, password: 'helen has a long passphrase' })).statusCode).toBe(303);
  });

  it('counts every concurrent hit exactly once', async () => {
    const stores = shared ? [a.get(CounterStore), b.get(CounterStore)] : [a.get(CounterStore)];
    const hits = await Promise.all(
      Array.from({ length: 40 }, (_, i) => stores[i % stores.length].hit('test:concurrent', 60_000)),
    );
    expect(hits.map((h) => h.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(hits.map((h) => h.resetAt)).size).toBe(1);
    const read = await stores[stores.length - 1].read(['test:concurrent', 'test:absent']);
    expect([...read.keys()]).toEqual(['test:concurrent']);
    expect(read.get('test:concurrent')!.count).toBe(40);
  });
});
