// The highlight report as PDF and Word against the same report as an HTML page, measured in the
// same run: one programme (Better Care Together as of 30 October 2015, its story and five risks)
// and the portfolio of 200 such programmes. All through HTTP (Fastify inject: the same guards,
// the same report built from the database each time), so the difference is the document.
//   time:   the three formats alternate in rounds in one process, so none gets the quiet moments
//           of a shared machine;
//   memory: each case renders in a process of its own on a copy of the same database, and
//           reports the process's peak resident memory (VmHWM: start-up, the same in every case,
//           and the renders) and how far the renders took it above the resident memory after
//           start-up (VmHWM reset through /proc/self/clear_refs).
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/bootstrap';
import { Actor } from '../src/auth/roles';
import { TokenService } from '../src/auth/token.service';
import { loadConfig } from '../src/core/config/app-config';
import { BETTER_CARE_TOGETHER, BETTER_CARE_TOGETHER_STEPS } from '../src/demo/demo-programmes';
import { GateChangeService } from '../src/programmes/gate-change.service';
import { ProgrammeService } from '../src/programmes/programme.service';
import { RiskService } from '../src/risks/risk.service';

const PROGRAMMES = Number(process.env.BENCH_PROGRAMMES ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** Renders per memory process (the portfolio: two). */
const MEMORY_RENDERS = Number(process.env.BENCH_MEMORY_RENDERS ?? 5);
const NOW = '2015-10-30T09:00:00Z';
const AS_OF = '2015-10-30';
const ADMIN = 'bench-admin-token-0123456789';

const ACTOR: Actor = {
  personId: 'bench',
  tokenId: 'bench',
  name: 'Bench',
  email: 'bench@consultation-gates.invalid',
  role: 'admin',
  programmeId: null,
  via: 'token',
};

const RISKS = [
  ['issue', 'UHL board deferred its decision', 5, 4],
  ['risk', 'Judicial review of the consultation', 3, 5],
  ['risk', 'Workforce for the new model not recruited', 4, 4],
  ['risk', 'Purdah before the May elections', 2, 3],
  ['risk', 'Estates not ready for the move', 3, 3],
] as const;

type Case = 'one' | 'portfolio';
type Format = 'html' | 'pdf' | 'docx';
const FORMATS: Format[] = ['html', 'pdf', 'docx'];

async function open(database: string): Promise<INestApplication> {
  const config = loadConfig({
    DATABASE_URL: `sqlite:${database}`,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    REMINDERS_CRON_ENABLED: 'false',
    MAIL_DIR: join(database, '..', 'mail'),
    APP_NOW: NOW,
    BOOTSTRAP_ADMIN_TOKEN: ADMIN,
  });
  const app = await createApp(config);
  await app.init();
  await app.get(TokenService).bootstrap();
  return app;
}

/** 200 programmes, each Better Care Together's story to 30 October 2015 with five risks. */
async function build(database: string): Promise<string> {
  const app = await open(database);
  const programmes = app.get(ProgrammeService);
  const changes = app.get(GateChangeService);
  const risks = app.get(RiskService);
  let first = '';
  for (let i = 0; i < PROGRAMMES; i++) {
    const name = i === 0 ? BETTER_CARE_TOGETHER.name : `${BETTER_CARE_TOGETHER.name} ${String(i).padStart(3, '0')}`;
    const { id } = await programmes.create({ ...structuredClone(BETTER_CARE_TOGETHER), name }, 'bench');
    first ||= id;
    for (const step of BETTER_CARE_TOGETHER_STEPS) {
      const on = step.complete?.completedOn ?? step.decision?.decidedOn ?? '';
      if (on > AS_OF) break;
      if (step.complete) await changes.completeGate(id, step.gateId, step.complete, ACTOR);
      if (step.decision) {
        await changes.recordDecision(
          id,
          step.gateId,
          step.decision as Parameters<GateChangeService['recordDecision']>[2],
          ACTOR,
        );
      }
    }
    for (const [kind, title, likelihood, impact] of RISKS) {
      await risks.create(
        id,
        {
          kind,
          title,
          likelihood,
          impact,
          owner: { name: 'Helen Seth', email: 'helen.seth@example.nhs.uk' },
          mitigation: 'Reviewed at the programme board',
          reviewOn: '2015-11-13',
        },
        ACTOR,
      );
    }
  }
  await app.close();
  return first;
}

async function session(app: NestFastifyApplication): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ token: ADMIN }).toString(),
  });
  const line = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('cg_session='));
  if (res.statusCode !== 303 || !line) throw new Error(`sign-in answered ${res.statusCode}`);
  return line.split(';')[0];
}

