import { DataSource } from 'typeorm';
import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { MailSink, ReceivedMail, startMailSink } from '../support/mail-sink';
import { TestApp, startTestApp } from '../support/test-app';

// Better Care Together through October 2015, with reminders going through a real SMTP server:
// the owner hears before the partner approvals are due and when they are missed, the SRO
// when they are three working days overdue and when the consultation start moves, and
// nobody gets the same mail twice.

jest.setTimeout(30_000);

describe('reminders on the reference programme', () => {
  let sink: MailSink;
  let t: TestApp;
  let lead: string;
  let id: string;

  beforeAll(async () => {
    sink = await startMailSink();
    t = await startTestApp({
      now: '2015-10-05T12:00:00Z',
      env: {
        SMTP_URL: sink.url,
        MAIL_FROM: 'BCT PMO <pmo@bct.example.nhs.uk>',
        PUBLIC_URL: 'https://gates.example.nhs.uk',
      },
    });
    lead = await t.tokenFor('partnerships');
    const created = await t.request('POST', '/api/programmes', { token: lead, body: BETTER_CARE_TOGETHER });
    id = created.body.id;
    for (const [gateId, completedOn] of [
      ['pcbc-draft', '2015-09-04'],
      ['clinical-senate-review', '2015-10-05'],
    ]) {
      await t.request('POST', `/api/programmes/${id}/gates/${gateId}/complete`, { token: lead, body: { completedOn } });
    }
    for (const [partyId, decision] of [
      ['leicester-city-ccg', 'approved'],
      ['west-leicestershire-ccg', 'approved'],
      ['east-leicestershire-and-rutland-ccg', 'approved-with-conditions'],
      ['university-hospitals-of-leicester', 'deferred'],
    ]) {
      const res = await t.request('POST', `/api/programmes/${id}/gates/partner-approvals/decisions`, {
        token: lead,
        body: {
          partyId,
          decision,
          decidedOn: '2015-10-05',
          ...(decision === 'approved-with-conditions' ? { conditions: 'Equality impact assessment first' } : {}),
        },
      });
      expect(res.body).toMatchObject({ id });
    }
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
  const newMail = (before: number) => sink.received.slice(before);
  const to = (mail: ReceivedMail) => mail.envelope.to.join(',');

  it('sends nothing while no reminder is due', async () => {
    expect(await run()).toMatchObject({ sendWindowOpen: true, due: 0, queued: 0, sent: 0 });
    expect(sink.received).toHaveLength(0);
  });

  it('reminds the owner ten working days before, at 08:00 London time', async () => {
    t.setNow('2015-10-12T06:59:00Z'); // 07:59 BST
    expect(await run()).toMatchObject({ sendWindowOpen: false, queued: 0, sent: 0 });
    t.setNow('2015-10-12T07:00:00Z'); // 08:00 BST
    expect(await run()).toMatchObject({ sendWindowOpen: true, due: 1, queued: 1, sent: 1 });
    const [mail] = sink.received;
    expect(to(mail)).toBe('helen.seth@example.nhs.uk');
    expect(mail.parsed.subject).toBe(
      '[Better Care Together] Partner board approvals due in 10 working days (26 Oct 2015), 5 of 8 decisions outstanding',
    );
    expect(mail.parsed.text).toContain('University Hospitals of Leicester NHS Trust');
    expect(mail.parsed.text).not.toContain('  - Leicester City CCG');
  });

  it('after missing three reminders (downtime), sends the owner one overdue message, not a burst', async () => {
    const before = sink.received.length;
    t.setNow('2015-10-27T09:00:00Z'); // Tuesday, GMT now
    const result = await run();
    expect(result).toMatchObject({ due: 2, queued: 2, sent: 2, failed: 0 });
    const mails = newMail(before);
    expect(mails.map(to)).toEqual(['helen.seth@example.nhs.uk', 'helen.seth@example.nhs.uk']);
    const overdue = mails.find((m) => /Overdue/.test(m.parsed.subject ?? ''))!;
    expect(overdue.parsed.subject).toBe(
      '[Better Care Together] Overdue: Partner board approvals was due 26 Oct 2015, 5 of 8 decisions outstanding',
    );
    const text = overdue.parsed.text!;
    expect(text).toMatch(/^Dear Helen Seth,/);
    expect(text).toMatch(/Target date: +26 Oct 2015/);
    expect(text).toMatch(/Forecast date: +26 Oct 2015/);
    expect(text).toMatch(/Overdue by: +1 working day\n/);
    expect(text).toContain('Decisions outstanding (5 of 8):');
    for (const party of [
      'Leicester City Council',
      'Rutland County Council',
      'University Hospitals of Leicester NHS Trust',
    ]) {
      expect(text).toContain(`  - ${party}`);
    }
    expect(text).toContain('Who to contact: Kate Shields (SRO), kate.shields@example.nhs.uk');
    expect(text).toContain(`Open the programme: https://gates.example.nhs.uk/programmes/${id}`);
    expect(text).toContain(
      'stands in for earlier reminders that were not sent at the time (5 working days before, 1 working day before, on the day)',
    );
    expect(text).toMatch(/still not complete on Thursday,? 29 October 2015, Kate Shields \(SRO\) will be told/);
    expect(overdue.parsed.html).toContain('<li>University Hospitals of Leicester NHS Trust</li>');
    expect(overdue.parsed.html).toContain(`href="https://gates.example.nhs.uk/programmes/${id}"`);
    expect(overdue.parsed.from?.value).toEqual([{ name: 'BCT PMO', address: 'pmo@bct.example.nhs.uk' }]);
    expect(overdue.parsed.messageId).toMatch(/^<[0-9a-f]{40}@bct\.example\.nhs\.uk>$/);
    expect(overdue.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(overdue.parsed.date?.toISOString()).toBe('2015-10-27T09:00:00.000Z');
    // The other one: the next gate's ten-day reminder.
    expect(mails.find((m) => m !== overdue)!.parsed.subject).toMatch(
      /NHS England and TDA assurance due in 9 working days \(9 Nov 2015\)/,
    );
  });

  it('running the sweep again sends nothing', async () => {
    const before = sink.received.length;
    expect(await run()).toMatchObject({ due: 0, queued: 0, sent: 0 });
    t.setNow('2015-10-28T14:00:00Z');
    expect(await run()).toMatchObject({ due: 0, queued: 0, sent: 0 });
    expect(sink.received.length).toBe(before);
  });

  it('escalates to the SRO three working days after the date, naming the owner and the boards outstanding', async () => {
    const before = sink.received.length;
    t.setNow('2015-10-29T09:05:00Z');
    expect(await run()).toMatchObject({ queued: 1, sent: 1 });
    const [mail] = newMail(before);
    expect(to(mail)).toBe('kate.shields@example.nhs.uk');
    expect((mail.parsed.to as { value: unknown[] }).value).toEqual([
      { name: 'Kate Shields', address: 'kate.shields@example.nhs.uk' },
    ]);
    expect(mail.parsed.subject).toBe(
      '[Better Care Together] Escalation: Partner board approvals is 3 working days overdue, 5 of 8 decisions outstanding',
    );
    expect(mail.parsed.text).toMatch(/^Dear Kate Shields,\n\nFor your attention as SRO:/);
    expect(mail.parsed.text).toMatch(/Gate owner: +Helen Seth <helen.seth@example.nhs.uk>/);
    expect(mail.parsed.text).toContain('Who to contact: Helen Seth (gate owner), helen.seth@example.nhs.uk');
  });

  it('tells the SRO once when a slip moves the consultation start, and restarts the owner reminders on the new date', async () => {
    const before = sink.received.length;
    const slip = await t.request('PATCH', `/api/programmes/${id}/gates/partner-approvals`, {
      token: lead,
      body: { forecastDate: '2015-11-02', reason: 'Leicester City Council executive meets on 2 November' },
    });
    expect(slip.status).toBe(200);
    expect(slip.body.gates.find((g: { id: string }) => g.id === 'public-consultation').forecastDate).toBe('2015-12-07');
    t.setNow('2015-10-29T09:20:00Z');
    expect(await run()).toMatchObject({ queued: 2, sent: 2 });
    const mails = newMail(before);
    const sro = mails.find((m) => to(m) === 'kate.shields@example.nhs.uk')!;
    expect(sro.parsed.subject).toBe(
      '[Better Care Together] Consultation start now forecast 7 Dec 2015, planned 30 Nov 2015',
    );
    const owner = mails.find((m) => to(m) === 'helen.seth@example.nhs.uk')!;
    expect(owner.parsed.subject).toMatch(/Partner board approvals due in 2 working days \(2 Nov 2015\)/);
    expect(await run()).toMatchObject({ queued: 0, sent: 0 });
  });

  it('has never sent the same message twice', () => {
    const ids = sink.received.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(6);
  });

  it('lets only an admin run the sweep, and shows the outbox to admins', async () => {
    expect((await t.request('POST', '/api/admin/reminders/run')).status).toBe(401);
    expect((await t.request('POST', '/api/admin/reminders/run', { token: lead })).status).toBe(403);
    const outbox = await t.request('GET', '/api/admin/outbox?status=sent', { token: t.adminToken });
    expect(outbox.status).toBe(200);
    expect(outbox.body).toHaveLength(6);
    expect(outbox.body[0]).toMatchObject({ programmeId: id, status: 'sent', attempts: 1, lastError: null });
    expect(outbox.body[0].serverResponse).toMatch(/^250 /);
    expect((await t.request('GET', '/api/admin/outbox?status=lost', { token: t.adminToken })).status).toBe(422);
  });

  it('keeps header injection out even when a name in the database holds a line break', async () => {
    // The API refuses control characters; this is the mail path's own guard behind that.
    await t.get(DataSource).query(
      `UPDATE programme SET name = $1 WHERE id = $2`.replace(/\$\d/g, (m) =>
        t.database.dialect === 'postgres' ? m : '?',
      ),
      ['Better Care Together\r\nBcc: someone@evil.example', id],
    );
    const before = sink.received.length;
    t.setNow('2015-10-30T09:00:00Z'); // due-in-1 for the new 2 November date
    expect(await run()).toMatchObject({ sent: 1 });
    const [mail] = newMail(before);
    expect(mail.envelope.to).toEqual(['helen.seth@example.nhs.uk']);
    expect(mail.parsed.headers.has('bcc')).toBe(false);
    expect(mail.parsed.subject).toMatch(
      /^\[Better Care Together Bcc: someone@evil.example\] Partner board approvals due in 1 working day/,
    );
    const headers = mail.raw.split(/\r?\n\r?\n/)[0];
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(mail.parsed.text).not.toMatch(/\r|^Bcc:/m);
  });
});
