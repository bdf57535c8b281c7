import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { main } from '../../src/cli';
import { TestApp, startTestApp } from '../support/test-app';
import { TestDatabase, createTestDatabase } from '../support/test-database';
import { FORM } from '../support/web-session';

// The command line (src/cli.ts) on the service's database: a token is printed once and works
// at once; listing shows no secret; revoking stops it. Most commands run in-process through
// main(); one run spawns the real entry point, as `npm run cli` does.

jest.setTimeout(60_000);
const ROOT = resolve(__dirname, '../..');

async function cli(database: TestDatabase, args: string[], input = '') {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    out: { write: (text: string) => (stdout += text) },
    err: { write: (text: string) => (stderr += text) },
    env: { DATABASE_URL: database.url, LOG_LEVEL: 'silent' },
    readInput: async () => input,
  });
  return { code, stdout, stderr };
}

function spawnCli(database: TestDatabase, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, TZ: 'UTC', DATABASE_URL: database.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe('the command line', () => {
  let database: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.close();
    await database.drop();
  });

  it('creates a token as a real process, printed once, that works at once', async () => {
    const created = await spawnCli(database, [
      'tokens',
      'create',
      '--name',
      'Helen Seth',
      '--email',
      'Helen.Seth@example.nhs.uk',
      '--role',
      'partnerships',
      '--ttl-days',
      '30',
    ]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const token = /token: (cg_[\w-]{43})/.exec(created.stdout)![1];
    expect(created.stdout).toContain('Helen Seth <helen.seth@example.nhs.uk>: partnerships on every programme');
    expect(created.stdout.split(token)).toHaveLength(2); // shown exactly once

    t = await startTestApp({ database });
    expect((await t.request('GET', '/api/programmes', { token })).status).toBe(200);
    expect((await t.request('GET', '/api/admin/tokens', { token })).status).toBe(403);

    const usage = await spawnCli(database, ['tokens', 'create', '--role', 'superuser']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('tokens create needs --name, --email and --role');
  });

  it('lists without secrets, revokes, and sets passwords read from standard input', async () => {
    const created = await cli(database, [
      'tokens',
      'create',
      '--name',
      'Kate Shields',
      '--email',
      'kate@example.nhs.uk',
      '--role',
      'sro',
      '--json',
    ]);
    expect(created.code).toBe(0);
    const { id, token } = JSON.parse(created.stdout) as { id: string; token: string };
    expect(token).toMatch(/^cg_[\w-]{43}$/);
    expect((await t.request('GET', '/api/programmes', { token })).status).toBe(200);

    const list = await cli(database, ['tokens', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      new RegExp(`${id}\\s+sro\\s+Kate Shields <kate@example.nhs.uk>\\s+all programmes\\s+expires`),
    );
    expect(list.stdout).not.toContain(token);

    const password = await cli(
      database,
      ['people', 'set-password', '--email', 'kate@example.nhs.uk'],
      'a long enough passphrase\n',
    );
    expect(password).toEqual({ code: 0, stdout: 'Password set for kate@example.nhs.uk.\n', stderr: '' });
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: FORM,
      payload: new URLSearchParams({ email: 'kate@example.nhs.uk', password: 'a long enough passphrase' }).toString(),
    });
    expect(signIn.statusCode).toBe(303);

    expect((await cli(database, ['tokens', 'revoke', id])).code).toBe(0);
    expect((await t.request('GET', '/api/programmes', { token })).status).toBe(401);
    const listed = JSON.parse((await cli(database, ['tokens', 'list', '--json'])).stdout);
    expect(listed.find((row: { id: string }) => row.id === id).revokedAt).toEqual(expect.any(String));
  });

  it('explains bad usage and refusals on stderr with a failing exit code', async () => {
    expect(await cli(database, ['tokens', 'frobnicate'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown command'),
    });
    expect(await cli(database, ['tokens', 'list', '--colour'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("'--colour'"),
    });
    const badEmail = await cli(database, [
      'tokens',
      'create',
      '--name',
      'X',
      '--email',
      'not-an-email',
      '--role',
      'viewer',
    ]);
    expect(badEmail).toMatchObject({ code: 2, stderr: expect.stringContaining('--email') });
    const unknown = await cli(database, ['tokens', 'revoke', '00000000-0000-0000-0000-000000000000']);
    expect(unknown).toMatchObject({ code: 1, stderr: "Token '00000000-0000-0000-0000-000000000000' does not exist\n" });
    const short = await cli(database, ['people', 'set-password', '--email', 'kate@example.nhs.uk'], 'short\n');
    expect(short).toMatchObject({ code: 1, stderr: expect.stringContaining('at least 12 characters') });
    const nobody = await cli(
      database,
      ['people', 'set-password', '--email', 'nobody@example.nhs.uk'],
      'a long enough passphrase',
    );
    expect(nobody.code).toBe(1);
  });
});
