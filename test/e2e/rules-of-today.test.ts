import { TestApp, startTestApp } from '../support/test-app';
import { programmeBody, readyToConsult } from '../support/programme-2027';

// The rules of today, end to end through HTTP, with the clock at 15 February 2027: nhs-service-change v3 by
// default, the May 2027 local elections refusing a launch, the Secretary of State notification required or
// skipped, a call-in pausing the later gates and their reminders, and a consultation held back by an open
// assurance condition.

describe('the rules of today (nhs-service-change v3)', () => {
  let t: TestApp;
  let lead: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-02-15T09:00:00Z' });
    lead = await t.tokenFor('partnerships');
  });
  afterAll(() => t.close());

  const create = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.request('POST', '/api/programmes', { token: lead, body: programmeBody(overrides) });
    expect(res.status).toBe(201);
    return res.body;
  };
  const gate = (view: { gates: Array<{ id: string }> }, id: string) => view.gates.find((g) => g.id === id) as any;
  const start = (id: string, startsOn: string, closesOn: string) =>
    t.request('POST', `/api/programmes/${id}/gates/public-consultation/start`, {
      token: lead,
      body: { startsOn, closesOn },
    });

  it('asks for the Secretary of State notification of a substantial variation once its reg. 23 consultation begins', async () => {
    const p = await create({ substantialVariation: true });
    expect(p.workflow.version).toBe(3);
    expect(p.secretaryOfStateNotification.status).toBe('not-yet-known');
    const early = await t.request('POST', `/api/programmes/${p.id}/gates/health-scrutiny-consultation/complete`, {
      token: lead,
      body: { completedOn: '2027-02-01' },
    });
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain('needs the committee and the dates given to it recorded first');
    const scrutiny = await t.request('PUT', `/api/programmes/${p.id}/scrutiny`, {
      token: lead,
      body: {
        committee: 'Leicester, Leicestershire and Rutland Joint Health Scrutiny Committee',
        proposedDecisionDate: '2027-10-14',
        commentsDueDate: '2027-09-01',
      },
    });
    expect(scrutiny.status).toBe(200);
    expect(scrutiny.body.committeeNotifications).toEqual([]);
    const begun = await t.request('POST', `/api/programmes/${p.id}/gates/health-scrutiny-consultation/complete`, {
      token: lead,
      body: { completedOn: '2027-02-01' },
    });
    expect(begun.status).toBe(200);
    expect(gate(begun.body, 'secretary-of-state-notification').status).toBe('open');
    expect(begun.body.secretaryOfStateNotification).toMatchObject({ status: 'required' });

    // A later change of a date is a notification owed to the committee, until it is sent.
    const moved = await t.request('PUT', `/api/programmes/${p.id}/scrutiny`, {
      token: lead,
      body: {
        committee: 'Leicester, Leicestershire and Rutland Joint Health Scrutiny Committee',
        proposedDecisionDate: '2027-11-11',
        commentsDueDate: '2027-09-01',
        reason: 'Board meeting moved',
      },
    });
    expect(moved.status).toBe(200);
    const [owed] = moved.body.committeeNotifications;
    expect(owed).toMatchObject({ owedSince: '2027-02-15', sentOn: null });
    expect(owed.change).toContain('proposed decision date 2027-10-14 -> 2027-11-11');
    const sent = await t.request('POST', `/api/programmes/${p.id}/scrutiny/notifications/${owed.id}/sent`, {
      token: lead,
      body: { sentOn: '2027-02-15' },
    });
    expect(sent.status).toBe(200);
    expect(sent.body.committeeNotifications[0].sentOn).toBe('2027-02-15');
    const twice = await t.request('POST', `/api/programmes/${p.id}/scrutiny/notifications/${owed.id}/sent`, {
      token: lead,
      body: { sentOn: '2027-02-15' },
    });
    expect(twice.status).toBe(409);
  });

  it('shows the notification skipped, with the reason, for a minor change', async () => {
    const p = await create({ substantialVariation: false });
    expect(gate(p, 'secretary-of-state-notification')).toMatchObject({
      status: 'complete',
      skipped: { on: '2027-02-15', reason: expect.stringContaining('Not a substantial variation') },
    });
    expect(gate(p, 'health-scrutiny-consultation').skipped.reason).toContain('Not a substantial variation');
    expect(p.secretaryOfStateNotification).toMatchObject({ status: 'skipped' });
    const audit = await t.request('GET', `/api/programmes/${p.id}/audit`, { token: lead });
    expect(audit.body[0].detail.after.automatic.map((e: { gateId: string }) => e.gateId)).toEqual([
      'health-scrutiny-consultation',
      'secretary-of-state-notification',
    ]);
  });

  it('pauses the later gates and their reminders on a call-in request, until the outcome', async () => {
    const p = await create({ substantialVariation: true });
    const noRequest = await t.request('POST', `/api/programmes/${p.id}/call-in/outcome`, {
      token: lead,
      body: { outcome: 'called-in', decidedOn: '2027-02-15' },
    });
    expect(noRequest.status).toBe(409);
    expect(noRequest.body.detail).toContain('no call-in request');
    const requested = await t.request('POST', `/api/programmes/${p.id}/call-in`, {
      token: lead,
      body: { requestedBy: 'Leicester City Council', requestedOn: '2027-02-10', grounds: 'Local resolution failed' },
    });
    expect(requested.status).toBe(201);
    expect(requested.body.callIn).toMatchObject({ status: 'requested', paused: true });
    expect(gate(requested.body, 'pcbc-draft').paused).toBe(true);
    const refused = await t.request('POST', `/api/programmes/${p.id}/gates/pcbc-draft/complete`, {
      token: lead,
      body: { completedOn: '2027-02-12' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('requested by Leicester City Council');

    // The PCBC is due on 1 October 2026, long overdue: without the call-in its owner would be chased.
    const run = await t.request('POST', '/api/admin/reminders/run', { token: t.adminToken });
    expect(run.status).toBe(200);
    const outbox = await t.request('GET', `/api/admin/outbox?programmeId=${p.id}`, { token: t.adminToken });
    expect(outbox.body).toEqual([]);

    const called = await t.request('POST', `/api/programmes/${p.id}/call-in/outcome`, {
      token: lead,
      body: { outcome: 'called-in', decidedOn: '2027-02-12' },
    });
    expect(called.body.state).toBe('with-secretary-of-state');
    const decided = await t.request('POST', `/api/programmes/${p.id}/call-in/decision`, {
      token: lead,
      body: { decision: 'The proposal may proceed', decidedOn: '2027-02-15' },
    });
    expect(decided.body.callIn).toMatchObject({ status: 'decided', paused: false });
    const resumed = await t.request('POST', `/api/programmes/${p.id}/gates/pcbc-draft/complete`, {
      token: lead,
      body: { completedOn: '2027-02-12' },
    });
    expect(resumed.status).toBe(200);
  });

  it('keeps the consultation from launching while an assurance condition is open, and discharges it once', async () => {
    const p = await create({ councils: [] });
    await readyToConsult(t, lead, p.id, 'approved-with-conditions');
    const view = (await t.request('GET', `/api/programmes/${p.id}`, { token: lead })).body;
    const [condition] = view.conditions;
    expect(condition).toMatchObject({
      gateId: 'nhse-assurance',
      status: 'open',
      text: expect.stringContaining('travel-time'),
    });
    const refused = await start(p.id, '2027-02-15', '2027-05-10');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(
      `"Publish the travel-time analysis before consultation" (condition ${condition.id})`,
    );
    const discharge = () =>
      t.request('POST', `/api/programmes/${p.id}/conditions/${condition.id}/discharge`, {
        token: lead,
        body: { dischargedOn: '2027-02-15', evidence: 'Published on the ICB website, 15 February 2027' },
      });
    expect((await discharge()).status).toBe(200);
    const again = await discharge();
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('already discharged on 2027-02-15');
    // A launch on 12 April 2027 falls in the May 2027 local election period (no council listed: the safe reading).
    expect((await start(p.id, '2027-04-12', '2027-07-05')).status).toBe(409);
  });

  it('refuses a launch on 12 April 2027 for a programme touching Leicester City Council, until its councils have no polls in 2027', async () => {
    const p = await create();
    expect(p.workflow.version).toBe(3);
    await readyToConsult(t, lead, p.id);
    const refused = await start(p.id, '2027-04-12', '2027-07-05');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('Local elections 2027');
    expect(refused.body.detail).toContain('the first working day after it is 2027-05-07');
    const polls = await t.request('GET', '/api/elections?from=2027-04-12&to=2027-04-12', { token: lead });
    expect(polls.body[0]).toMatchObject({ pollDate: '2027-05-06', periodStart: '2027-03-31' });
    await t.request('POST', '/api/elections/no-polls', {
      token: t.adminToken,
      body: { year: 2027, councils: ['leicester-city-council'] },
    });
    const allowed = await start(p.id, '2027-04-12', '2027-07-05');
    expect(allowed.status).toBe(200);
    expect(gate(allowed.body, 'public-consultation').status).toBe('running');
  });

  it('keeps a 2015 programme pinned to v2 working, and migrates it to v3 keeping its dates', async () => {
    const p = await create({ workflowVersion: 2 });
    expect(p.workflow.version).toBe(2);
    expect(p.callIn).toBeUndefined();
    const done = await t.request('POST', `/api/programmes/${p.id}/gates/pcbc-draft/complete`, {
      token: lead,
      body: { completedOn: '2026-10-01' },
    });
    expect(done.status).toBe(200);
    const notHere = await t.request('POST', `/api/programmes/${p.id}/call-in`, {
      token: lead,
      body: { requestedBy: 'A resident', requestedOn: '2027-02-10', grounds: 'x' },
    });
    expect(notHere.status).toBe(409);
    const migrated = await t.request('POST', `/api/programmes/${p.id}/migrate`, {
      token: lead,
      body: { toVersion: 3 },
    });
    expect(migrated.status).toBe(200);
    expect(migrated.body.workflow.version).toBe(3);
    expect(gate(migrated.body, 'pcbc-draft')).toMatchObject({
      status: 'complete',
      actualDate: '2026-10-01',
      baselineDate: '2026-10-01',
    });
    expect(gate(migrated.body, 'secretary-of-state-notification').status).toBe('not-started');
    expect(gate(migrated.body, 'judicial-review-window').status).toBe('not-started');
  });
});
