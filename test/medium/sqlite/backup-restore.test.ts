import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BETTER_CARE_TOGETHER } from '../../../src/demo/demo-programmes';
import { main } from '../../../src/cli';
import { spawnCli } from '../../support/cli-process';
import { TestApp, startTestApp } from '../../support/test-app';
import { TestDatabase, createTestDatabase } from '../../support/test-database';

// An operator backs up the SQLite database with `npm run cli -- backup <file>` while the
// service records decisions, restores the copy into an empty place, and finds every change
// that had been acknowledged before the backup began, each with its audit entry, and the
// audit chains intact: a consistent copy, not a torn one.

jest.setTimeout(300_000);

describe('backup under write load, and restore', () => {
  let database: TestDatabase;
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    t = await startTestApp({ now: '2015-10-27T09:00:00Z', database });
    dir = mkdtempSync(join(tmpdir(), 'cg-backup-'));
  });
  afterAll(async () => {
    await t?.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every committed decision, and the copy restores into an empty place only', async () => {
    const lead = await t.tokenFor('partnerships');
    const created = await t.request('POST', '/api/programmes', { token: lead, body: BETTER_CARE_TOGETHER });
    const id = created.body.id as string;
    for (const [gateId, completedOn] of [
      ['pcbc-draft', '2015-09-04'],
      ['clinical-senate-review', '2015-10-05'],
    ]) {
      expect(
        (
          await t.request('POST', `/api/programmes/${id}/gates/${gateId}/complete`, {
            token: lead,
            body: { completedOn },
          })
        ).status,
      ).toBe(200);
    }
    const parties = BETTER_CARE_TOGETHER.gates['partner-approvals'].parties!.map((p) => p.id);

    // Writers: two at a time, each decision with its own reference, until told to stop (at most
    // 3,000, so that a slow machine still finishes).
    const acknowledged: string[] = [];
    let next = 0;
    let stop = false;
    const writer = async () => {
      while (!stop && next < 3_000) {
        const n = next++;
        const res = await t.request('POST', `/api/programmes/${id}/gates/partner-approvals/decisions`, {
          token: lead,
          body: {
            partyId: parties[n % parties.length],
            decision: 'deferred',
            decidedOn: '2015-10-26',
            reference: `w-${n}`,
          },
        });
        expect(res.status).toBe(201);
        acknowledged.push(`w-${n}`);
      }
    };
    const writers = [writer(), writer()];
    while (acknowledged.length < 50) await new Promise((r) => setImmediate(r));

    const backupFile = join(dir, 'gates-backup.sqlite');
    const committedBeforeBackup = [...acknowledged];
    const backup = await spawnCli(['backup', backupFile], { DATABASE_URL: database.url });
    const acknowledgedByBackupEnd = acknowledged.length;
    stop = true;
    await Promise.all(writers);
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    expect(backup.stdout).toMatch(/^Backed up .* to .*gates-backup\.sqlite \(\d+ bytes\)\.$/m);
    // The writes went on while the backup ran: it was taken under load.
    expect(acknowledgedByBackupEnd).toBeGreaterThan(committedBeforeBackup.length);

    // A second backup to the same name is refused rather than overwriting the first.
    const again = await spawnCli(['backup', backupFile], { DATABASE_URL: database.url });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists already/);

    // Restore into an empty place.
    const restoredFile = join(dir, 'restored', 'gates.sqlite');
    const restoredUrl = `sqlite:${restoredFile}`;
    const restored = await spawnCli(['restore', backupFile], { DATABASE_URL: restoredUrl });
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(restoredFile)).toBe(true);
    const over = await spawnCli(['restore', backupFile], { DATABASE_URL: restoredUrl });
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/restore only into an empty place/);

    // Read back with better-sqlite3 directly: every decision acknowledged before the backup
    // began is there, with its audit entry; nothing is there that was never written.
    const db = new Database(restoredFile, { readonly: true });
    const references = new Set(
      (db.prepare('SELECT reference FROM decision WHERE programme_id = ?').all(id) as Array<{ reference: string }>).map(
        (r) => r.reference,
      ),
    );
    const audited = db
      .prepare("SELECT count(*) AS n FROM audit_entry WHERE programme_id = ? AND action LIKE '%decision%'")
      .get(id) as { n: number };
    db.close();
    for (const reference of committedBeforeBackup) expect(references.has(reference)).toBe(true);
    const everWritten = new Set(acknowledged);
    for (const reference of references) expect(everWritten.has(reference)).toBe(true);
    expect(audited.n).toBe(references.size);

    // The copy is consistent: its audit chains verify, and the service starts on it.
    const verify = await cliInProcess(['audit', 'verify'], restoredUrl);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/Every audit chain is intact/);
    const second = await startTestApp({ now: '2015-10-27T09:00:00Z', database: { ...database, url: restoredUrl } });
    try {
      const history = await second.request('GET', `/api/programmes/${id}/gates/partner-approvals/history`, {
        token: second.adminToken,
      });
      expect(history.status).toBe(200);
      expect(history.body.decisions).toHaveLength(references.size);
    } finally {
      await second.close();
    }
  });

  it('refuses a file that is not a backup, and says what to use on PostgreSQL', async () => {
    const notABackup = join(dir, 'not-a-backup.sqlite');
    const other = new Database(notABackup);
    other.exec('CREATE TABLE x (y)');
    other.close();
    const refused = await cliInProcess(['restore', notABackup], `sqlite:${join(dir, 'elsewhere', 'db.sqlite')}`);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not a backup of this service/);
    expect(existsSync(join(dir, 'elsewhere', 'db.sqlite'))).toBe(false);

    const pg = await cliInProcess(['backup', join(dir, 'x.sqlite')], 'postgres://postgres@127.0.0.1:5432/gates');
    expect(pg.code).toBe(1);
    expect(pg.stderr).toMatch(/pg_dump/);
  });
});

async function cliInProcess(args: string[], databaseUrl: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    out: { write: (text: string) => (stdout += text) },
    err: { write: (text: string) => (stderr += text) },
    env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
    readInput: async () => '',
  });
  return { code, stdout, stderr };
}
