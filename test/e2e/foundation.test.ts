import { DataSource } from 'typeorm';
import { TestApp, startTestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

describe('foundation over HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-27T09:00:00Z' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('GET /api/health answers 200 once the database answers, and tells a stranger nothing more', async () => {
    const res = await t.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /api/health/live and /ready answer 200 when the database answers and its migrations are applied', async () => {
    expect(await t.request('GET', '/api/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await t.request('GET', '/api/health/ready')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('GET /api/health/ready answers 503 while a migration this build knows is not applied', async () => {
    const dataSource = t.get(DataSource);
    const last = dataSource.migrations[dataSource.migrations.length - 1].name!;
    const p = t.database.dialect === 'postgres' ? '$1' : '?';
    const [row] = await dataSource.query(`SELECT id, timestamp, name FROM schema_migrations WHERE name = ${p}`, [last]);
    await dataSource.query(`DELETE FROM schema_migrations WHERE name = ${p}`, [last]);
    try {
      const res = await t.request('GET', '/api/health/ready');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 503, detail: 'Database migrations are pending' });
      expect((await t.request('GET', '/api/health/live')).status).toBe(200);
    } finally {
      await dataSource.query(
        `INSERT INTO schema_migrations (id, timestamp, name) VALUES (${p}, ${p.replace('1', '2')}, ${p.replace('1', '3')})`,
        [row.id, row.timestamp, row.name],
      );
    }
    expect((await t.request('GET', '/api/health/ready')).status).toBe(200);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await t.request('GET', '/api/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'about:blank', title: 'Not found', status: 404 });
    expect(typeof res.body.detail).toBe('string');
  });

  it('answers 401 without a token, with the request id in the body and the header', async () => {
    const res = await t.request('GET', '/api/admin/tokens');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: '/problems/unauthorized', title: 'Not signed in', status: 401 });
    expect(res.body.requestId).toEqual(expect.any(String));
    expect(res.headers['x-request-id']).toBe(res.body.requestId);
  });

  it('keeps a sane X-Request-Id from the caller and replaces an unsafe one', async () => {
    const kept = await t.request('GET', '/api/admin/tokens', {
      token: 'not-a-real-token',
      headers: { 'x-request-id': 'trace-abc-123' },
    });
    expect(kept.status).toBe(401);
    expect(kept.body).toMatchObject({ requestId: 'trace-abc-123', detail: 'The token is unknown, expired or revoked' });
    const replaced = await t.request('GET', '/api/health', { headers: { 'x-request-id': 'bad id\u0007' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses unknown fields with a 422 that names them', async () => {
    const res = await t.request('POST', '/api/admin/tokens', {
      token: t.adminToken,
      body: { name: 'Helen Seth', email: 'helen.seth@example.nhs.uk', role: 'partnerships', isAdmin: true },
    });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: '/problems/validation-failed',
      status: 422,
      errors: [{ field: '(body)', message: 'unknown field(s): isAdmin' }],
    });
  });

  it('names each bad field', async () => {
    const res = await t.request('POST', '/api/admin/tokens', {
      token: t.adminToken,
      body: { name: '', email: 'not-an-address', role: 'king' },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name', 'role']);
  });

  it('answers malformed or missing JSON with a 400 problem, not a 500', async () => {
    for (const payload of ['{"name": ', '']) {
      const res = await t.request('POST', '/api/admin/tokens', {
        token: t.adminToken,
        headers: { 'content-type': 'application/json' },
        raw: payload,
      });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, title: 'Bad request' });
    }
  });

  it('answers 403 problem+json when the role is not allowed', async () => {
    const viewer = await t.tokenFor('viewer');
    const res = await t.request('GET', '/api/admin/tokens', { token: viewer });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ type: '/problems/forbidden', status: 403 });
  });

  it('serves the OpenAPI document at /api/docs', async () => {
    const json = await t.request('GET', '/api/docs/openapi.json');
    expect(json.status).toBe(200);
    expect(json.body.paths['/api/health']).toBeDefined();
    const page = await t.request('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });

  it('moves the frozen clock only when told', async () => {
    t.setNow('2015-11-10T09:00:00Z');
    const created = await t.request('POST', '/api/admin/tokens', {
      token: t.adminToken,
      body: { name: 'Clock Check', email: 'clock.check@example.nhs.uk', role: 'viewer', ttlDays: 1 },
    });
    expect(created.body.expiresAt).toBe('2015-11-11T09:00:00.000Z');
  });
});

describe('data survives a restart', () => {
  it('keeps a token created through the API after the service stops and starts again', async () => {
    const database = await createTestDatabase();
    try {
      const first = await startTestApp({ database });
      const created = await first.request('POST', '/api/admin/tokens', {
        token: first.adminToken,
        body: { name: 'Kate Shields', email: 'kate.shields@example.nhs.uk', role: 'sro' },
      });
      await first.close(); // leaves a database it was given in place
      expect(created.status).toBe(201);

      const second = await startTestApp({ database });
      const list = await second.request('GET', '/api/admin/tokens', { token: second.adminToken });
      const asSro = await second.request('GET', '/api/admin/tokens', { token: created.body.token });
      await second.close();
      expect(list.body.map((row: { email: string }) => row.email)).toContain('kate.shields@example.nhs.uk');
      expect(asSro.status).toBe(403); // the token is known and valid, it is just not an admin's
    } finally {
      await database.drop();
    }
  });
});

describe('when the database stops answering', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await t.get(DataSource).destroy();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('GET /api/health and /ready answer 503; /live, which never touches the database, answers 200', async () => {
    for (const path of ['/api/health', '/api/health/ready']) {
      const res = await t.request('GET', path);
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await t.request('GET', '/api/health/live')).status).toBe(200);
  });

  it('an unexpected error is a 500 problem that tells nothing of the internals', async () => {
    const res = await t.request('GET', '/api/admin/tokens', { token: t.adminToken });
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({
      type: 'about:blank',
      title: 'Internal server error',
      status: 500,
      detail: `Something went wrong on our side. Quote request id ${res.body.requestId} when reporting it.`,
      instance: '/api/admin/tokens',
      requestId: res.headers['x-request-id'],
    });
  });
});
