// Programme status reads and decision writes through HTTP with 1,000 programmes loaded,
// each against a baseline measured in the same run:
//   - status read  vs a bare NestJS + Fastify route reading the same rows with better-sqlite3;
//   - decision     vs a bare better-sqlite3 transaction writing the same rows.
// Targets: status reads at least half the bare route's throughput; decisions >= 500/s on SQLite.
import 'reflect-metadata';
import { Controller, Get, Module, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/bootstrap';
import { TokenService } from '../src/auth/token.service';
import { loadConfig } from '../src/core/config/app-config';
import { BETTER_CARE_TOGETHER } from '../src/demo/demo-programmes';
import { GateChangeService } from '../src/programmes/gate-change.service';
import { ProgrammeService } from '../src/programmes/programme.service';

const PROGRAMMES = Number(process.env.BENCH_PROGRAMMES ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;

// Peak memory of this process: the server (and the bare baselines), not the load generator.
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

interface Load {
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Runs the load generator in a child process and returns what it measured. */
function load(base: string, mode: 'status' | 'decisions' | 'bare', ids: string[], token?: string): Promise<Load> {
  const specFile = join(mkdtempSync(join(tmpdir(), 'cg-load-')), 'spec.json');
  writeFileSync(specFile, JSON.stringify({ base, mode, ids, token, seconds: SECONDS, connections: CONNECTIONS }));
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, 'support/load-generator.ts'), specFile],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as Load)
        : reject(new Error(`load generator exited ${code}`)),
    );
  });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'cg-bench-'));
  const file = join(dir, 'bench.sqlite');
  const admin = 'bench-admin-token-0123456789';
  const config = loadConfig({
    DATABASE_URL: `sqlite:${file}`,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    REMINDERS_CRON_ENABLED: 'false',
    MAIL_DIR: join(dir, 'mail'),
    APP_NOW: '2015-10-27T09:00:00Z',
    BOOTSTRAP_ADMIN_TOKEN: admin,
    // The load comes from one address, thousands of requests a second: the request limit still counts
    // every request (its cost is part of the figures) but is set where it is never reached.
    RATE_LIMIT_MAX: '1000000000',
  });
  const app = await createApp(config);
  await app.init();
  await app.get(TokenService).bootstrap();
  const programmes = app.get(ProgrammeService);
  const changes = app.get(GateChangeService);
  const actor = {
    personId: 'bench',
    tokenId: 'bench',
    name: 'Bench',
    email: 'bench@example.nhs.uk',
    role: 'admin' as const,
    programmeId: null,
    via: 'token' as const,
  };

  const seedStart = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < PROGRAMMES; i++) {
    const p = await programmes.create({ ...BETTER_CARE_TOGETHER, name: `Programme ${i}` }, 'bench');
    await changes.completeGate(p.id, 'pcbc-draft', { completedOn: '2015-09-04' }, actor);
    await changes.completeGate(p.id, 'clinical-senate-review', { completedOn: '2015-10-05' }, actor);
    ids.push(p.id);
  }
  const seedMs = Date.now() - seedStart;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = await app.getUrl();

  // 1. Status reads, rotating over every programme.
  const status = await load(base, 'status', ids, admin);
  // 2. Decisions on every programme's partner approvals.
  const decisionLoad = await load(base, 'decisions', ids, admin);
  await app.close();

  // Baseline A: a bare NestJS + Fastify route reading the same rows with better-sqlite3.
  const db = new Database(file, { readonly: true });
  const programmeStmt = db.prepare('SELECT * FROM programme WHERE id = ?');
  const gateStmt = db.prepare('SELECT * FROM gate WHERE programme_id = ? ORDER BY position');
  const partyStmt = db.prepare('SELECT * FROM party WHERE programme_id = ? ORDER BY position');
  const decisionStmt = db.prepare('SELECT * FROM decision WHERE programme_id = ? ORDER BY id');
  @Controller()
  class BareController {
    @Get('/bare/:id')
    read(@Param('id') id: string) {
      return {
        programme: programmeStmt.get(id),
        gates: gateStmt.all(id),
        parties: partyStmt.all(id),
        decisions: decisionStmt.all(id),
      };
    }
  }
  @Module({ controllers: [BareController] })
  class BareModule {}
  const bare = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), { logger: false });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareBase = await bare.getUrl();
  const bareRead = await load(bareBase, 'bare', ids);
  await bare.close();
  db.close();

  // Baseline B: the decision's rows written in a bare better-sqlite3 transaction.
  const wdb = new Database(file);
  wdb.pragma('journal_mode = WAL');
  wdb.pragma('synchronous = FULL');
  const insertDecision = wdb.prepare(
    `INSERT INTO decision (programme_id, gate_id, party_id, decision, decided_on, reference, conditions, recorded_by, recorded_at)
     VALUES (?, 'partner-approvals', 'leicester-city-ccg', 'deferred', '2015-10-26', NULL, NULL, 'bench', ?)`,
  );
  const insertAudit = wdb.prepare(
    `INSERT INTO audit_entry (programme_id, at, actor, action, gate_id, detail) VALUES (?, ?, 'bench', 'decision.recorded', 'partner-approvals', '{}')`,
  );
  const bump = wdb.prepare('UPDATE programme SET revision = revision + 1, updated_at = ? WHERE id = ?');
  const write = wdb.transaction((id: string, at: string) => {
    insertDecision.run(id, at);
    insertAudit.run(id, at);
    bump.run(at, id);
  });
  const started = process.hrtime.bigint();
  let writes = 0;
  while (Number(process.hrtime.bigint() - started) < SECONDS * 1e9) {
    write(ids[writes % ids.length], new Date().toISOString());
    writes++;
  }
  const bareWrites = writes / (Number(process.hrtime.bigint() - started) / 1e9);
  wdb.close();
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });

  const results = {
    programmes: PROGRAMMES,
    seedSeconds: seedMs / 1000,
    statusRead: status,
    bareRoute: bareRead,
    statusReadRatio: status.rps / bareRead.rps,
    decision: decisionLoad,
    bareTransactionPerSecond: bareWrites,
    decisionRatio: decisionLoad.rps / bareWrites,
    peakRssMiB: Math.round(peakRss / 1048576),
  };
  const row = (name: string, rps: number, p99: number | string, note = '') =>
    `${name.padEnd(40)} ${rps.toFixed(0).padStart(9)} ${String(p99).padStart(8)}  ${note}`;
  console.log(
    `\nProgrammes benchmark: ${PROGRAMMES} programmes (seeded in ${results.seedSeconds.toFixed(1)} s), ${SECONDS} s per load, ${CONNECTIONS} connections`,
  );
  console.log(`${'case'.padEnd(40)} ${'req/s'.padStart(9)} ${'p99 ms'.padStart(8)}`);
  console.log(
    row('GET /api/programmes/:id (ours)', status.rps, status.p99, `errors ${status.errors}, non-2xx ${status.non2xx}`),
  );
  console.log(row('bare Nest route, same rows', bareRead.rps, bareRead.p99));
  console.log(`  ratio ours/bare: ${results.statusReadRatio.toFixed(2)} (target >= 0.50)`);
  console.log(
    row(
      'POST decisions (ours)',
      decisionLoad.rps,
      decisionLoad.p99,
      `errors ${decisionLoad.errors}, non-2xx ${decisionLoad.non2xx}`,
    ),
  );
  console.log(row('bare better-sqlite3 transaction', bareWrites, '-'));
  console.log(
    `  ratio ours/bare: ${results.decisionRatio.toFixed(3)}; target >= 500 decisions/s: ${decisionLoad.rps >= 500 ? 'met' : 'NOT met'}`,
  );
  console.log(`peak RSS ${results.peakRssMiB} MiB\n`);
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'programmes.json'), JSON.stringify(results, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
