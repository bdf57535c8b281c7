import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { MailSink, startMailSink } from '../support/mail-sink';
import { TestApp, startTestApp } from '../support/test-app';

// An operator scrapes GET /metrics while a reminder run sends its mail through a real SMTP
// server, and watches the outbox drain: each time the server has a message in hand, the scrape
// shows one fewer waiting and one more sent.

jest.setTimeout(60_000);

const PROGRAMMES = 3;

/** Samples of one metric from the Prometheus text format, by their label text. */
function samples(text: string, name: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (match && match[1] === name) found.set(match[2] ?? '', Number(match[3]));
  }
  return found;
}

function value(text: string, name: string): number | undefined {
  return samples(text, name).get('');
}

describe('metrics during a reminder run', () => {
  let sink: MailSink;
  let t: TestApp;
  const duringRun: string[] = [];

  beforeAll(async () => {
    sink = await startMailSink({
      // While the server holds each message, the operator scrapes.
      holdUntil: async () => duringRun.push((await scrape()).text),
    });
    t = await startTestApp({ now: '2015-10-27T09:00:00Z', env: { SMTP_URL: sink.url } });
    const lead = await t.tokenFor('partnerships');
    for (let i = 0; i < PROGRAMMES; i++) {
      const created = await t.request('POST', '/api/programmes', {
        token: lead,
        body: { ...BETTER_CARE_TOGETHER, name: `Better Care Together ${i + 1}` },
      });
      expect(created.status).toBe(201);
      for (const [gateId, completedOn] of [
        ['pcbc-draft', '2015-09-04'],
        ['clinical-senate-review', '2015-10-05'],
      ]) {
        const res = await t.request('POST', `/api/programmes/${created.body.id}/gates/${gateId}/complete`, {
          token: lead,
          body: { completedOn },
        });
        expect(res.status).toBe(200);
      }
    }
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  function scrape() {
    return t.request('GET', '/metrics', { token: t.adminToken });
  }

  it('answers an admin in the Prometheus text format, and no other role', async () => {
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(value(res.text, 'cg_outbox_pending_messages')).toBe(0);
    expect(value(res.text, 'cg_outbox_oldest_pending_age_seconds')).toBe(0);
    expect(value(res.text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(value(res.text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    const viewer = await t.request('GET', '/metrics', { token: await t.tokenFor('viewer') });
    expect(viewer.status).toBe(403);
    expect((await t.request('GET', '/metrics')).status).toBe(401);
  });

  it('shows the outbox drain while the run sends, then the sends, the sweep and the routes', async () => {
    const run = await t.request('POST', '/api/admin/reminders/run', { token: t.adminToken });
    expect(run.status).toBe(200);
    const queued = run.body.queued as number;
    expect(queued).toBe(PROGRAMMES * 2);
    expect(run.body.sent).toBe(queued);
    expect(sink.received).toHaveLength(queued);

    // Message k in the server's hands: k already sent, the rest (this one included) waiting.
    expect(duringRun).toHaveLength(queued);
    duringRun.forEach((text, k) => {
      expect(value(text, 'cg_outbox_pending_messages')).toBe(queued - k);
      expect(value(text, 'cg_mail_sent_total')).toBe(k);
      expect(value(text, 'cg_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(0);
    });

    const after = (await scrape()).text;
    expect(value(after, 'cg_outbox_pending_messages')).toBe(0);
    expect(value(after, 'cg_outbox_oldest_pending_age_seconds')).toBe(0);
    expect(value(after, 'cg_mail_sent_total')).toBe(queued);
    expect(value(after, 'cg_reminder_sweep_duration_seconds_count')).toBe(1);
    expect(value(after, 'cg_reminder_sweep_last_success_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 600);
    expect(value(after, 'cg_db_transaction_duration_seconds_count')).toBeGreaterThan(PROGRAMMES * 3);

    const http = samples(after, 'cg_http_request_duration_seconds_count');
    expect(http.get('{method="POST",route="/api/programmes/:id/gates/:gateId/complete",status="200"}')).toBe(
      PROGRAMMES * 2,
    );
    expect(http.get('{method="POST",route="/api/admin/reminders/run",status="200"}')).toBe(1);
    expect(http.get('{method="GET",route="/metrics",status="403"}')).toBe(1);
    // A path that matches no route is counted under one label, whatever the path.
    await t.request('GET', '/no/such/path/1');
    await t.request('GET', '/no/such/path/2');
    const unmatched = samples((await scrape()).text, 'cg_http_request_duration_seconds_count');
    expect(unmatched.get('{method="any",route="(unmatched)",status="404"}')).toBe(2);
  });
});
