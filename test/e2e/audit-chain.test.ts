import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { main } from '../../src/cli';
import { TestApp, startTestApp } from '../support/test-app';
import { sqlOutsideTheService } from '../support/test-database';

// The audit trail is a hash chain per programme. An operator runs `npm run cli -- audit verify`
// and is told, by entry, what someone changed or removed in the database behind the service's
// back: here a row is edited with the database's own tools (the SQLite file through
// better-sqlite3, or PostgreSQL through pg), not through the service.

jest.setTimeout(120_000);

describe('tamper-evident audit', () => {
  let t: TestApp;
  let lead: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-27T09:00:00Z' });
    lead = await t.tokenFor('partnerships');
  });
  afterAll(() => t?.close());

  /** Runs SQL on the database directly, outside the service. */
  const tamper = (sql: string, params: unknown[]) => sqlOutsideTheService(t.database, sql, params);

  async function verify(...args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await main(['audit', 'verify', ...args], {
      out: { write: (text: string) => (stdout += text) },
      err: { write: (text: string) => (stderr += text) },
      env: { DATABASE_URL: t.database.url, LOG_LEVEL: 'silent' },
      readInput: async () => '',
    });
    return { code, stdout, stderr };
  }

  async function programmeWithDecisions(): Promise<{ id: string; auditIds: number[] }> {
    const created = await t.request('POST', '/api/programmes', { token: lead, body: BETTER_CARE_TOGETHER });
    const id = created.body.id as string;
    for (const [gateId, completedOn] of [
      ['pcbc-draft', '2015-09-04'],
      ['clinical-senate-review', '2015-10-05'],
    ]) {
      await t.request('POST', `/api/programmes/${id}/gates/${gateId}/complete`, { token: lead, body: { completedOn } });
    }
    // Many changes to the one programme at once: the chain must link them one after another.
    const parties = BETTER_CARE_TOGETHER.gates['partner-approvals'].parties!;
    const results = await Promise.all(
      parties.map((p, i) =>
        t.request('POST', `/api/programmes/${id}/gates/partner-approvals/decisions`, {
          token: lead,
          body: { partyId: p.id, decision: 'deferred', decidedOn: '2015-10-26', reference: `minute ${i}` },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(parties.map(() => 201));
    const audit = await t.request('GET', `/api/programmes/${id}/audit`, { token: lead });
    return { id, auditIds: audit.body.map((e: { id: number }) => e.id) };
  }

  it('finds an untouched trail intact, for one programme and for all', async () => {
    const { id, auditIds } = await programmeWithDecisions();
    expect(auditIds.length).toBeGreaterThanOrEqual(11);
    const one = await verify(id, '--json');
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({
      intact: true,
      chains: [{ chain: id, entries: auditIds.length, fault: null }],
    });
    const all = await verify();
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/Every audit chain is intact/);
    const unknown = await verify('no-such-programme');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No audit trail for programme no-such-programme/);
  });

  it('names the entry whose row was edited in the database', async () => {
    const { id, auditIds } = await programmeWithDecisions();
    const victim = auditIds[5];
    await tamper(`UPDATE audit_entry SET actor = $1 WHERE id = $2`, ['Someone Else <someone@example.nhs.uk>', victim]);
    const result = await verify(id);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`audit entry #${victim} (place 6) of programme ${id} was altered`);
    expect(result.stdout).toMatch(/The audit trail was altered: 1 of 1 chain\(s\) broken/);
    // Other programmes' chains are not blamed.
    const all = JSON.parse((await verify('--json')).stdout) as { chains: Array<{ chain: string; fault: unknown }> };
    expect(all.chains.filter((c) => c.fault).map((c) => c.chain)).toEqual([id]);
  });

  it('names an entry whose stored hash was rewritten, and the place of a removed entry', async () => {
    const first = await programmeWithDecisions();
    const forged = first.auditIds[3];
    // A careful forger rewrites the hash column too; the next entry still remembers the old one.
    await tamper(`UPDATE audit_entry SET hash = $1 WHERE id = $2`, ['0'.repeat(64), forged]);
    const rewritten = await verify(first.id);
    expect(rewritten.code).toBe(1);
    expect(rewritten.stdout).toContain(`audit entry #${forged} (place 4)`);

    const second = await programmeWithDecisions();
    await tamper(`DELETE FROM audit_entry WHERE id = $1`, [second.auditIds[7]]);
    const removed = await verify(second.id);
    expect(removed.code).toBe(1);
    expect(removed.stdout).toContain(
      `audit entry at place 8 of programme ${second.id} is missing (it came after entry #${second.auditIds[6]})`,
    );

    const third = await programmeWithDecisions();
    const last = third.auditIds[third.auditIds.length - 1];
    await tamper(`DELETE FROM audit_entry WHERE id = $1`, [last]);
    const cut = await verify(third.id);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toContain(`is missing (it came after entry #${third.auditIds[third.auditIds.length - 2]})`);
  });
});
