import { nhsServiceChangeV3 } from '../../workflows/definitions/nhs-service-change.v3';
import { programmeBody, readyToConsult } from '../support/programme-2027';
import { TestApp, startTestApp } from '../support/test-app';
import { TestDatabase, createTestDatabase, testDialect } from '../support/test-database';

// The judicial review window closes by itself, 3 months after the decision in public, on the schedule of the
// reminder run rather than when the programme next changes; after downtime it is closed on the next run,
// dated the day the window closed, by the system. Two instances on one database running at the same moment
// close it once.

jest.setTimeout(60_000);

describe(`the judicial review window on ${testDialect() === 'postgres' ? 'PostgreSQL' : 'SQLite'}, two instances`, () => {
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let lead: string;
  let id: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const options = { now: '2027-06-02T12:00:00Z', database };
    a = await startTestApp(options);
    b = await startTestApp(options);
    lead = await a.tokenFor('partnerships');
    const body = programmeBody({ substantialVariation: false, councils: [] });
    (body.gates as Record<string, unknown>).decision = { parties: [{ id: 'icb', name: 'ICB board' }] };
    const created = await a.request('POST', '/api/programmes', { token: lead, body });
    expect(created.status).toBe(201);
    id = created.body.id;
    await readyToConsult(a, lead, id);
    const steps: Array<[string, unknown]> = [
      ['gates/public-consultation/start', { startsOn: '2027-01-18', closesOn: '2027-04-12' }],
      ['gates/public-consultation/complete', { completedOn: '2027-04-12' }],
      ['gates/consultation-analysis/evidence', { itemId: 'independent-analysis', recordedOn: '2027-05-03' }],
      ['gates/consultation-analysis/complete', { completedOn: '2027-05-03' }],
    ];
    for (const [path, payload] of steps) {
      const res = await a.request('POST', `/api/programmes/${id}/${path}`, { token: lead, body: payload });
      expect({ path, ok: res.status < 300, detail: res.body?.detail }).toMatchObject({ path, ok: true });
    }
    const dmbc = nhsServiceChangeV3.gates.find((g) => g.id === 'decision-making-business-case')!;
    for (const item of dmbc.evidence ?? []) {
      const res = await a.request('POST', `/api/programmes/${id}/gates/decision-making-business-case/evidence`, {
        token: lead,
        body: { itemId: item.id, recordedOn: '2027-05-17' },
      });
      expect(res.status).toBe(201);
    }
    for (const [path, payload] of [
      ['gates/decision-making-business-case/complete', { completedOn: '2027-05-17' }],
      ['gates/decision/decisions', { partyId: 'icb', decision: 'approved', decidedOn: '2027-06-01' }],
    ] as Array<[string, unknown]>) {
      const res = await a.request('POST', `/api/programmes/${id}/${path}`, { token: lead, body: payload });
      expect({ path, ok: res.status < 300, detail: res.body?.detail }).toMatchObject({ path, ok: true });
    }
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  const window = async () =>
    (await a.request('GET', `/api/programmes/${id}`, { token: lead })).body.gates.find(
      (g: { id: string }) => g.id === 'judicial-review-window',
    );
  const run = (t: TestApp) => t.request('POST', '/api/admin/reminders/run', { token: t.adminToken });

  it('stays open while the 3 months run', async () => {
    expect(await window()).toMatchObject({ status: 'open' });
    a.setNow('2027-08-31T12:00:00Z');
    expect((await run(a)).body.gatesClosed).toBe(0);
    expect(await window()).toMatchObject({ status: 'open' });
  });

  it('closes on the day the window closed, by the system, once, when two instances run after downtime', async () => {
    a.setNow('2027-09-06T12:00:00Z');
    b.setNow('2027-09-06T12:00:00Z');
    const [ra, rb] = await Promise.all([run(a), run(b)]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    expect(ra.body.gatesClosed + rb.body.gatesClosed).toBe(1);
    expect(await window()).toMatchObject({ status: 'complete', actualDate: '2027-09-01' });
    const audit = (await a.request('GET', `/api/programmes/${id}/audit`, { token: lead })).body as Array<{
      actor: string;
      action: string;
      gateId: string | null;
      detail: { causedBy?: string };
    }>;
    const closing = audit.filter((e) => e.gateId === 'judicial-review-window');
    expect(closing).toEqual([
      expect.objectContaining({
        actor: 'system',
        action: 'gate.completed',
        detail: expect.objectContaining({ causedBy: 'schedule' }),
      }),
    ]);
    expect((await run(b)).body.gatesClosed).toBe(0);
  });
});
