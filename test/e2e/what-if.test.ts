import { DemoSeedService } from '../../src/demo/demo-seed.service';
import { TestApp, startTestApp } from '../support/test-app';
import { programmeFootprint } from '../support/programme-footprint';

// The "done when": Better Care Together as the SRO saw it on 27 October 2015, asked
// "what if the last partner decision comes on 16 November?".

describe('what if, on Better Care Together as of 27 October 2015', () => {
  let t: TestApp;
  let id: string;
  let sro: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-27T09:00:00Z' });
    await t.get(DemoSeedService).seedIfEmpty();
    const list = await t.request('GET', '/api/programmes', { token: t.adminToken });
    id = list.body.find((p: { name: string }) => p.name === 'Better Care Together').id;
    sro = await t.tokenFor('sro');
    viewer = await t.tokenFor('viewer');
  }, 60_000);
  afterAll(() => t.close());

  const lastDecision = {
    changes: [{ gateId: 'partner-approvals', partyId: 'university-hospitals-of-leicester', expectedOn: '2015-11-16' }],
  };

  it('moves NHS England assurance and the consultation start by the right working days, names the critical path, writes nothing', async () => {
    const before = await programmeFootprint(t, id);
    const res = await t.request('POST', `/api/programmes/${id}/what-if`, { token: sro, body: lastDecision });
    expect(res.status).toBe(200);
    const moved = Object.fromEntries(res.body.changes.map((c: { gateId: string }) => [c.gateId, c]));
    // Partner approvals from today (its target of 26 October has passed) to 16 November.
    expect(moved['partner-approvals']).toMatchObject({ from: '2015-10-27', to: '2015-11-16', workingDays: 14 });
    expect(moved['partner-approvals'].why).toMatch(/University Hospitals of Leicester.*16 Nov/);
    // NHS England keeps its planned 10 working days after partner approvals (26 Oct -> 9 Nov).
    expect(moved['nhse-assurance']).toMatchObject({ from: '2015-11-10', to: '2015-11-30', workingDays: 14 });
    expect(moved['nhse-assurance'].why).toMatch(
      /Carried from Partner board approvals: it keeps its planned gap of 10 working days/,
    );
    // The consultation keeps its 15 working days after NHS England (9 Nov -> 30 Nov).
    expect(moved['public-consultation']).toMatchObject({ from: '2015-12-01', to: '2015-12-21', workingDays: 14 });
    expect(res.body.consultation.after).toMatchObject({
      startsOn: '2015-12-21',
      closesOn: '2016-03-14',
      lengthDays: 84,
    });
    expect(res.body.criticalPath).toEqual(['partner-approvals', 'nhse-assurance', 'public-consultation']);
    expect(res.body.programme.id).toBe(id);
    expect(res.body.programme.gates.find((g: { id: string }) => g.id === 'public-consultation')).toMatchObject({
      forecastDate: '2015-12-21',
      rag: 'red',
    });
    expect(res.body.reforecasts).toEqual([
      { gateId: 'partner-approvals', forecastDate: '2015-11-16', reason: expect.stringMatching(/^What if: /) },
    ]);
    // Nothing written: the programme, its revision, audit, forecast history and outbox are as they were.
    expect(await programmeFootprint(t, id)).toEqual(before);
    const get = await t.request('GET', `/api/programmes/${id}`, { token: sro });
    expect(get.body.gates.find((g: { id: string }) => g.id === 'public-consultation').forecastDate).toBe('2015-12-01');
  });

  it('is open to anyone who may read the programme, because it writes nothing', async () => {
    const res = await t.request('POST', `/api/programmes/${id}/what-if`, { token: viewer, body: lastDecision });
    expect(res.status).toBe(200);
  });

  it('names the pre-election clash of an extra election and the latest safe dates', async () => {
    const res = await t.request('POST', `/api/programmes/${id}/what-if`, {
      token: sro,
      body: {
        changes: [
          ...lastDecision.changes,
          { election: { name: 'Imagined by-election', periodStart: '2015-12-14', pollDate: '2016-01-14' } },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.clashes).toEqual([
      expect.objectContaining({
        kind: 'launch',
        gateId: 'public-consultation',
        date: '2015-12-21',
        firstWorkingDayAfter: '2016-01-18',
        election: expect.objectContaining({ name: 'Imagined by-election' }),
      }),
    ]);
    expect(res.body.refusals).toEqual(
      expect.arrayContaining([expect.objectContaining({ gateId: 'public-consultation', code: 'PRE_ELECTION_PERIOD' })]),
    );
    // Already inside the period: no safe date to offer by slipping less.
    expect(res.body.slack.every((s: { latestSafeDate: string | null }) => s.latestSafeDate === null)).toBe(true);
    const asIs = await t.request('POST', `/api/programmes/${id}/what-if`, {
      token: sro,
      body: {
        changes: [{ election: { name: 'Imagined by-election', periodStart: '2015-12-14', pollDate: '2016-01-14' } }],
      },
    });
    const nhse = asIs.body.slack.find((s: { gateId: string }) => s.gateId === 'nhse-assurance');
    expect(nhse).toMatchObject({ slackWorkingDays: 0, latestSafeDate: '2015-11-20' });
    expect(nhse.safeBefore.name).toBe('Imagined by-election');
  });

  describe('bad input: a clear problem+json answer and nothing written', () => {
    const ask = (body: unknown, token = sro) => t.request('POST', `/api/programmes/${id}/what-if`, { token, body });

    it.each([
      ['an unknown gate', [{ gateId: 'no-such-gate', forecastDate: '2015-11-16' }], 'changes.0.gateId', /has no gate/],
      [
        'a date that is no date',
        [{ gateId: 'nhse-assurance', forecastDate: '2015-11-31' }],
        'changes.0.forecastDate',
        /real calendar date/,
      ],
      [
        'moving a gate already complete',
        [{ gateId: 'clinical-senate-review', forecastDate: '2015-11-16' }],
        'changes.0.gateId',
        /already complete/,
      ],
      [
        'a date before today',
        [{ gateId: 'nhse-assurance', forecastDate: '2015-10-26' }],
        'changes.0.forecastDate',
        /earlier than today/,
      ],
      [
        'a party that has already approved',
        [{ gateId: 'partner-approvals', partyId: 'leicester-city-ccg', expectedOn: '2015-11-16' }],
        'changes.0.partyId',
        /already approved/,
      ],
      [
        'a party the gate does not have',
        [{ gateId: 'partner-approvals', partyId: 'nhse', expectedOn: '2015-11-16' }],
        'changes.0.partyId',
        /has no party/,
      ],
      [
        'two kinds in one change',
        [{ gateId: 'nhse-assurance', forecastDate: '2015-11-16', consultationDays: 70 }],
        'changes.0',
        /exactly one/,
      ],
      [
        'a consultation length on a gate that is not one',
        [{ gateId: 'nhse-assurance', consultationDays: 70 }],
        'changes.0.consultationDays',
        /not a consultation/,
      ],
      [
        'an election whose period starts after its poll',
        [{ election: { name: 'Odd', pollDate: '2016-05-05', periodStart: '2016-05-06' } }],
        'changes.0.election.periodStart',
        /on or before polling day/,
      ],
      ['no changes at all', [], 'changes', /at least one/],
    ])('%s', async (_what, changes, field, message) => {
      const before = await programmeFootprint(t, id);
      const res = await ask({ changes });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(res.body.errors.find((e: { field: string }) => e.field === field).message).toMatch(message);
      expect(await programmeFootprint(t, id)).toEqual(before);
    });

    it('refuses a hundred changes to one gate by its length, before looking at any of them', async () => {
      const many = Array.from({ length: 100 }, () => ({ gateId: 'nhse-assurance', forecastDate: '2015-11-16' }));
      const res = await ask({ changes: many });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ field: 'changes', message: 'at most 30 changes in one what-if' }]);
    });

    it('answers the largest what-if it accepts, at the far ends of the dates it accepts, and writes nothing', async () => {
      // Thirty changes: every open gate moved to the last day a date may be, the consultation a year long, and
      // the rest elections whose periods run from the first day a date may be to the last. The working-day
      // arithmetic counts by weeks, so none of this walks day by day; the jest timeout is the bound.
      const view = (await t.request('GET', `/api/programmes/${id}`, { token: sro })).body;
      const open = view.gates.filter((g: { status: string }) => g.status === 'open' || g.status === 'not-started');
      const changes: unknown[] = open.map((g: { id: string }) => ({ gateId: g.id, forecastDate: '2199-12-31' }));
      changes.push({ gateId: 'public-consultation', consultationDays: 365 });
      while (changes.length < 30) {
        changes.push({
          election: { name: `Election ${changes.length}`, periodStart: '1900-01-01', pollDate: '2199-12-30' },
        });
      }
      const before = await programmeFootprint(t, id);
      const res = await ask({ changes });
      expect(res.status).toBe(200);
      const consultation = res.body.programme.gates.find((g: { id: string }) => g.id === 'public-consultation');
      expect(consultation.forecastDate >= '2199-12-31').toBe(true); // the gates it waits on keep their gaps
      expect(res.body.clashes.length).toBeGreaterThan(0);
      expect(res.text.length).toBeLessThan(1_000_000);
      expect(await programmeFootprint(t, id)).toEqual(before);
    }, 30_000);

    it('refuses the same gate changed twice, naming the earlier change', async () => {
      const res = await ask({
        changes: [
          { gateId: 'nhse-assurance', forecastDate: '2015-11-16' },
          { gateId: 'nhse-assurance', partyId: 'tda', expectedOn: '2015-11-20' },
        ],
      });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([
        { field: 'changes.1.gateId', message: 'NHS England and TDA assurance is already changed by changes.0' },
      ]);
    });

    it('answers 404 for an unknown programme and 401 without a token', async () => {
      const unknown = await t.request('POST', '/api/programmes/00000000-0000-0000-0000-000000000000/what-if', {
        token: sro,
        body: lastDecision,
      });
      expect(unknown.status).toBe(404);
      const anonymous = await t.request('POST', `/api/programmes/${id}/what-if`, { body: lastDecision });
      expect(anonymous.status).toBe(401);
    });
  });

  describe('saved scenarios', () => {
    it('saves "option A" and "option B", shows them again, and marks them stale when the programme moves on', async () => {
      const lead = await t.tokenFor('partnerships');
      const a = await t.request('POST', `/api/programmes/${id}/what-if/scenarios`, {
        token: sro,
        body: { name: 'Option A: UHL decides on 16 November', ...lastDecision },
      });
      expect(a.status).toBe(201);
      expect(a.body).toMatchObject({ name: 'Option A: UHL decides on 16 November', stale: false });
      const b = await t.request('POST', `/api/programmes/${id}/what-if/scenarios`, {
        token: sro,
        body: {
          name: 'Option B: a 10-week consultation',
          changes: [{ gateId: 'public-consultation', consultationDays: 70 }],
        },
      });
      expect(b.status).toBe(201);
      const refused = await t.request('POST', `/api/programmes/${id}/what-if/scenarios`, {
        token: viewer,
        body: { name: 'Mine', ...lastDecision },
      });
      expect(refused.status).toBe(403);
      const badChange = await t.request('POST', `/api/programmes/${id}/what-if/scenarios`, {
        token: sro,
        body: { name: 'Broken', changes: [{ gateId: 'pcbc-draft', forecastDate: '2015-11-16' }] },
      });
      expect(badChange.status).toBe(422);

      const list = await t.request('GET', `/api/programmes/${id}/what-if/scenarios`, { token: viewer });
      expect(list.body.map((s: { name: string; stale: boolean }) => [s.name, s.stale])).toEqual([
        ['Option A: UHL decides on 16 November', false],
        ['Option B: a 10-week consultation', false],
      ]);
      const shown = await t.request('GET', `/api/programmes/${id}/what-if/scenarios/${a.body.id}`, { token: viewer });
      expect(shown.status).toBe(200);
      expect(shown.body.answer.changes.map((c: { gateId: string }) => c.gateId)).toEqual([
        'partner-approvals',
        'nhse-assurance',
        'public-consultation',
      ]);
      const optionB = await t.request('GET', `/api/programmes/${id}/what-if/scenarios/${b.body.id}`, { token: viewer });
      expect(optionB.body.answer.refusals).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: 'CONSULTATION_TOO_SHORT' })]),
      );

      // A real decision moves the programme on: both scenarios are now stale.
      const decided = await t.request('POST', `/api/programmes/${id}/gates/partner-approvals/decisions`, {
        token: lead,
        body: { partyId: 'leicester-city-council', decision: 'approved', decidedOn: '2015-10-27' },
      });
      expect(decided.status).toBe(201);
      const after = await t.request('GET', `/api/programmes/${id}/what-if/scenarios`, { token: viewer });
      expect(after.body.every((s: { stale: boolean }) => s.stale)).toBe(true);
      const again = await t.request('GET', `/api/programmes/${id}/what-if/scenarios/${a.body.id}`, { token: viewer });
      expect(again.body.scenario.stale).toBe(true);

      const audit = await t.request('GET', `/api/programmes/${id}/audit`, { token: sro });
      expect(audit.body.filter((e: { action: string }) => e.action === 'scenario.saved')).toHaveLength(2);
      const removed = await t.request('DELETE', `/api/programmes/${id}/what-if/scenarios/${b.body.id}`, { token: sro });
      expect(removed.status).toBe(204);
      const gone = await t.request('GET', `/api/programmes/${id}/what-if/scenarios/${b.body.id}`, { token: sro });
      expect(gone.status).toBe(404);
    });
  });
});
