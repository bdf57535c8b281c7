import { simpleParser } from 'mailparser';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { UnitOfWork } from '../../src/core/database/unit-of-work';
import { stableMessageId } from '../../src/mail/mail-headers';
import { MailTransport } from '../../src/mail/mail-transport';
import { OutboxDispatcher } from '../../src/mail/outbox-dispatcher.service';
import { NewOutboxMessage, OutboxStore, keyOf } from '../../src/mail/outbox.store';
import { MailSink, startMailSink } from '../support/mail-sink';
import { TestApp, startTestApp } from '../support/test-app';

// The outbox and its dispatcher on a real database and a real SMTP server (or none): retries
// while the server is down, giving up, leases of dead senders, concurrency, TLS, files.

jest.setTimeout(30_000);

const T0 = '2015-10-27T09:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

function message(i: number, recipient = `owner${i}@example.nhs.uk`): NewOutboxMessage {
  const key = { programmeId: 'p-outbox', gateId: `gate-${i}`, kind: 'overdue', dueDate: '2015-10-26', recipient };
  return {
    ...key,
    recipientName: `Owner ${i}`,
    messageId: stableMessageId(keyOf(key), 'example.nhs.uk'),
    subject: `Message ${i}`,
    bodyText: `Body ${i}`,
    bodyHtml: `<p>Body ${i}</p>`,
  };
}

async function enqueue(t: TestApp, messages: NewOutboxMessage[]): Promise<number> {
  return t.get(UnitOfWork).run((em) => t.get(OutboxStore).enqueue(em, messages, new Date(t.clock.now())));
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('the outbox with the mail server down, then up', () => {
  let t: TestApp;
  let port: number;
  let sink: MailSink | undefined;

  beforeAll(async () => {
    port = await freePort();
    t = await startTestApp({ now: T0, env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_MAX_ATTEMPTS: '3' } });
  });
  afterAll(async () => {
    await t.close();
    await sink?.close();
  });

  it('records each message once, however often it is written', async () => {
    expect(await enqueue(t, [message(1), message(2), message(3)])).toBe(3);
    expect(await enqueue(t, [message(3), message(2), message(1)])).toBe(0);
    expect(await t.get(OutboxStore).countByStatus()).toMatchObject({ pending: 3 });
  });

  it('fails one attempt while the server is down and holds the rest back untried', async () => {
    const dispatcher = t.get(OutboxDispatcher);
    expect(await dispatcher.dispatch()).toEqual({ sent: 0, failed: 1, permanentlyFailed: 0 });
    const [first, ...rest] = (await t.get(OutboxStore).list({ limit: 10 })).reverse();
    expect(first).toMatchObject({ status: 'failed', attempts: 1 });
    expect(first.lastError).toMatch(/ECONNECTION|ECONNREFUSED|ESOCKET/);
    expect(new Date(first.nextAttemptAt).toISOString()).toBe(at(60));
    for (const m of rest) expect(m).toMatchObject({ status: 'pending', attempts: 0 });
    // Nothing is due again before the backoff has passed.
    t.setNow(at(59));
    expect(await dispatcher.dispatch()).toEqual({ sent: 0, failed: 0, permanentlyFailed: 0 });
  });

  it('backs off further on the next failure', async () => {
    t.setNow(at(61));
    expect(await t.get(OutboxDispatcher).dispatch()).toEqual({ sent: 0, failed: 1, permanentlyFailed: 0 });
    const failed = (await t.get(OutboxStore).list({ status: 'failed', limit: 10 }))[0];
    expect(failed.attempts).toBe(2);
    expect(new Date(failed.nextAttemptAt).toISOString()).toBe(at(61 + 120));
  });

  it('sends everything once the server is back and the backoff has passed', async () => {
    sink = await startMailSink({}, port);
    t.setNow(at(200));
    expect(await t.get(OutboxDispatcher).dispatch()).toEqual({ sent: 3, failed: 0, permanentlyFailed: 0 });
    expect(sink.received.map((m) => m.parsed.subject).sort()).toEqual(['Message 1', 'Message 2', 'Message 3']);
    expect(sink.received.map((m) => m.parsed.messageId).sort()).toEqual(
      [1, 2, 3].map((i) => message(i).messageId).sort(),
    );
    expect(await t.get(OutboxStore).countByStatus()).toEqual({
      pending: 0,
      sent: 3,
      failed: 0,
      'permanently-failed': 0,
    });
  });

  it('gives up after the configured number of attempts', async () => {
    await sink!.close();
    sink = undefined;
    await enqueue(t, [message(4)]);
    const dispatcher = t.get(OutboxDispatcher);
    const results = [];
    for (const seconds of [300, 400, 700]) {
      t.setNow(at(seconds));
      results.push(await dispatcher.dispatch());
    }
    expect(results).toEqual([
      { sent: 0, failed: 1, permanentlyFailed: 0 },
      { sent: 0, failed: 1, permanentlyFailed: 0 },
      { sent: 0, failed: 0, permanentlyFailed: 1 },
    ]);
    const [given] = await t.get(OutboxStore).list({ status: 'permanently-failed', limit: 1 });
    expect(given).toMatchObject({ gateId: 'gate-4', attempts: 3 });
    t.setNow(at(100_000));
    expect(await dispatcher.dispatch()).toEqual({ sent: 0, failed: 0, permanentlyFailed: 0 });
  });
});

