import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { TestApp, startTestApp } from '../support/test-app';

// A programme in 2027: a slip that would push the launch into the pre-election period of the
// May 2027 local elections (31 March to 6 May, by rule) is named as such, with the latest safe
// date that avoids it. On the 2018 workflow (v2) here; the rule is the same for any version.

describe('what if, in 2027, near the May local elections', () => {
  let t: TestApp;
  let id: string;
  let sro: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-02-15T09:00:00Z' });
    sro = await t.tokenFor('sro');
    const body = structuredClone(BETTER_CARE_TOGETHER);
    body.name = 'Planned for spring 2027';
    body.workflowVersion = 2;
    const dates: Record<string, string> = {
      'pcbc-draft': '2027-02-19',
      'clinical-senate-review': '2027-02-26',
      'partner-approvals': '2027-03-05',
      'nhse-assurance': '2027-03-12',
      'public-consultation': '2027-03-22',
    };
    for (const [gateId, date] of Object.entries(dates)) body.gates[gateId]!.targetDate = date;
    const created = await t.request('POST', '/api/programmes', { token: await t.tokenFor('partnerships'), body });
    expect(created.status).toBe(201);
    id = created.body.id;
  }, 60_000);
  afterAll(() => t.close());

  it('names the May 2027 pre-election period a slip runs into, and the latest safe dates', async () => {
    const asIs = await t.request('POST', `/api/programmes/${id}/what-if`, {
      token: sro,
      body: { changes: [{ gateId: 'pcbc-draft', forecastDate: '2027-02-19' }] },
    });
    expect(asIs.status).toBe(200);
    expect(asIs.body.clashes.filter((c: { kind: string }) => c.kind === 'launch')).toEqual([]);
    const consultation = asIs.body.slack.find((s: { gateId: string }) => s.gateId === 'public-consultation');
    expect(consultation).toMatchObject({ latestSafeDate: '2027-03-30' });
    expect(consultation.safeBefore).toMatchObject({ name: 'Local elections 2027', periodStart: '2027-03-31' });
    const nhse = asIs.body.slack.find((s: { gateId: string }) => s.gateId === 'nhse-assurance');
    // Six working days before the launch (12 -> 22 March), Good Friday and Easter Monday (26 and 29 March) not
    // counted: NHS England by 18 March at the latest.
    expect(nhse.latestSafeDate).toBe('2027-03-18');

    const slipped = await t.request('POST', `/api/programmes/${id}/what-if`, {
      token: sro,
      body: { changes: [{ gateId: 'nhse-assurance', forecastDate: '2027-03-26' }] },
    });
    expect(slipped.status).toBe(200);
    expect(slipped.body.clashes).toEqual([
      expect.objectContaining({
        kind: 'launch',
        gateId: 'public-consultation',
        date: '2027-04-07',
        firstWorkingDayAfter: '2027-05-07',
        election: expect.objectContaining({ name: 'Local elections 2027', pollDate: '2027-05-06' }),
      }),
    ]);
    expect(slipped.body.refusals).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'PRE_ELECTION_PERIOD', gateId: 'public-consultation' })]),
    );
  });
});
