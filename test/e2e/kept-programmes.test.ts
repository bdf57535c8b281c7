import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { TestApp, startTestApp } from '../support/test-app';
import { betterCareAtPartnerApprovals } from '../support/reference-programme';
import { sqlOutsideTheService } from '../support/test-database';

// A change starts from the programme as the service kept it when the last change of the same
// revision committed (ProgrammeStore.loadForChange), not from eight queries. Every test runs with
// CHECK_KEPT_PROGRAMMES=1 (jest.config.js), under which each kept programme a change starts from is
// compared with the database. These tests show that the kept programme is what a change starts
// from, that a change committed elsewhere (a new revision) is seen, that a change that fails
// half-way leaves nothing of itself in memory, and that the check does catch a row changed without
// a new revision. On SQLite and on PostgreSQL (npm run test:pg).

describe('programmes kept in memory between changes', () => {
  let t: TestApp;
  let lead: string;
  const parties = BETTER_CARE_TOGETHER.gates['partner-approvals'].parties!;
  const outside = (sql: string, params: unknown[] = []) => sqlOutsideTheService(t.database, sql, params);

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-27T09:00:00Z' });
    lead = await t.tokenFor('partnerships');
  });
  afterAll(() => t?.close());

  const decide = (id: string, partyId: string, decision: string, reference?: string) =>
    t.request('POST', `/api/programmes/${id}/gates/partner-approvals/decisions`, {
      token: lead,
      body: { partyId, decision, decidedOn: '2015-10-26', ...(reference ? { reference } : {}) },
    });

  const partyName = (
    view: { gates: Array<{ id: string; parties?: Array<{ id: string; name: string }> }> },
    partyId: string,
  ) => view.gates.find((g) => g.id === 'partner-approvals')!.parties!.find((p) => p.id === partyId)!.name;

  const decisionsStored = async (id: string) =>
    (await t.request('GET', `/api/programmes/${id}/gates/partner-approvals/history`, { token: lead })).body.decisions
      .length as number;

  it('starts a change from the kept programme, and the check catches a row changed without a new revision', async () => {
    const id = await betterCareAtPartnerApprovals(t, lead);
    expect((await decide(id, parties[0].id, 'deferred')).status).toBe(201);
    const before = await decisionsStored(id);

    // Behind the service's back, without a new revision: no change path of the service does this.
    await outside('UPDATE party SET name = $1 WHERE programme_id = $2 AND party_id = $3', [
      'Renamed behind its back',
      id,
      parties[0].id,
    ]);
    const refused = await decide(id, parties[0].id, 'not-approved');
    expect(refused.status).toBe(500);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await decisionsStored(id)).toBe(before);

    // With a new revision, as another instance's change would leave it, the change loads it afresh.
    await outside('UPDATE programme SET revision = revision + 1 WHERE id = $1', [id]);
    const seen = await decide(id, parties[0].id, 'not-approved');
    expect(seen.status).toBe(201);
    expect(partyName(seen.body, parties[0].id)).toBe('Renamed behind its back');
    expect(await decisionsStored(id)).toBe(before + 1);
  });

  it('keeps nothing of a change that failed half-way through', async () => {
    const id = await betterCareAtPartnerApprovals(t, lead);
    for (const p of parties.slice(0, -1)) expect((await decide(id, p.id, 'approved')).status).toBe(201);
    const last = parties[parties.length - 1].id;

    // The last approval completes the gate in memory and on its rows, then its decision row is refused.
    if (t.database.dialect === 'sqlite') {
      await outside(
        "CREATE TRIGGER refuse_decision BEFORE INSERT ON decision WHEN NEW.reference = 'refuse' BEGIN SELECT RAISE(ABORT, 'refused'); END",
      );
    } else {
      await outside(
        "CREATE FUNCTION refuse_decision() RETURNS trigger AS $$ BEGIN IF NEW.reference = 'refuse' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
      );
      await outside(
        'CREATE TRIGGER refuse_decision BEFORE INSERT ON decision FOR EACH ROW EXECUTE FUNCTION refuse_decision()',
      );
    }
    const failed = await decide(id, last, 'approved', 'refuse');
    expect(failed.status).toBe(500);

    const gate = (view: { gates: Array<{ id: string; status: string }> }) =>
      view.gates.find((g) => g.id === 'partner-approvals')!.status;
    const read = await t.request('GET', `/api/programmes/${id}`, { token: lead });
    expect(gate(read.body)).toBe('open');
    // The next change starts from the kept programme, which the check compares with the database.
    const next = await decide(id, last, 'deferred');
    expect(next.status).toBe(201);
    expect(gate(next.body)).toBe('open');
    const approved = await decide(id, last, 'approved');
    expect(approved.status).toBe(201);
    expect(gate(approved.body)).toBe('complete');
  });

  it('answers concurrent changes to one programme as if made one after another', async () => {
    const id = await betterCareAtPartnerApprovals(t, lead);
    const results = await Promise.all(parties.map((p) => decide(id, p.id, 'deferred')));
    expect(results.map((r) => r.status)).toEqual(parties.map(() => 201));
    const revisions = results.map((r) => r.body.revision as number).sort((a, b) => a - b);
    expect(new Set(revisions).size).toBe(parties.length);
    const read = await t.request('GET', `/api/programmes/${id}`, { token: lead });
    expect(read.body.revision).toBe(revisions[revisions.length - 1]);
    // One more change after them all: the check compares what was kept with the database.
    expect((await decide(id, parties[0].id, 'approved')).status).toBe(201);
  });

  it('keeps parties added or replaced on a gate in the order a fresh load gives them', async () => {
    // NHS England assurance sorts before partner approvals: a party appended to the end of the kept list
    // would stand after the partner boards, where a fresh load puts it with its own gate.
    const id = await betterCareAtPartnerApprovals(t, lead);
    const added = await t.request('POST', `/api/programmes/${id}/gates/nhse-assurance/parties`, {
      token: lead,
      body: { id: 'dh', name: 'Department of Health' },
    });
    expect(added.status).toBe(201);
    expect((await decide(id, parties[0].id, 'deferred')).status).toBe(201);

    const replaced = await t.request('PUT', `/api/programmes/${id}/gates/nhse-assurance/parties`, {
      token: lead,
      body: { parties: [{ id: 'nhse', name: 'NHS England' }] },
    });
    expect(replaced.status).toBe(200);
    expect((await decide(id, parties[0].id, 'not-approved')).status).toBe(201);
  });
});