describe('the outbox with a mail server that is up', () => {
  let t: TestApp;
  let sink: MailSink;

  beforeAll(async () => {
    sink = await startMailSink({
      reject: ({ to }) => (to.includes('nobody@example.nhs.uk') ? { code: 550, message: 'No such user here' } : null),
    });
    t = await startTestApp({ now: T0, env: { SMTP_URL: sink.url, MAIL_CLAIM_LEASE_SECONDS: '60' } });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('gives up at once on a message the server refuses for good (5xx), and sends the rest', async () => {
    await enqueue(t, [message(10), message(11, 'nobody@example.nhs.uk'), message(12)]);
    expect(await t.get(OutboxDispatcher).dispatch()).toEqual({ sent: 2, failed: 0, permanentlyFailed: 1 });
    const [refused] = await t.get(OutboxStore).list({ status: 'permanently-failed', limit: 1 });
    expect(refused).toMatchObject({ recipient: 'nobody@example.nhs.uk', attempts: 1 });
    expect(refused.lastError).toMatch(/550|No such user/);
  });

  it('sends again a message whose sender died holding it, once the claim has lapsed', async () => {
    await enqueue(t, [message(20)]);
    const before = sink.received.length;
    // A sender claims the message and dies before sending (nothing marks it).
    expect(await t.get(OutboxStore).claim('a-sender-that-died', new Date(T0), 10)).toHaveLength(1);
    expect(await t.get(OutboxDispatcher).dispatch()).toEqual({ sent: 0, failed: 0, permanentlyFailed: 0 });
    t.setNow(at(61));
    expect(await t.get(OutboxDispatcher).dispatch()).toEqual({ sent: 1, failed: 0, permanentlyFailed: 0 });
    expect(sink.received.length).toBe(before + 1);
    const [sent] = await t.get(OutboxStore).list({ status: 'sent', limit: 1 });
    expect(sent).toMatchObject({ gateId: 'gate-20', attempts: 2, claimedBy: null });
  });

  it('never sends a message twice when dispatches overlap', async () => {
    const before = sink.received.length;
    await enqueue(
      t,
      Array.from({ length: 60 }, (_, i) => message(100 + i)),
    );
    const dispatcher = t.get(OutboxDispatcher);
    const results = await Promise.all(Array.from({ length: 5 }, () => dispatcher.dispatch()));
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(60);
    const ids = sink.received.slice(before).map((m) => m.parsed.messageId);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
  });
});

describe('SMTP with TLS and authentication', () => {
  for (const tls of ['implicit', 'starttls'] as const) {
    it(`sends over ${tls === 'implicit' ? 'smtps:// (TLS from the start)' : 'STARTTLS'} with a user and password`, async () => {
      const sink = await startMailSink({ tls, auth: { user: 'gates', pass: 's3cret word' } });
      const url = sink.url.replace('s3cret word', encodeURIComponent('s3cret word'));
      const t = await startTestApp({ now: T0, env: { SMTP_URL: url } });
      try {
        await enqueue(t, [message(30)]);
        expect(await t.get(OutboxDispatcher).dispatch()).toMatchObject({ sent: 1 });
        expect(sink.received[0]).toMatchObject({ secure: true, user: 'gates' });
        expect(t.get(MailTransport).description).not.toContain('s3cret');
      } finally {
        await t.close();
        await sink.close();
      }
    });
  }

  it('treats a refused login as the server being unavailable: retried later, the rest untried', async () => {
    const sink = await startMailSink({ tls: 'implicit', auth: { user: 'gates', pass: 'right' } });
    const t = await startTestApp({ now: T0, env: { SMTP_URL: sink.url.replace(':right@', ':wrong@') } });
    try {
      await enqueue(t, [message(40), message(41)]);
      expect(await t.get(OutboxDispatcher).dispatch()).toEqual({ sent: 0, failed: 1, permanentlyFailed: 0 });
      expect(await t.get(OutboxStore).countByStatus()).toMatchObject({ failed: 1, pending: 1 });
      expect(sink.received).toHaveLength(0);
    } finally {
      await t.close();
      await sink.close();
    }
  });
});

describe('without an SMTP server', () => {
  it('writes each message as an .eml file named after its Message-ID, once however often it is written', async () => {
    const t = await startTestApp({ now: T0 });
    try {
      await enqueue(t, [message(50)]);
      expect(await t.get(OutboxDispatcher).dispatch()).toEqual({ sent: 1, failed: 0, permanentlyFailed: 0 });
      const dir = t.config.mail.outboxDir;
      const files = readdirSync(dir);
      expect(files).toEqual([`${message(50).messageId.replace(/^<|@.*$/g, '')}.eml`]);
      const parsed = await simpleParser(readFileSync(join(dir, files[0])));
      expect(parsed.subject).toBe('Message 50');
      expect(parsed.messageId).toBe(message(50).messageId);
      expect(parsed.text?.trim()).toBe('Body 50');
      expect(parsed.html).toContain('<p>Body 50</p>');
      // Sent again (say after a crash before it was marked): still one file.
      await t.get(MailTransport).send({
        messageId: message(50).messageId,
        to: { name: 'Owner 50', address: 'owner50@example.nhs.uk' },
        subject: 'Message 50',
        text: 'Body 50',
        html: '<p>Body 50</p>',
        date: new Date(T0),
      });
      expect(readdirSync(dir)).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
