import fc from 'fast-check';
import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { DemoSeedService } from '../../src/demo/demo-seed.service';
import { copyProgramme } from '../support/programme-copy';
import { programmeFootprint } from '../support/programme-footprint';
import { TestApp, startTestApp } from '../support/test-app';

// Two promises of the what-if, over random change sets:
// - it writes nothing: no audit entry, no revision, no forecast history, no outbox message,
//   whatever it is sent (valid or not);
// - it never disagrees with the real re-forecast: replaying its re-forecasts through
//   PATCH .../gates/:gateId on a copy of the programme gives the programme it showed.

type Gate = { id: string; kind: string; status: string; parties?: Array<{ id: string; decision?: string }> };

describe('what if, over random change sets', () => {
  let t: TestApp;
  let sro: string;
  const programmes: Array<{ id: string; gates: Gate[] }> = [];

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-27T09:00:00Z' });
    sro = await t.tokenFor('sro');
    await t.get(DemoSeedService).seedIfEmpty();
    // A second programme on the 2018 workflow, planned ahead with more gates still open.
    const lead = await t.tokenFor('partnerships');
    const later = structuredClone(BETTER_CARE_TOGETHER);
    later.name = 'Planned ahead';
    later.workflowVersion = 2;
    const shift: Record<string, string> = {
      'pcbc-draft': '2015-11-13',
      'clinical-senate-review': '2015-12-18',
      'partner-approvals': '2016-01-29',
      'nhse-assurance': '2016-02-19',
      'public-consultation': '2016-03-07',
    };
    for (const [gateId, date] of Object.entries(shift)) later.gates[gateId]!.targetDate = date;
    later.gates['consultation-analysis'] = { targetDate: '2016-06-17' };
    later.gates['decision-making-business-case'] = { targetDate: '2016-07-29' };
    const created = await t.request('POST', '/api/programmes', { token: lead, body: later });
    expect(created.status).toBe(201);
    const list = await t.request('GET', '/api/programmes', { token: sro });
    for (const p of list.body as Array<{ id: string; workflow: { id: string }; gates: Gate[] }>) {
      if (p.workflow.id === 'nhs-service-change') programmes.push({ id: p.id, gates: p.gates });
    }
    expect(programmes).toHaveLength(2);
  }, 60_000);
  afterAll(() => t.close());

  const day = (offset: number) => new Date(Date.UTC(2015, 9, 27 + offset)).toISOString().slice(0, 10);

  /** Valid changes for a programme: at most one date per gate, consultation lengths, elections. */
  function validChanges(gates: Gate[]) {
    const open = gates.filter((g) => g.status === 'open' || g.status === 'not-started');
    const perGate = open.map((g) => {
      const undecided = (g.parties ?? []).filter(
        (p) => p.decision !== 'approved' && p.decision !== 'approved-with-conditions',
      );
      const options: Array<fc.Arbitrary<object[]>> = [
        fc.constant([]),
        fc.integer({ min: 0, max: 120 }).map((n) => [{ gateId: g.id, forecastDate: day(n) }]),
      ];
      if (undecided.length) {
        options.push(
          fc
            .uniqueArray(fc.constantFrom(...undecided.map((p) => p.id)), { minLength: 1, maxLength: 3 })
            .chain((ids) =>
              fc.tuple(
                ...ids.map((partyId) =>
                  fc.integer({ min: 0, max: 90 }).map((n) => ({ gateId: g.id, partyId, expectedOn: day(n) })),
                ),
              ),
            ),
        );
      }
      if (g.kind === 'consultation') {
        options.push(fc.integer({ min: 42, max: 140 }).map((d) => [{ gateId: g.id, consultationDays: d }]));
      }
      return fc.oneof(...options);
    });
    const election = fc
      .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 40 }))
      .map(([start, length]) => ({
        election: { name: 'Random poll', periodStart: day(start), pollDate: day(start + length) },
      }));
    return fc
      .tuple(fc.tuple(...perGate), fc.array(election, { maxLength: 2 }))
      .map(([gateChanges, elections]) => [...gateChanges.flat(), ...elections])
      .filter((changes) => changes.length > 0);
  }

  /** Anything at all: valid changes mixed with unknown gates, bad dates, duplicates and junk. */
  function anyChanges(gates: Gate[]) {
    const junk = fc.oneof(
      fc.record({
        gateId: fc.constantFrom('nope', 'pcbc-draft', 'partner-approvals', '__proto__'),
        forecastDate: fc.constantFrom('2015-02-30', '2015-10-01', 'soon', '2016-01-04'),
      }),
      fc.record({
        gateId: fc.constantFrom('partner-approvals', 'nhse-assurance'),
        partyId: fc.constantFrom('leicester-city-ccg', 'nobody', 'tda'),
        expectedOn: fc.constantFrom('2015-11-16', '2015-10-01'),
      }),
      fc.record({
        gateId: fc.constantFrom('public-consultation', 'pcbc-draft'),
        consultationDays: fc.oneof(fc.integer({ min: -5, max: 400 }), fc.constant(1.5)),
      }),
      fc.record({
        election: fc.record({
          name: fc.string(),
          pollDate: fc.constantFrom('2015-12-10', 'x'),
          periodStart: fc.constantFrom('2015-11-01', '2016-01-01'),
        }),
      }),
      fc.anything(),
    );
    return fc.oneof(
      validChanges(gates),
      fc.tuple(validChanges(gates), fc.array(junk, { maxLength: 4 })).map(([a, b]) => [...a, ...b]),
      fc.array(junk, { maxLength: 40 }),
    );
  }

  it('writes nothing, whatever it is sent, and answers 200 or a problem+json 422', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0, 1).chain((which) => fc.tuple(fc.constant(which), anyChanges(programmes[which].gates))),
        async ([which, changes]) => {
          const p = programmes[which];
          const before = await programmeFootprint(t, p.id);
          const res = await t.request('POST', `/api/programmes/${p.id}/what-if`, { token: sro, body: { changes } });
          expect([200, 422]).toContain(res.status);
          if (res.status === 422) {
            expect(res.headers['content-type']).toContain('application/problem+json');
            expect(res.body.errors.length).toBeGreaterThan(0);
          }
          expect(await programmeFootprint(t, p.id)).toEqual(before);
        },
      ),
      { numRuns: 80 },
    );
  }, 120_000);

  it('never disagrees with the real re-forecast: its re-forecasts replayed on a copy give the programme it showed', async () => {
    const shape = (g: Record<string, unknown>) => ({
      id: g.id,
      status: g.status,
      baselineDate: g.baselineDate,
      forecastDate: g.forecastDate,
      actualDate: g.actualDate,
      rag: g.rag,
      ragReason: g.ragReason,
    });
    let replayed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0, 1).chain((which) => fc.tuple(fc.constant(which), validChanges(programmes[which].gates))),
        async ([which, changes]) => {
          const p = programmes[which];
          const res = await t.request('POST', `/api/programmes/${p.id}/what-if`, { token: sro, body: { changes } });
          expect(res.status).toBe(200);
          const copy = await copyProgramme(t, p.id);
          for (const r of res.body.reforecasts as Array<{ gateId: string; forecastDate: string; reason: string }>) {
            const patched = await t.request('PATCH', `/api/programmes/${copy}/gates/${r.gateId}`, {
              token: sro,
              body: { forecastDate: r.forecastDate, reason: r.reason },
            });
            expect(patched.status).toBe(200);
            replayed++;
          }
          const real = await t.request('GET', `/api/programmes/${copy}`, { token: sro });
          expect(real.body.gates.map(shape)).toEqual(res.body.programme.gates.map(shape));
          expect(real.body.rag).toBe(res.body.programme.rag);
          expect(real.body.consultation).toEqual(res.body.programme.consultation);
        },
      ),
      { numRuns: 25 },
    );
    expect(replayed).toBeGreaterThan(10);
  }, 120_000);
});
