// Mail dispatch to a local SMTP server: messages per second through the outbox (claim, send,
// mark sent, one message at a time, each mark committed) against bare nodemailer sending the
// same messages over the same kind of pooled connection with no database at all. The SMTP
// server runs in its own process so that it does not share a CPU with the sender.
//   BENCH_DISPATCH_MESSAGES=2000  BENCH_DATABASE=postgres
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

const MESSAGES = Number(process.env.BENCH_DISPATCH_MESSAGES ?? 2000);
const POSTGRES = process.env.BENCH_DATABASE === 'postgres';
const PG_ADMIN_URL = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NOW = '2015-10-27T09:30:00Z';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after DATABASE_URL is set (entity column types)
const load = <T>(path: string): T => require(path) as T;

const SINK = `
const { SMTPServer } = require('smtp-server');
let count = 0;
const server = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, closeTimeout: 200,
  onData(stream, _session, callback) { stream.on('data', () => {}); stream.on('end', () => { count++; callback(null, 'Queued'); }); },
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.server.address().port }));
process.on('message', (m) => { if (m === 'count') process.send({ count }); if (m === 'reset') { count = 0; process.send({ count }); } });
`;

async function startSink(): Promise<{
  port: number;
  count(): Promise<number>;
  reset(): Promise<void>;
  child: ChildProcess;
}> {
  const child = spawn(process.execPath, ['-e', SINK], {
    cwd: join(__dirname, '..'),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [{ port }] = (await once(child, 'message')) as [{ port: number }];
  const ask = async (m: string) => {
    child.send(m);
    const [reply] = (await once(child, 'message')) as [{ count: number }];
    return reply.count;
  };
  return { port, child, count: () => ask('count'), reset: async () => void (await ask('reset')) };
}

async function database(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!POSTGRES) {
    const dir = mkdtempSync(join(tmpdir(), 'cg-bench-dispatch-'));
    return {
      url: `sqlite:${join(dir, 'dispatch.sqlite')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `cg_bench_dispatch_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`DROP DATABASE IF EXISTS ${name}`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

function message(i: number) {
  const key = {
    programmeId: 'bench',
    gateId: `gate-${i}`,
    kind: 'overdue',
    dueDate: '2015-10-26',
    recipient: `owner${i}@example.nhs.uk`,
  };
  return {
    ...key,
    recipientName: `Owner ${i}`,
    messageId: `<bench-${i}@example.nhs.uk>`,
    subject: `[Better Care Together] Overdue: Partner board approvals was due 26 Oct 2015 (${i})`,
    bodyText:
      'Dear Helen Seth,\n\nPartner board approvals for Better Care Together was due on Monday 26 October 2015.\n'.repeat(
        4,
      ),
    bodyHtml:
      '<p>Dear Helen Seth,</p><p>Partner board approvals for Better Care Together was due on Monday 26 October 2015.</p>'.repeat(
        4,
      ),
  };
}

async function main() {
  const sink = await startSink();
  const db = await database();
  process.env.DATABASE_URL = db.url;
  const { createApp } = load<typeof import('../src/bootstrap')>('../src/bootstrap');
  const { loadConfig } = load<typeof import('../src/core/config/app-config')>('../src/core/config/app-config');
  const { UnitOfWork } = load<typeof import('../src/core/database/unit-of-work')>('../src/core/database/unit-of-work');
  const { OutboxStore } = load<typeof import('../src/mail/outbox.store')>('../src/mail/outbox.store');
  const { OutboxDispatcher } = load<typeof import('../src/mail/outbox-dispatcher.service')>(
    '../src/mail/outbox-dispatcher.service',
  );
  const nodemailer = load<typeof import('nodemailer')>('nodemailer');

  const smtpUrl = `smtp://127.0.0.1:${sink.port}`;
  const mailDir = mkdtempSync(join(tmpdir(), 'cg-bench-mail-'));
  const config = loadConfig({
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    REMINDERS_CRON_ENABLED: 'false',
    MAIL_DIR: mailDir,
    SMTP_URL: smtpUrl,
    APP_NOW: NOW,
  });
  const app = await createApp(config);
  await app.init();
  const uow = app.get(UnitOfWork);
  const store = app.get(OutboxStore);

  const messages = Array.from({ length: MESSAGES }, (_, i) => message(i));
  let started = process.hrtime.bigint();
  await uow.run((em) => store.enqueue(em, messages, new Date(NOW)));
  const enqueueSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  started = process.hrtime.bigint();
  const result = await app.get(OutboxDispatcher).dispatch();
  const dispatchSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const arrived = await sink.count();
  if (result.sent !== MESSAGES || arrived !== MESSAGES) {
    throw new Error(`sent ${result.sent}, arrived ${arrived}, expected ${MESSAGES}`);
  }
  await app.close();

  // Baseline: nodemailer alone, same connection settings, one message at a time.
  await sink.reset();
  const bare = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 1 } as never);
  started = process.hrtime.bigint();
  for (const m of messages) {
    await bare.sendMail({
      from: config.mail.from,
      to: { name: m.recipientName, address: m.recipient },
      subject: m.subject,
      text: m.bodyText,
      html: m.bodyHtml,
      messageId: m.messageId,
    });
  }
  const bareSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  bare.close();
  if ((await sink.count()) !== MESSAGES) throw new Error('the baseline lost messages');

  const results = {
    dialect: POSTGRES ? 'PostgreSQL' : 'SQLite',
    messages: MESSAGES,
    enqueuePerSecond: MESSAGES / enqueueSeconds,
    dispatchPerSecond: MESSAGES / dispatchSeconds,
    barePerSecond: MESSAGES / bareSeconds,
    ratio: bareSeconds / dispatchSeconds,
  };
  console.log(`\nDispatch to a local SMTP server on ${results.dialect}, ${MESSAGES} messages`);
  console.log(`${'case'.padEnd(58)} ${'msg/s'.padStart(9)}`);
  console.log(
    `${'queue (one transaction, INSERT ... ON CONFLICT DO NOTHING)'.padEnd(58)} ${results.enqueuePerSecond.toFixed(0).padStart(9)}`,
  );
  console.log(
    `${'outbox dispatch (claim, send, mark sent, one at a time)'.padEnd(58)} ${results.dispatchPerSecond.toFixed(0).padStart(9)}`,
  );
  console.log(
    `${'bare nodemailer, same pooled connection, no database'.padEnd(58)} ${results.barePerSecond.toFixed(0).padStart(9)}`,
  );
  console.log(`  outbox/bare: ${results.ratio.toFixed(2)}\n`);

  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(
    join(__dirname, 'results', `dispatch${POSTGRES ? '-postgres' : ''}.json`),
    JSON.stringify(results, null, 2),
  );
  sink.child.kill();
  await db.drop();
  rmSync(mailDir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
