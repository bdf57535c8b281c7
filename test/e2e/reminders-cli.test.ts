import { main } from '../../src/cli';
import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { MailSink, startMailSink } from '../support/mail-sink';
import { startTestApp } from '../support/test-app';
import { TestDatabase, createTestDatabase } from '../support/test-database';

// `npm run cli -- reminders run`: the same sweep and dispatch as the cron and the admin
// endpoint, for a system scheduler (or a person) to start, with the clock from APP_NOW.

jest.setTimeout(30_000);

describe('reminders from the command line', () => {
  let database: TestDatabase;
  let sink: MailSink;

  beforeAll(async () => {
    database = await createTestDatabase();
    sink = await startMailSink();
    const t = await startTestApp({ now: '2015-10-27T09:00:00Z', database });
    const lead = await t.tokenFor('partnerships');
    const created = await t.request('POST', '/api/programmes', { token: lead, body: BETTER_CARE_TOGETHER });
    for (const [gateId, completedOn] of [
      ['pcbc-draft', '2015-09-04'],
      ['clinical-senate-review', '2015-10-05'],
    ]) {
      await t.request('POST', `/api/programmes/${created.body.id}/gates/${gateId}/complete`, {
        token: lead,
        body: { completedOn },
      });
    }
    await t.close();
  });
  afterAll(async () => {
    await database.drop();
    await sink.close();
  });

  async function cli(args: string[], now: string) {
    let stdout = '';
    let stderr = '';
    const code = await main(args, {
      out: { write: (text: string) => (stdout += text) },
      err: { write: (text: string) => (stderr += text) },
      env: { DATABASE_URL: database.url, LOG_LEVEL: 'silent', APP_NOW: now, SMTP_URL: sink.url },
      readInput: async () => '',
    });
    return { code, stdout, stderr };
  }

  it('runs the sweep and the dispatch once, and a second run sends nothing', async () => {
    const first = await cli(['reminders', 'run', '--json'], '2015-10-27T09:00:00Z');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(first.stdout)).toMatchObject({ sendWindowOpen: true, queued: 2, sent: 2, failed: 0 });
    expect(sink.received.map((m) => m.envelope.to[0])).toEqual([
      'helen.seth@example.nhs.uk',
      'helen.seth@example.nhs.uk',
    ]);

    const second = await cli(['reminders', 'run'], '2015-10-27T10:00:00Z');
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(
      'Reminders at 2015-10-27T10:00:00.000Z: 0 queued, 0 sent, 0 to retry, 0 given up; outbox: 0 pending, 0 failed, 0 given up.\n',
    );
    expect(sink.received).toHaveLength(2);
  });

  it('says so when run outside the send window', async () => {
    const early = await cli(['reminders', 'run'], '2015-10-28T06:00:00Z');
    expect(early.stdout).toMatch(/outside the send window, none queued/);
  });
});
