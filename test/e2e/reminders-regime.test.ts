import { MailSink, ReceivedMail, startMailSink } from '../support/mail-sink';
import { programmeBody, readyToConsult } from '../support/programme-2027';
import { TestApp, startTestApp } from '../support/test-app';
import { TestDatabase, createTestDatabase } from '../support/test-database';

// What the 2024 regime adds to the reminders, through a real SMTP server: a condition of NHS England's
// assurance reminds its owner before its due date and when overdue, and the SRO when it escalates, until it
// is discharged; a changed date owed to the health scrutiny committee reminds the owner of the reg. 23 gate
// until it is marked sent. Each is sent exactly once across two sweeps and a restart.

jest.setTimeout(60_000);

const person = (name: string) => ({ name, email: `${name.toLowerCase().replace(/ /g, '.')}@example.nhs.uk` });
const COMMITTEE = 'Leicester, Leicestershire and Rutland Joint Health Scrutiny Committee';

describe('reminders of conditions and of notifications owed to the committee', () => {
  let sink: MailSink;
  let database: TestDatabase;
  let t: TestApp;
  let lead: string;
  let id: string;
  let conditionId: number;
  let notificationId: number;

  const start = () =>
    startTestApp({ now: '2027-02-15T12:00:00Z', env: { SMTP_URL: sink.url }, database }).then((app) => {
      t = app;
    });

  beforeAll(async () => {
    sink = await startMailSink();
    database = await createTestDatabase();
    await start();
    lead = await t.tokenFor('partnerships');
    const body = programmeBody({ substantialVariation: true });
    (body.gates as Record<string, unknown>)['health-scrutiny-consultation'] = { owner: person('Scrutiny Officer') };
    const created = await t.request('POST', '/api/programmes', { token: lead, body });
    expect(created.status).toBe(201);
    id = created.body.id;
    await readyToConsult(t, lead, id, 'approved-with-conditions', {
      conditionsOwner: person('Ann Owner'),
      conditionsDueDate: '2027-03-01',
    });
    for (const [proposedDecisionDate, reason] of [
      ['2027-10-14', undefined],
      ['2027-11-11', 'Board meeting moved'],
    ]) {
      const res = await t.request('PUT', `/api/programmes/${id}/scrutiny`, {
        token: lead,
        body: { committee: COMMITTEE, proposedDecisionDate, commentsDueDate: '2027-09-01', reason },
      });
      expect(res.status).toBe(200);
    }
    const view = (await t.request('GET', `/api/programmes/${id}`, { token: lead })).body;
    conditionId = view.conditions[0].id;
    notificationId = view.committeeNotifications[0].id;
  });

  afterAll(async () => {
    await t?.close();
    await database?.drop();
    await sink?.close();
  });

  const run = async () => {
    const res = await t.request('POST', '/api/admin/reminders/run', { token: t.adminToken });
    expect(res.status).toBe(200);
    return res.body;
  };
  /** The regime's mail (the programme's overdue gates are reminded too, and are not what this is about). */
  const regimeMail = () => sink.received.filter((m) => /condition of|notification to/i.test(m.parsed.subject ?? ''));
  const summary = (m: ReceivedMail) => `${m.envelope.to.join(',')} ${m.parsed.subject}`;

  it('reminds the condition owner ten working days before, and the reg. 23 owner of the notice owed, once', async () => {
    await run();
    await run();
    expect(regimeMail().map(summary).sort()).toEqual([
      `ann.owner@example.nhs.uk [Leicester acute services] Condition of NHS England stage 2 assurance "Publish the travel-time analysis before consultation" due in 10 working days (1 Mar 2027)`,
      `scrutiny.officer@example.nhs.uk [Leicester acute services] Notification to ${COMMITTEE} due today (15 Feb 2027)`,
    ]);
    const notice = regimeMail().find((m) => m.parsed.subject!.includes('Notification'))!;
    expect(notice.parsed.text).toContain('proposed decision date 2027-10-14 -> 2027-11-11 (Board meeting moved)');
    expect(notice.parsed.text).not.toContain('stands in for earlier reminders');
  });

  it('sends nothing again after a restart', async () => {
    const before = sink.received.length;
    await t.close();
    await start();
    expect(await run()).toMatchObject({ sendWindowOpen: true, queued: 0, sent: 0 });
    expect(sink.received.length).toBe(before);
  });

  it('reminds of the notice until it is marked sent', async () => {
    t.setNow('2027-02-16T12:00:00Z');
    await run();
    expect(regimeMail().map(summary)).toContain(
      `scrutiny.officer@example.nhs.uk [Leicester acute services] Overdue: notification to ${COMMITTEE} was due 15 Feb 2027`,
    );
    const sent = await t.request('POST', `/api/programmes/${id}/scrutiny/notifications/${notificationId}/sent`, {
      token: lead,
      body: { sentOn: '2027-02-16' },
    });
    expect(sent.status).toBe(200);
    t.setNow('2027-02-18T12:00:00Z'); // the day the SRO would have been told
    const before = regimeMail().length;
    await run();
    expect(regimeMail().length).toBe(before);
  });

  it('tells the condition owner it is overdue and the SRO it has escalated, in one message each, until discharged', async () => {
    const before = regimeMail().length;
    t.setNow('2027-03-04T12:00:00Z'); // three working days after 1 March: due-in-5, -1 and on the day were missed
    await run();
    await run();
    const fresh = regimeMail().slice(before);
    expect(fresh.map(summary).sort()).toEqual([
      `ann.owner@example.nhs.uk [Leicester acute services] Overdue: condition of NHS England stage 2 assurance "Publish the travel-time analysis before consultation" was due 1 Mar 2027`,
      `kate.shields@example.nhs.uk [Leicester acute services] Escalation: condition of NHS England stage 2 assurance "Publish the travel-time analysis before consultation" is 3 working days overdue`,
    ]);
    expect(fresh.find((m) => m.envelope.to[0].startsWith('ann'))!.parsed.text).toContain(
      'stands in for earlier reminders',
    );
    const discharged = await t.request('POST', `/api/programmes/${id}/conditions/${conditionId}/discharge`, {
      token: lead,
      body: { dischargedOn: '2027-03-04', evidence: 'Published' },
    });
    expect(discharged.status).toBe(200);
    t.setNow('2027-03-15T12:00:00Z');
    await run();
    expect(regimeMail().length).toBe(before + 2);
    const ids = sink.received.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('reminders held during a call-in', () => {
  let sink: MailSink;
  let t: TestApp;
  let lead: string;
  let id: string;

  beforeAll(async () => {
    sink = await startMailSink();
    t = await startTestApp({ now: '2027-02-15T12:00:00Z', env: { SMTP_URL: sink.url } });
    lead = await t.tokenFor('partnerships');
    const body = programmeBody({ substantialVariation: true });
    Object.assign(body.gates as Record<string, { targetDate: string }>, {
      'pcbc-draft': { targetDate: '2027-02-22', owner: person('PMO') },
    });
    for (const [gateId, targetDate] of [
      ['partner-approvals', '2027-06-01'],
      ['nhse-assurance', '2027-07-01'],
      ['public-consultation', '2027-09-01'],
    ]) {
      (body.gates as Record<string, { targetDate: string }>)[gateId].targetDate = targetDate;
    }
    const created = await t.request('POST', '/api/programmes', { token: lead, body });
    expect(created.status).toBe(201);
    id = created.body.id;
    const requested = await t.request('POST', `/api/programmes/${id}/call-in`, {
      token: lead,
      body: { requestedBy: 'Leicester City Council', requestedOn: '2027-02-15', grounds: 'Local resolution failed' },
    });
    expect(requested.status).toBe(201);
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const run = async () => {
    const res = await t.request('POST', '/api/admin/reminders/run', { token: t.adminToken });
    expect(res.status).toBe(200);
    return res.body;
  };
  const pcbc = () => sink.received.filter((m) => m.parsed.subject?.includes('PCBC'));

  it('holds them while the Secretary of State is asked, day after day', async () => {
    for (const day of ['2027-02-15', '2027-02-22', '2027-02-25', '2027-03-15', '2027-04-01']) {
      t.setNow(`${day}T12:00:00Z`);
      await run();
    }
    expect(pcbc()).toEqual([]);
  });

  it('sends one catch-up reminder per person for a gate whose date passed meanwhile, once the pause ends, exactly once', async () => {
    const outcome = await t.request('POST', `/api/programmes/${id}/call-in/outcome`, {
      token: lead,
      body: { outcome: 'not-called-in', decidedOn: '2027-04-01' },
    });
    expect(outcome.status).toBe(200);
    await run();
    await run();
    t.setNow('2027-04-02T12:00:00Z');
    await run();
    const sent = pcbc().map((m) => `${m.envelope.to.join(',')} ${m.parsed.subject}`);
    expect(sent.sort()).toEqual([
      expect.stringMatching(/^kate\.shields@example\.nhs\.uk .*Escalation: PCBC/),
      expect.stringMatching(/^pmo@example\.nhs\.uk .*Overdue: PCBC.* was due 22 Feb 2027/),
    ]);
    const owner = pcbc().find((m) => m.envelope.to[0] === 'pmo@example.nhs.uk')!;
    expect(owner.parsed.text).toContain('stands in for earlier reminders');
  });
});
