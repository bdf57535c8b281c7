import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { MailSink, startMailSink } from '../support/mail-sink';
import { TestApp, startTestApp } from '../support/test-app';
import { TestDatabase, createTestDatabase, testDialect } from '../support/test-database';

// Two instances of the service on one database, each with its own connection pool, both
// sweeping and dispatching at the same moment: a real SMTP server counts what arrives.
// Under npm run test:pg this is two replicas on PostgreSQL (claims skip locked rows). Under
// npm test it is two apps in one process on one SQLite file: the keys and claims hold there too,
// though SQLite is meant for one running instance (docs/decisions/004).

jest.setTimeout(30_000);

const PROGRAMMES = 12;

describe(`two instances on one ${testDialect() === 'postgres' ? 'PostgreSQL' : 'SQLite'} database`, () => {
  let sink: MailSink;
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    sink = await startMailSink();
    database = await createTestDatabase();
    const options = { now: '2015-10-05T12:00:00Z', env: { SMTP_URL: sink.url }, database };
    a = await startTestApp(options);
    b = await startTestApp(options);
    const lead = await a.tokenFor('partnerships');
    for (let i = 0; i < PROGRAMMES; i++) {
      const created = await a.request('POST', '/api/programmes', {
        token: lead,
        body: { ...BETTER_CARE_TOGETHER, name: `Programme ${i}` },
      });
      for (const [gateId, completedOn] of [
        ['pcbc-draft', '2015-09-04'],
        ['clinical-senate-review', '2015-10-05'],
      ]) {
        const done = await a.request('POST', `/api/programmes/${created.body.id}/gates/${gateId}/complete`, {
          token: lead,
          body: { completedOn },
        });
        expect(done.status).toBe(200);
      }
    }
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
    await sink?.close();
  });

  const run = (t: TestApp) =>
    t.request('POST', '/api/admin/reminders/run', { token: t.adminToken }).then((r) => r.body);

  it('sends each reminder exactly once when both sweep and dispatch at the same time, again and again', async () => {
    for (const t of [a, b]) t.setNow('2015-10-27T09:00:00Z');
    const first = await Promise.all([run(a), run(b), run(a), run(b)]);
    const second = await Promise.all([run(b), run(a)]);
    const all = [...first, ...second];

    // Per programme: the owner's overdue message for partner approvals, and the ten-day
    // reminder for NHS England assurance.
    const expected = PROGRAMMES * 2;
    expect(all.reduce((n, r) => n + r.queued, 0)).toBe(expected);
    expect(all.reduce((n, r) => n + r.sent, 0)).toBe(expected);
    expect(sink.received).toHaveLength(expected);
    const ids = sink.received.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(expected);

    const outbox = await a.request('GET', '/api/admin/outbox?limit=1000', { token: a.adminToken });
    expect(outbox.body).toHaveLength(expected);
    expect(
      outbox.body.every((m: { status: string; attempts: number }) => m.status === 'sent' && m.attempts === 1),
    ).toBe(true);
    expect(new Set(outbox.body.map((m: { messageId: string }) => m.messageId))).toEqual(new Set(ids));
  });

  it('sends the next day’s reminders once too, whichever instance gets there first', async () => {
    for (const t of [a, b]) t.setNow('2015-10-29T09:00:00Z');
    const before = sink.received.length;
    const results = await Promise.all([run(b), run(a), run(b)]);
    // The SRO's escalation for each programme's partner approvals.
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(PROGRAMMES);
    const escalations = sink.received.slice(before);
    expect(escalations).toHaveLength(PROGRAMMES);
    expect(new Set(escalations.map((m) => m.parsed.messageId)).size).toBe(PROGRAMMES);
    expect(escalations.every((m) => m.envelope.to[0] === 'kate.shields@example.nhs.uk')).toBe(true);
  });
});
