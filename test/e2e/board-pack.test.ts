import { BETTER_CARE_TOGETHER, FIVE_YEAR_PLAN } from '../../src/demo/demo-programmes';
import { TokenService } from '../../src/auth/token.service';
import { MailSink, startMailSink } from '../support/mail-sink';
import { TestApp, startTestApp } from '../support/test-app';
import { flat, pdfText } from '../support/document-text';

// The scheduled pack and risk review reminders, through the outbox to a real SMTP server and
// read back with mailparser: the SRO's monthly report as a PDF on the first working day from
// 08:00, the weekly digest of what moved, review reminders on the gate reminders' schedule,
// each exactly once, and a person's opt-out kept.

jest.setTimeout(60_000);

const OTHER_SRO = { name: 'Sue Lock', email: 'sue.lock@example.nhs.uk' };

describe('the scheduled pack and risk review reminders', () => {
  let sink: MailSink;
  let t: TestApp;
  let lead: string;
  let id: string;

  const run = async () => (await t.request('POST', '/api/admin/reminders/run', { token: t.adminToken })).body;

  beforeAll(async () => {
    sink = await startMailSink();
    t = await startTestApp({
      now: '2015-10-30T10:00:00Z',
      env: { SMTP_URL: sink.url, PUBLIC_URL: 'https://gates.example.nhs.uk', PACK_ENABLED: 'true' },
    });
    lead = await t.tokenFor('partnerships');
    id = (await t.request('POST', '/api/programmes', { token: lead, body: BETTER_CARE_TOGETHER })).body.id;
    await t.request('POST', '/api/programmes', { token: lead, body: { ...FIVE_YEAR_PLAN, sro: OTHER_SRO } });
    // Something moves in the week before Monday 2 November.
    const moved = await t.request('PATCH', `/api/programmes/${id}/gates/nhse-assurance`, {
      token: lead,
      body: { forecastDate: '2015-11-20', reason: 'NHS England panel moved' },
    });
    expect(moved.status).toBe(200);
    const risk = await t.request('POST', `/api/programmes/${id}/risks`, {
      token: lead,
      body: {
        kind: 'risk',
        title: 'Judicial review of the consultation',
        owner: { name: 'Rita Owen', email: 'rita.owen@example.nhs.uk' },
        likelihood: 3,
        impact: 5,
        reviewOn: '2015-11-03',
      },
    });
    expect(risk.status).toBe(201);
    // The other SRO wants no monthly pack.
    const sue = (await t.get(TokenService).create({ ...OTHER_SRO, role: 'sro' })).token;
    const optOut = await t.request('PUT', '/api/me/mail-preferences', { token: sue, body: { monthlyPack: false } });
    expect(optOut.body).toEqual({ email: OTHER_SRO.email, monthlyPack: false, weeklyDigest: true });
    const bad = await t.request('PUT', '/api/me/mail-preferences', { token: sue, body: { monthlyPack: 'no' } });
    expect(bad.status).toBe(422);
    expect((await t.request('PUT', '/api/me/mail-preferences', { token: sue, body: {} })).status).toBe(422);
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('sends nothing before 08:00 on the first working day: no pack, no reminder', async () => {
    t.setNow('2015-11-02T07:59:00Z'); // London is on GMT
    const result = await run();
    expect(result.pack).toEqual({ monthly: 0, digests: 0 });
    expect(result).toMatchObject({ sendWindowOpen: false, queued: 0 });
    expect(sink.received).toHaveLength(0);
  });

  it('from 08:00 sends the SRO the month’s report as a PDF, and the digest of the week, once', async () => {
    t.setNow('2015-11-02T08:05:00Z');
    const result = await run();
    expect(result.pack).toEqual({ monthly: 1, digests: 1 });
    const packs = () => sink.received.filter((m) => /Highlight report for|What moved/.test(m.parsed.subject ?? ''));
    expect(packs()).toHaveLength(2);
    const again = await run();
    expect(again.pack).toEqual({ monthly: 0, digests: 0 });
    expect(again.sent).toBe(0);
    expect(packs()).toHaveLength(2);

    const pack = sink.received.find((m) => /Highlight report for November 2015/.test(m.parsed.subject ?? ''))!;
    expect(pack.envelope.to).toEqual(['kate.shields@example.nhs.uk']);
    expect(pack.parsed.attachments).toHaveLength(1);
    const [pdf] = pack.parsed.attachments;
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.filename).toBe('better-care-together-highlight-report-2015-11-02.pdf');
    const text = flat((await pdfText(pdf.content)).text);
    expect(text).toContain('Better Care Together: highlight report');
    expect(text).toContain('As of 2 Nov 2015');
    expect(text).toContain('Judicial review of the consultation');

    const digest = sink.received.find((m) => /What moved/.test(m.parsed.subject ?? ''))!;
    expect(digest.envelope.to).toEqual(['kate.shields@example.nhs.uk']);
    expect(digest.parsed.text).toMatch(
      /NHS England and TDA assurance re-forecast from 9 Nov 2015 to 20 Nov 2015: NHS England panel moved/,
    );
    expect(digest.parsed.text).toMatch(/Risk log: Raised: Judicial review of the consultation/);
    // Sue opted out of the pack; nothing moved in her programme, so no digest either (her gate
    // reminders, which came in the same run, are not part of the pack).
    expect(packs().flatMap((m) => m.envelope.to)).not.toContain(OTHER_SRO.email);
  });

  it('reminds a risk’s owner of its review on the gate reminders’ schedule, once', async () => {
    // One send hour for scheduled mail: the review reminder came in the same run of 08:05 as the
    // pack (gate reminders too; only the risk owner's mail is looked at here).
    const toRita = () => sink.received.filter((m) => m.envelope.to.includes('rita.owen@example.nhs.uk'));
    expect(toRita()).toHaveLength(1);
    const [reminder] = toRita();
    expect(reminder.parsed.subject).toBe(
      '[Better Care Together] Review of risk "Judicial review of the consultation" due in 1 working day (3 Nov 2015)',
    );
    expect(reminder.parsed.text).toContain(`https://gates.example.nhs.uk/programmes/${id}/risks/`);
    await run();
    expect(toRita()).toHaveLength(1);

    // Down for two days: one overdue reminder, not the ones missed as well.
    t.setNow('2015-11-05T11:00:00Z');
    await run();
    expect(toRita()).toHaveLength(2);
    expect(toRita()[1].parsed.subject).toMatch(
      /Overdue: review of risk "Judicial review of the consultation" was due 3 Nov 2015/,
    );
    expect(toRita()[1].parsed.text).toMatch(/stands in for earlier reminders/);
    // Closed: no more reminders about it, to the owner or (escalation) the SRO.
    const list = await t.request('GET', `/api/programmes/${id}/risks`, { token: lead });
    await t.request('PATCH', `/api/programmes/${id}/risks/${list.body[0].id}`, {
      token: lead,
      body: { status: 'closed', reason: 'Legal advice received' },
    });
    t.setNow('2015-11-10T11:00:00Z');
    await run();
    expect(toRita()).toHaveLength(2);
    expect(sink.received.filter((m) => /review of risk/i.test(m.parsed.subject ?? ''))).toHaveLength(2);
    const ids = sink.received.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
