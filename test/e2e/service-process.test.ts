import { request as httpRequest } from 'node:http';
import { TestDatabase, createTestDatabase } from '../support/test-database';
import { ServerProcess, runServiceToExit, startServiceProcess } from '../support/server-process';

// The service as its own process: what only a process shows (exit codes, signals, stdout).

jest.setTimeout(30_000);

describe('the service process', () => {
  let database: TestDatabase;
  let server: ServerProcess | undefined;

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await server?.stop('SIGKILL');
    server = undefined;
    await database.drop();
  });

  it('refuses a bad configuration at boot with exit code 78, naming every bad variable', async () => {
    const { code, stderr } = await runServiceToExit({ PORT: 'abc', DATABASE_URL: 'mysql://x', APP_NOW: 'yesterday' });
    expect(code).toBe(78);
    expect(stderr).toMatch(/^Invalid configuration:/);
    expect(stderr).toMatch(/- PORT \(port\): /);
    expect(stderr).toMatch(/- DATABASE_URL \(databaseUrl\): expected sqlite:<path> or postgres:/);
    expect(stderr).toMatch(/- APP_NOW \(appNow\): expected an ISO 8601 instant/);
  });

  it('writes structured logs with request ids and never a token', async () => {
    const adminToken = 'bootstrap-admin-secret-0123456789';
    server = await startServiceProcess({
      DATABASE_URL: database.url,
      BOOTSTRAP_ADMIN_TOKEN: adminToken,
      LOG_LEVEL: 'debug',
    });
    const auth = { authorization: `Bearer ${adminToken}` };
    await fetch(`${server.url}/api/health?token=${adminToken}`, { headers: auth });
    await fetch(`${server.url}/api/admin/tokens`, { headers: { ...auth, 'x-request-id': 'trace-logs-0001' } });
    await fetch(`${server.url}/api/admin/tokens`, { headers: { authorization: 'Bearer wrong-secret-9876543210' } });
    const created = await fetch(`${server.url}/api/admin/tokens`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Helen Seth', email: 'helen.seth@example.nhs.uk', role: 'partnerships' }),
    });
    expect(created.status).toBe(201);
    const { token: newToken } = (await created.json()) as { token: string };
    expect(await server.stop()).toEqual({ code: 0, signal: null });

    const output = server.output();
    for (const secret of [adminToken, newToken, 'wrong-secret-9876543210']) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/authorization|helen\.seth/i);

    const lines = output.trim().split('\n');
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>); // every line is JSON
    expect(records.length).toBeGreaterThan(5);
    const traced = records.filter((r) => JSON.stringify(r).includes('trace-logs-0001'));
    expect(traced.length).toBeGreaterThanOrEqual(1);
  });

  it('under LOG_LEVEL=warn writes no per-request lines', async () => {
    server = await startServiceProcess({ DATABASE_URL: database.url, LOG_LEVEL: 'warn' });
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${server.url}/api/health`, { headers: { 'x-request-id': `trace-warn-000${i}` } });
      expect(res.status).toBe(200);
    }
    expect((await fetch(`${server.url}/api/nowhere`, { headers: { 'x-request-id': 'trace-warn-0404' } })).status).toBe(
      404,
    );
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    const output = server.output();
    expect(output).not.toContain('trace-warn-');
    expect(output).not.toMatch(/"level":30/); // pino's info
  });

  it('on SIGTERM lets an in-flight request finish, then exits 0 promptly', async () => {
    const adminToken = 'bootstrap-admin-secret-0123456789';
    server = await startServiceProcess({ DATABASE_URL: database.url, BOOTSTRAP_ADMIN_TOKEN: adminToken });
    const body = JSON.stringify({ name: 'Kate Shields', email: 'kate.shields@example.nhs.uk', role: 'sro' });

    // A request whose body is still arriving when the signal comes.
    const req = httpRequest(`${server.url}/api/admin/tokens`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${adminToken}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      },
    });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
    });
    req.write(body.slice(0, 10));
    await server.printed(
      /"msg":"incoming request"[^\n]*"url":"\/api\/admin\/tokens"|"url":"\/api\/admin\/tokens"[^\n]*"msg":"incoming request"/,
    );

    server.child.kill('SIGTERM');
    await server.printed(/closing: no new connections/);
    expect(server.child.exitCode).toBeNull(); // still waiting for the request
    req.end(body.slice(10));

    const answer = await response;
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.text)).toMatchObject({ token: expect.any(String) });
    // Without the connection: close on answers sent while closing, the client's keep-alive socket would hold
    // the process open until the test's timeout.
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it('exits 0 on SIGTERM when idle', async () => {
    server = await startServiceProcess({ DATABASE_URL: database.url });
    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
