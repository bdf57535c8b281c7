import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { TestApp, startTestApp } from '../support/test-app';

// Better Care Together run end to end over HTTP, as the head of local partnerships would:
// created, gates completed and decided, dates slipped and re-forecast.

describe('the reference programme over HTTP', () => {
  let t: TestApp;
  let lead: string;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-09-01T09:00:00Z' });
    lead = await t.tokenFor('partnerships');
  });
  afterAll(() => t.close());

  const gate = (body: { gates: Array<{ id: string }> }, gateId: string) =>
    body.gates.find((g) => g.id === gateId) as Record<string, any>;

  it('creates the programme with baselines, forecasts and statuses', async () => {
    const res = await t.request('POST', '/api/programmes', { token: lead, body: BETTER_CARE_TOGETHER });
    expect(res.status).toBe(201);
    id = res.body.id;
    expect(res.body.workflow).toMatchObject({ id: 'nhs-service-change', version: 1 });
    expect(res.body.sro).toEqual({ name: 'Kate Shields', email: 'kate.shields@example.nhs.uk' });
    const pcbc = gate(res.body, 'pcbc-draft');
    expect(pcbc).toMatchObject({
      status: 'open',
      baselineDate: '2015-09-04',
      forecastDate: '2015-09-04',
      actualDate: null,
    });
    expect(gate(res.body, 'clinical-senate-review').status).toBe('not-started');
    expect(gate(res.body, 'partner-approvals').parties).toHaveLength(8);
    expect(['green', 'amber']).toContain(res.body.rag);
  });

  it('refuses a decision on a gate that is not open, with a reason and no change', async () => {
    const res = await t.request('POST', `/api/programmes/${id}/gates/partner-approvals/decisions`, {
      token: lead,
      body: { partyId: 'leicester-city-ccg', decision: 'approved', decidedOn: '2015-09-01' },
    });
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toMatch(/not open/i);
    const audit = await t.request('GET', `/api/programmes/${id}/audit`, { token: lead });
    expect(audit.body).toHaveLength(1);
  });

  it('turns red when the PCBC target passes, and carries the late completion down the chain', async () => {
    t.setNow('2015-09-09T09:00:00Z');
    const before = await t.request('GET', `/api/programmes/${id}`, { token: lead });
    expect(gate(before.body, 'pcbc-draft').rag).toBe('red');
    expect(gate(before.body, 'pcbc-draft').ragReason).toMatch(/Target 4 Sept? 2015 has passed/);
    expect(before.body.rag).toBe('red');

    const done = await t.request('POST', `/api/programmes/${id}/gates/pcbc-draft/complete`, {
      token: lead,
      body: { completedOn: '2015-09-08', note: 'Early draft to NHS England' },
    });
    expect(done.status).toBe(200);
    const pcbc = gate(done.body, 'pcbc-draft');
    expect(pcbc).toMatchObject({ status: 'complete', rag: 'blue', actualDate: '2015-09-08', completeLate: true });
    // Two working days late: the senate review keeps its planned gap and moves two working days.
    expect(gate(done.body, 'clinical-senate-review')).toMatchObject({
      status: 'open',
      baselineDate: '2015-10-05',
      forecastDate: '2015-10-07',
    });
    expect(gate(done.body, 'public-consultation').forecastDate).toBe('2015-12-02');
    expect(gate(done.body, 'public-consultation').baselineDate).toBe('2015-11-30');
  });

  it('re-forecasts with a reason, keeps the history, and answers "forecast at last report"', async () => {
    const noReason = await t.request('PATCH', `/api/programmes/${id}/gates/clinical-senate-review`, {
      token: lead,
      body: { forecastDate: '2015-10-12' },
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);

    t.setNow('2015-10-02T09:00:00Z');
    const res = await t.request('PATCH', `/api/programmes/${id}/gates/clinical-senate-review`, {
      token: lead,
      body: { forecastDate: '2015-10-12', reason: 'Senate report delayed a week after the 29 September session' },
    });
    expect(res.status).toBe(200);
    expect(gate(res.body, 'clinical-senate-review').forecastDate).toBe('2015-10-12');
    expect(gate(res.body, 'partner-approvals').forecastDate).toBe('2015-11-02');

    const history = await t.request(
      'GET',
      `/api/programmes/${id}/gates/clinical-senate-review/history?asOf=2015-10-01`,
      { token: lead },
    );
    expect(history.status).toBe(200);
    expect(history.body.forecastAsOf).toBe('2015-10-07');
    expect(history.body.forecasts.map((f: { to: string }) => f.to)).toEqual(['2015-10-05', '2015-10-07', '2015-10-12']);
  });

  it('records partner decisions, superseding a deferral, and completes the approval gate', async () => {
    t.setNow('2015-10-27T09:00:00Z');
    await t.request('POST', `/api/programmes/${id}/gates/clinical-senate-review/complete`, {
      token: lead,
      body: { completedOn: '2015-10-12' },
    });
    const parties = BETTER_CARE_TOGETHER.gates['partner-approvals'].parties!;
    const first = await t.request('POST', `/api/programmes/${id}/gates/partner-approvals/decisions`, {
      token: lead,
      body: {
        partyId: 'leicester-city-council',
        decision: 'deferred',
        decidedOn: '2015-10-20',
        reference: 'Exec 20/10',
      },
    });
    expect(first.status).toBe(201);
    for (const party of parties) {
      const res = await t.request('POST', `/api/programmes/${id}/gates/partner-approvals/decisions`, {
        token: lead,
        body:
          party.id === 'rutland-county-council'
            ? {
                partyId: party.id,
                decision: 'approved-with-conditions',
                decidedOn: '2015-10-27',
                conditions: 'EIA first',
              }
            : { partyId: party.id, decision: 'approved', decidedOn: '2015-10-26' },
      });
      expect(res.status).toBe(201);
    }
    const view = await t.request('GET', `/api/programmes/${id}`, { token: lead });
    const approvals = gate(view.body, 'partner-approvals');
    expect(approvals.status).toBe('complete');
    expect(approvals.actualDate).toBe('2015-10-27');
    expect(approvals.parties.find((p: { id: string }) => p.id === 'leicester-city-council').decision).toBe('approved');
    expect(gate(view.body, 'nhse-assurance').status).toBe('open');

    const history = await t.request('GET', `/api/programmes/${id}/gates/partner-approvals/history`, { token: lead });
    const council = history.body.decisions.filter((d: { partyId: string }) => d.partyId === 'leicester-city-council');
    expect(council).toHaveLength(2);
    expect(council[0].supersededBy).toBe(council[1].id);
  });

  it('keeps a full audit trail naming the person behind each change', async () => {
    const audit = await t.request('GET', `/api/programmes/${id}/audit`, { token: lead });
    expect(audit.status).toBe(200);
    const actions = audit.body.map((e: { action: string }) => e.action);
    expect(actions[0]).toBe('programme.created');
    expect(actions).toContain('gate.completed');
    expect(actions).toContain('gate.reforecast');
    expect(actions.filter((a: string) => a === 'decision.recorded')).toHaveLength(9);
    expect(
      audit.body.every((e: { actor: string }) =>
        /^Test partnerships .* <partnerships-.*@example\.nhs\.uk>$/.test(e.actor),
      ),
    ).toBe(true);
    const ats = audit.body.map((e: { at: string }) => e.at);
    expect([...ats].sort()).toEqual(ats);
  });

  it('lists programmes with their overall RAG', async () => {
    const res = await t.request('GET', '/api/programmes', { token: lead });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([expect.objectContaining({ id, name: 'Better Care Together', rag: expect.any(String) })]);
  });
});