function requester(app: NestFastifyApplication, cookie: string, id: string) {
  const url = (which: Case, format: Format) => {
    if (format === 'html')
      return which === 'one' ? `/programmes/${id}/report?asOf=${AS_OF}` : `/reports/portfolio?asOf=${AS_OF}`;
    return `${which === 'one' ? `/api/programmes/${id}/report` : '/api/programmes/report'}?asOf=${AS_OF}&format=${format}`;
  };
  return async (which: Case, format: Format): Promise<number> => {
    const res = await app.inject({
      method: 'GET',
      url: url(which, format),
      headers: format === 'html' ? { cookie } : { authorization: `Bearer ${ADMIN}` },
    });
    if (res.statusCode !== 200)
      throw new Error(`${which} ${format} answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
    return res.rawPayload.length;
  };
}

function vm(field: 'VmHWM' | 'VmRSS'): number {
  const kib = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync('/proc/self/status', 'utf8'))![1]);
  return kib / 1024;
}

/** In a process of its own: the peak resident memory of rendering one case a few times. */
async function memoryChild(database: string, id: string, which: Case, format: Format) {
  const app = (await open(database)) as NestFastifyApplication;
  const ask = requester(app, await session(app), id);
  await ask(which, format); // libraries loaded and code warmed, as in a running service
  global.gc?.();
  const startupPeak = vm('VmHWM');
  const before = vm('VmRSS');
  writeFileSync('/proc/self/clear_refs', '5'); // VmHWM := VmRSS, so what follows is the renders' own peak
  for (let i = 0; i < (which === 'one' ? MEMORY_RENDERS : 2); i++) await ask(which, format);
  const rendersPeak = vm('VmHWM');
  await app.close();
  process.stdout.write(
    `${JSON.stringify({ beforeMiB: before, peakMiB: Math.max(startupPeak, rendersPeak), growthMiB: Math.max(0, rendersPeak - before) })}\n`,
  );
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'cg-bench-reports-'));
  const database = join(dir, 'bench.sqlite');
  const started = Date.now();
  const id = await build(database);
  console.log(`\n${PROGRAMMES} programmes built in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  // Time: one process, the formats alternating in rounds.
  const app = (await open(database)) as NestFastifyApplication;
  const ask = requester(app, await session(app), id);
  const sizes = new Map<string, number>();
  const timings = new Map<string, { n: number; ns: bigint }>();
  for (const which of ['one', 'portfolio'] as const) {
    for (const format of FORMATS) {
      sizes.set(`${which}:${format}`, await ask(which, format));
      timings.set(`${which}:${format}`, { n: 0, ns: 0n });
    }
    const perRound = which === 'one' ? 5 : 1;
    const t0 = process.hrtime.bigint();
    // At least three rounds: one round of the portfolio takes longer than the time given.
    for (let round = 0; round < 3 || Number(process.hrtime.bigint() - t0) < SECONDS * 3 * 1e9; round++) {
      for (const format of FORMATS) {
        const s = process.hrtime.bigint();
        for (let k = 0; k < perRound; k++) await ask(which, format);
        const t = timings.get(`${which}:${format}`)!;
        t.ns += process.hrtime.bigint() - s;
        t.n += perRound;
      }
    }
  }
  await app.close();

  // Memory: one process per case, on a copy of the same database.
  const memory = new Map<string, { beforeMiB: number; peakMiB: number; growthMiB: number }>();
  for (const which of ['one', 'portfolio'] as const) {
    for (const format of FORMATS) {
      const copy = join(dir, `memory-${which}-${format}.sqlite`);
      copyFileSync(database, copy);
      const run = spawnSync(
        process.execPath,
        ['--expose-gc', '-r', 'ts-node/register/transpile-only', __filename, 'memory', copy, id, which, format],
        { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } },
      );
      if (run.status !== 0) throw new Error(`memory ${which} ${format} exited ${run.status}: ${run.stderr}`);
      memory.set(`${which}:${format}`, JSON.parse(run.stdout.trim().split('\n').pop()!));
    }
  }
  rmSync(dir, { recursive: true, force: true });

  const ms = (key: string) => Number(timings.get(key)!.ns) / 1e6 / timings.get(key)!.n;
  const results: Record<string, unknown> = { programmes: PROGRAMMES, asOf: AS_OF, at: new Date().toISOString() };
  console.log(
    `\n${'case'.padEnd(34)} ${'ms/report'.padStart(10)} ${'× html'.padStart(7)} ${'bytes'.padStart(10)} ${'peak MiB'.padStart(9)} ${'× html'.padStart(7)} ${'+MiB'.padStart(7)} ${'n'.padStart(5)}`,
  );
  for (const which of ['one', 'portfolio'] as const) {
    for (const format of FORMATS) {
      const key = `${which}:${format}`;
      const mem = memory.get(key)!;
      const html = memory.get(`${which}:html`)!;
      const row = {
        msPerReport: ms(key),
        timeRatio: ms(key) / ms(`${which}:html`),
        bytes: sizes.get(key),
        reports: timings.get(key)!.n,
        ...mem,
        peakRatio: mem.peakMiB / html.peakMiB,
      };
      results[key] = row;
      const label = `${which === 'one' ? 'one programme' : `portfolio of ${PROGRAMMES}`}, ${format}`;
      console.log(
        `${label.padEnd(34)} ${row.msPerReport.toFixed(1).padStart(10)} ${row.timeRatio.toFixed(2).padStart(7)} ${String(row.bytes).padStart(10)} ${mem.peakMiB.toFixed(0).padStart(9)} ${row.peakRatio.toFixed(2).padStart(7)} ${mem.growthMiB.toFixed(1).padStart(7)} ${String(row.reports).padStart(5)}`,
      );
    }
  }
  console.log('');
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'reports.json'), JSON.stringify(results, null, 2));
}

const [mode, ...rest] = process.argv.slice(2);
(mode === 'memory' ? memoryChild(rest[0], rest[1], rest[2] as Case, rest[3] as Format) : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
