import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { MailSink, startMailSink } from '../support/mail-sink';
import { ServerProcess, startServiceProcess } from '../support/server-process';
import { TestApp, startTestApp } from '../support/test-app';
import { TestDatabase, createTestDatabase } from '../support/test-database';

// The service killed (SIGKILL) in the middle of sending, then started again: nothing is lost,
// and the one message that was in flight is sent again with the same Message-ID.
//
// Why one duplicate and not zero: the server had the whole message when the sender died,
// before the sender could read the server's "250 OK" and mark the message sent. No SMTP
// client can close that window (the protocol has no two-phase commit); the service keeps it
// to one message per crash by sending one at a time and marking each as soon as it is
// accepted, and gives the resend the same Message-ID so a receiver can drop it.

jest.setTimeout(40_000);

const ADMIN = 'crash-test-admin-token-0123456789';

describe('killed in the middle of sending', () => {
  let sink: MailSink;
  let database: TestDatabase;
  let service: ServerProcess | undefined;
  let killedAt: number | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    sink = await startMailSink({
      // The third message arrives in full; the process dies before it hears "250 OK".
      holdMs: (i) => (i === 2 ? 300 : 0),
      onArrival: (_mail, i) => {
        if (i === 2 && service) {
          killedAt = i;
          service.child.kill('SIGKILL');
        }
      },
    });
  });

  afterAll(async () => {
    await service?.stop('SIGKILL');
    await database?.drop();
    await sink?.close();
  });

  const env = { SMTP_URL: '', MAIL_CLAIM_LEASE_SECONDS: '60' };
  const run = (t: TestApp) =>
    t.request('POST', '/api/admin/reminders/run', { token: t.adminToken }).then((r) => r.body);

  it('loses nothing and resends only the message in flight, with the same Message-ID', async () => {
    env.SMTP_URL = sink.url;
    // Three programmes whose partner approvals were due yesterday.
    const setup = await startTestApp({ now: '2015-10-27T09:00:00Z', database, env });
    const lead = await setup.tokenFor('partnerships');
    for (let i = 0; i < 3; i++) {
      const created = await setup.request('POST', '/api/programmes', {
        token: lead,
        body: { ...BETTER_CARE_TOGETHER, name: `Programme ${i}` },
      });
      for (const [gateId, completedOn] of [
        ['pcbc-draft', '2015-09-04'],
        ['clinical-senate-review', '2015-10-05'],
      ]) {
        await setup.request('POST', `/api/programmes/${created.body.id}/gates/${gateId}/complete`, {
          token: lead,
          body: { completedOn },
        });
      }
    }
    await setup.close();

    // The service as its own process: six reminders are due (two per programme), and it is
    // killed while sending the third.
    service = await startServiceProcess({
      ...env,
      DATABASE_URL: database.url,
      APP_NOW: '2015-10-27T09:00:00Z',
      BOOTSTRAP_ADMIN_TOKEN: ADMIN,
      LOG_LEVEL: 'warn',
    });
    const dying = await fetch(`${service.url}/api/admin/reminders/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}` },
    }).then(
      (r) => r.status,
      () => 'connection lost',
    );
    expect(dying).toBe('connection lost');
    expect(await service.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(killedAt).toBe(2);
    // The server keeps what it had in full, as a real one may.
    expect(await sink.waitFor(3)).toHaveLength(3);

    // Started again (in-process this time: the same code, quicker to start) after the dead
    // sender's claim of 60 seconds has lapsed.
    const again = await startTestApp({ now: '2015-10-27T09:02:00Z', database, env });
    try {
      expect(await run(again)).toMatchObject({
        due: 0,
        queued: 0,
        sent: 4,
        failed: 0,
        outbox: { sent: 6, pending: 0 },
      });
      const ids = sink.received.map((m) => m.parsed.messageId!);
      expect(new Set(ids).size).toBe(6); // every reminder arrived
      expect(ids).toHaveLength(7); // and exactly one twice:
      expect(ids.filter((id) => id === ids[2])).toHaveLength(2); // the one in flight, with the same Message-ID
      expect(sink.received[3].parsed.subject).toBe(sink.received[2].parsed.subject);
      // Running again sends nothing more.
      expect(await run(again)).toMatchObject({ queued: 0, sent: 0 });
      expect(sink.received).toHaveLength(7);
    } finally {
      await again.close();
    }
  });
});
