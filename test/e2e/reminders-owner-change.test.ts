import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { MailSink, startMailSink } from '../support/mail-sink';
import { TestApp, startTestApp } from '../support/test-app';

// A gate changes hands while its reminders run, through a real SMTP server: the reminder
// already sent to the old owner is not sent again to the new one, and the next reminder
// goes to the new owner only.

jest.setTimeout(30_000);

describe('reminders after a change of owner', () => {
  let sink: MailSink;
  let t: TestApp;
  let lead: string;
  let id: string;

  beforeAll(async () => {
    sink = await startMailSink();
    t = await startTestApp({ now: '2015-10-05T12:00:00Z', env: { SMTP_URL: sink.url } });
    lead = await t.tokenFor('partnerships');
    const created = await t.request('POST', '/api/programmes', { token: lead, body: BETTER_CARE_TOGETHER });
    id = created.body.id;
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
  const partnerMail = () => sink.received.filter((m) => /Partner board approvals/.test(m.parsed.subject ?? ''));

  it('sends what was due to the old owner once, and the next reminder to the new owner only', async () => {
    t.setNow('2015-10-19T08:00:00Z'); // 09:00 BST, five working days before 26 October
    await run();
    const first = partnerMail();
    expect(first.map((m) => m.envelope.to.join(','))).toEqual(['helen.seth@example.nhs.uk']);
    expect(first[0].parsed.text).toContain('Dear Helen Seth');

    const changed = await t.request('PUT', `/api/programmes/${id}/gates/partner-approvals/owner`, {
      token: lead,
      body: { name: 'Ravi Patel', email: 'ravi.patel@example.nhs.uk' },
    });
    expect(changed.status).toBe(200);

    // Later the same morning: the five-day reminder went to Helen; Ravi does not get it too.
    t.setNow('2015-10-19T11:00:00Z');
    expect(await run()).toMatchObject({ sendWindowOpen: true, queued: 0 });
    expect(partnerMail()).toHaveLength(1);

    // The day before: the next reminder, to Ravi and to nobody else.
    t.setNow('2015-10-23T08:00:00Z');
    await run();
    const next = partnerMail().slice(1);
    expect(next.map((m) => m.envelope.to.join(','))).toEqual(['ravi.patel@example.nhs.uk']);
    expect(next[0].parsed.text).toContain('Dear Ravi Patel');
    // The five-day reminder was sent (to Helen), so this one does not claim to stand in for it.
    expect(next[0].parsed.text).not.toMatch(/stands in for[^\n]*5 working days before/);
  });
});
