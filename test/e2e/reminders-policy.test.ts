import { BETTER_CARE_TOGETHER, FIVE_YEAR_PLAN } from '../../src/demo/demo-programmes';
import { MailSink, startMailSink } from '../support/mail-sink';
import { TestApp, startTestApp } from '../support/test-app';

// The reminder policy in its layers: the configured defaults, per workflow (the plan-submission
// cycle starts earlier), and per programme through the API.

describe('the reminder policy', () => {
  let sink: MailSink;
  let t: TestApp;
  let lead: string;
  let id: string;

  beforeAll(async () => {
    sink = await startMailSink();
    t = await startTestApp({ now: '2015-09-01T12:00:00Z', env: { SMTP_URL: sink.url } });
    lead = await t.tokenFor('partnerships');
    const created = await t.request('POST', '/api/programmes', { token: lead, body: BETTER_CARE_TOGETHER });
    id = created.body.id;
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const run = async () => (await t.request('POST', '/api/admin/reminders/run', { token: t.adminToken })).body;

  it('shows the defaults to anyone who may read the programme', async () => {
    const viewer = await t.tokenFor('viewer');
    const res = await t.request('GET', `/api/programmes/${id}/reminder-policy`, { token: viewer });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      programmeId: id,
      overrides: {},
      workflowOverrides: {},
      effective: {
        enabled: true,
        ownerDaysBefore: [10, 5, 1],
        onTheDay: true,
        overdueDaysAfter: 1,
        escalateAfterWorkingDays: 3,
        escalateOnConsultationSlip: true,
      },
      sendHour: 8,
      timeZone: 'Europe/London',
    });
    expect((await t.request('GET', '/api/programmes/nope/reminder-policy', { token: viewer })).status).toBe(404);
  });

  it('lets the partnerships lead override it for one programme, audited, and refuses bad values', async () => {
    const bad = await t.request('PUT', `/api/programmes/${id}/reminder-policy`, {
      token: lead,
      body: { ownerDaysBefore: [0, 5, 5], sendHour: 7 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['ownerDaysBefore.0', '(body)']),
    );
    const owner = await t.tokenFor('owner');
    expect((await t.request('PUT', `/api/programmes/${id}/reminder-policy`, { token: owner, body: {} })).status).toBe(
      403,
    );

    const res = await t.request('PUT', `/api/programmes/${id}/reminder-policy`, {
      token: lead,
      body: { ownerDaysBefore: [15, 2], escalateAfterWorkingDays: 1 },
    });
    expect(res.status).toBe(200);
    expect(res.body.overrides).toEqual({ ownerDaysBefore: [15, 2], escalateAfterWorkingDays: 1 });
    expect(res.body.effective).toMatchObject({ ownerDaysBefore: [15, 2], escalateAfterWorkingDays: 1, onTheDay: true });
    const audit = await t.request('GET', `/api/programmes/${id}/audit`, { token: lead });
    expect(audit.body.at(-1)).toMatchObject({
      action: 'reminder-policy.set',
      detail: { before: {}, after: { ownerDaysBefore: [15, 2], escalateAfterWorkingDays: 1 } },
    });
  });

  it('reminds on the programme’s own days', async () => {
    // Clinical senate review is due Monday 5 October 2015; 15 working days before is 14 September.
    t.setNow('2015-09-14T08:00:00Z');
    const done = await t.request('POST', `/api/programmes/${id}/gates/pcbc-draft/complete`, {
      token: lead,
      body: { completedOn: '2015-09-04' },
    });
    expect(done.status).toBe(200);
    expect(await run()).toMatchObject({ sent: 1 });
    expect(sink.received.map((m) => m.parsed.subject)).toEqual([
      '[Better Care Together] Clinical senate review due in 15 working days (5 Oct 2015)',
    ]);
    t.setNow('2015-10-01T08:00:00Z');
    expect(await run()).toMatchObject({ sent: 1 });
    expect(sink.received[1].parsed.subject).toBe(
      '[Better Care Together] Clinical senate review due in 2 working days (5 Oct 2015)',
    );
  });

  it('switches reminders off for a programme, and back to the defaults with {}', async () => {
    const off = await t.request('PUT', `/api/programmes/${id}/reminder-policy`, {
      token: lead,
      body: { enabled: false },
    });
    expect(off.body.effective.enabled).toBe(false);
    t.setNow('2015-10-06T09:00:00Z'); // the day after the senate review's date: overdue
    expect(await run()).toMatchObject({ due: 0, sent: 0 });
    const reset = await t.request('PUT', `/api/programmes/${id}/reminder-policy`, { token: lead, body: {} });
    expect(reset.body.overrides).toEqual({});
    expect(await run()).toMatchObject({ sent: 1 });
  });

  it('starts earlier for the plan-submission cycle, whose deadlines are fixed', async () => {
    const plan = await t.request('POST', '/api/programmes', { token: lead, body: FIVE_YEAR_PLAN });
    expect(plan.status).toBe(201);
    const policy = await t.request('GET', `/api/programmes/${plan.body.id}/reminder-policy`, { token: lead });
    expect(policy.body.workflowOverrides).toEqual({ ownerDaysBefore: [20, 10, 5, 1], escalateAfterWorkingDays: 1 });
    expect(policy.body.effective).toMatchObject({ ownerDaysBefore: [20, 10, 5, 1], escalateAfterWorkingDays: 1 });
  });
});
