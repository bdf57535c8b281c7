// The reminder sweep over 10,000 and 100,000 gates with the same number due: its cost should
// follow what is due, not what exists. Each size gets a fresh database holding
//   - DUE programmes whose partner approvals were due yesterday (one overdue reminder each);
//   - programmes finished long ago (every gate complete);
//   - programmes planned for next year (every gate not started, dates beyond the window);
//   - stalled programmes: a gate overdue since the spring, long since reminded and escalated.
// The sweep is timed with the previous sweep yesterday (its steady state), and once more with
// nothing new to send. For contrast, the time to read every outstanding gate, which is what a
// sweep that looked at everything would start with.
//   BENCH_SWEEP_SIZES=10000,100000  BENCH_SWEEP_DUE=500  BENCH_RUNS=5  BENCH_DATABASE=postgres
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

const SIZES = (process.env.BENCH_SWEEP_SIZES ?? '10000,100000').split(',').map(Number);
const DUE = Number(process.env.BENCH_SWEEP_DUE ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const POSTGRES = process.env.BENCH_DATABASE === 'postgres';
const PG_ADMIN_URL = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NOW = '2015-10-27T09:30:00Z'; // a Tuesday, after the 09:00 send hour
const PREVIOUS_SWEEP = '2015-10-26T09:30:00Z';
const WARM_UP = 2;

interface Row {
  gates: number;
  programmes: number;
  due: number;
  considered: number;
  seedSeconds: number;
  sweepMs: number;
  idleSweepMs: number;
  fullScanMs: number;
}

async function database(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!POSTGRES) {
    const dir = mkdtempSync(join(tmpdir(), 'cg-bench-sweep-'));
    return {
      url: `sqlite:${join(dir, 'sweep.sqlite')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `cg_bench_sweep_${process.pid}_${Date.now()}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

// Loaded after DATABASE_URL is set: the entity classes pick their column types when they load.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
const load = <T>(path: string): T => require(path) as T;

async function benchSize(totalGates: number): Promise<Row> {
  const db = await database();
  // The dialect is read from DATABASE_URL when the entity classes load: set it first.
  process.env.DATABASE_URL = db.url;
  const { createApp } = load<typeof import('../src/bootstrap')>('../src/bootstrap');
  const { loadConfig } = load<typeof import('../src/core/config/app-config')>('../src/core/config/app-config');
  const { UnitOfWork } = load<typeof import('../src/core/database/unit-of-work')>('../src/core/database/unit-of-work');
  const { GateEntity } = load<typeof import('../src/programmes/gate.entity')>('../src/programmes/gate.entity');
  const { ProgrammeEntity } = load<typeof import('../src/programmes/programme.entity')>(
    '../src/programmes/programme.entity',
  );
  const { OutboxMessageEntity } = load<typeof import('../src/mail/outbox-message.entity')>(
    '../src/mail/outbox-message.entity',
  );
  const { ReminderSweepEntity, emptySweepState } = load<typeof import('../src/reminders/reminder-sweep.entity')>(
    '../src/reminders/reminder-sweep.entity',
  );
  const { ReminderSweepService } = load<typeof import('../src/reminders/reminder-sweep.service')>(
    '../src/reminders/reminder-sweep.service',
  );
  const { getDefinition } = load<typeof import('../workflows/registry')>('../workflows/registry');
  const { In } = load<typeof import('typeorm')>('typeorm');

  const mailDir = mkdtempSync(join(tmpdir(), 'cg-bench-mail-'));
  const config = loadConfig({
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    REMINDERS_CRON_ENABLED: 'false',
    MAIL_DIR: mailDir,
    APP_NOW: NOW,
  });
  const app = await createApp(config);
  await app.init();
  const uow = app.get(UnitOfWork);
  const def = getDefinition('nhs-service-change', 1)!;
  const perProgramme = def.gates.length;
  const programmes = Math.ceil(totalGates / perProgramme);

  // Seed in bulk, straight into the tables (the service's own create path is measured elsewhere).
  const seedStarted = Date.now();
  const now = new Date(NOW);
  for (let start = 0; start < programmes; start += 500) {
    const count = Math.min(500, programmes - start);
    await uow.run(async (em) => {
      const ids = Array.from({ length: count }, () => randomUUID());
      await em.insert(
        ProgrammeEntity,
        ids.map((id, k) => ({
          id,
          name: `Programme ${start + k}`,
          workflowId: def.id,
          workflowVersion: def.version,
          xstateVersion: '5',
          snapshot: {},
          sroName: 'Kate Shields',
          sroEmail: 'kate.shields@example.nhs.uk',
          reminderPolicy: null,
          revision: 1,
          createdAt: now,
          updatedAt: now,
        })),
      );
      const gates = ids.flatMap((id, k) =>
        gatesFor(
          start + k,
          id,
          def.gates.map((g) => g.id),
        ),
      );
      for (let i = 0; i < gates.length; i += 1000) await em.insert(GateEntity, gates.slice(i, i + 1000));
    });
  }
  // What autovacuum would have done by now: planner statistics for the new rows.
  if (POSTGRES) await uow.dataSource.query('ANALYZE');
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  const sweeper = app.get(ReminderSweepService);

  const reset = () =>
    uow.run(async (em) => {
      await em.createQueryBuilder().delete().from(OutboxMessageEntity).execute();
      await em.createQueryBuilder().delete().from(ReminderSweepEntity).execute();
      await em.insert(ReminderSweepEntity, { ...emptySweepState(), sweptUntil: new Date(PREVIOUS_SWEEP) });
    });

  const sweeps: number[] = [];
  const idle: number[] = [];
  let considered = 0;
  for (let run = 0; run < RUNS + WARM_UP; run++) {
    await reset();
    let started = process.hrtime.bigint();
    const result = await sweeper.sweep();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.queued !== DUE) throw new Error(`expected ${DUE} reminders queued, got ${result.queued}`);
    considered = result.considered;
    started = process.hrtime.bigint();
    const again = await sweeper.sweep();
    const idleMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (again.queued !== 0) throw new Error('a second sweep queued something');
    if (run >= WARM_UP) {
      // The first runs warm caches, connections and the JIT.
      sweeps.push(ms);
      idle.push(idleMs);
    }
  }

  const scans: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    await uow.read.find(GateEntity, { where: { status: In(['not-started', 'open']) } });
    scans.push(Number(process.hrtime.bigint() - started) / 1e6);
  }

  await app.close();
  await db.drop();
  rmSync(mailDir, { recursive: true, force: true });
  return {
    gates: programmes * perProgramme,
    programmes,
    due: DUE,
    considered,
    seedSeconds,
    sweepMs: median(sweeps),
    idleSweepMs: median(idle),
    fullScanMs: median(scans),
  };
}

/** One programme's gates: due (the first DUE), finished, next year's, or stalled since the spring. */
function gatesFor(index: number, programmeId: string, gateIds: string[]) {
  const kind = index < DUE ? 'due' : ['finished', 'future', 'future', 'finished', 'stalled'][index % 5];
  return gateIds.map((gateId, position) => {
    let status: string;
    let date: string;
    switch (kind) {
      case 'due':
        // PCBC and senate done; partner approvals open and due yesterday; the rest next year.
        status = position < 2 ? 'complete' : position === 2 ? 'open' : 'not-started';
        date = position < 2 ? '2015-09-04' : position === 2 ? '2015-10-26' : `2016-0${position}-01`;
        break;
      case 'finished':
        status = 'complete';
        date = `2014-0${position + 1}-15`;
        break;
      case 'future':
        status = position === 0 ? 'open' : 'not-started';
        date = `2016-0${position + 2}-15`;
        break;
      default:
        status = position === 0 ? 'open' : 'not-started';
        date = `2015-0${position + 3}-02`;
    }
    return {
      programmeId,
      gateId,
      position,
      status,
      ownerName: 'Helen Seth',
      ownerEmail: 'helen.seth@example.nhs.uk',
      baselineDate: date,
      forecastDate: date,
      actualDate: status === 'complete' ? date : null,
      closesOn: null,
      note: null,
    };
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const rows: Row[] = [];
  for (const size of SIZES) rows.push(await benchSize(size));
  const dialect = POSTGRES ? 'PostgreSQL' : 'SQLite';
  console.log(`\nReminder sweep on ${dialect}: ${DUE} gates due in each case, median of ${RUNS} runs`);
  console.log(
    `${'gates'.padStart(8)} ${'programmes'.padStart(11)} ${'looked at'.padStart(10)} ${'sweep ms'.padStart(9)} ${'idle ms'.padStart(8)} ${'read all outstanding ms'.padStart(24)}`,
  );
  for (const r of rows) {
    console.log(
      `${String(r.gates).padStart(8)} ${String(r.programmes).padStart(11)} ${String(r.considered).padStart(10)} ${r.sweepMs.toFixed(1).padStart(9)} ${r.idleSweepMs.toFixed(1).padStart(8)} ${r.fullScanMs.toFixed(1).padStart(24)}`,
    );
  }
  if (rows.length >= 2) {
    const [small, large] = [rows[0], rows[rows.length - 1]];
    console.log(
      `${Math.round(large.gates / small.gates)}x the gates: sweep ${(large.sweepMs / small.sweepMs).toFixed(2)}x, ` +
        `reading every outstanding gate ${(large.fullScanMs / small.fullScanMs).toFixed(1)}x\n`,
    );
  }
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(
    join(__dirname, 'results', `sweep${POSTGRES ? '-postgres' : ''}.json`),
    JSON.stringify({ dialect, due: DUE, runs: RUNS, rows }, null, 2),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
