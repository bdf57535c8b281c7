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
  });
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
});
