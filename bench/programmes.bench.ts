// Programme status reads and decision writes through HTTP with 1,000 programmes loaded,
// each against a baseline measured in the same run:
//   - status read  vs a bare NestJS + Fastify route reading the same rows with better-sqlite3;
//   - decision     vs a bare better-sqlite3 transaction writing the same rows, and vs the floor: a bare
//                  NestJS + Fastify route taking the same request, writing those rows and answering
//                  the programme's rows (the least a decision over HTTP can cost on this machine).
// Ours and the baselines run in alternating rounds (BENCH_ROUNDS, default 3), so that a
// neighbour's load on a shared machine falls on both; each ratio is the median of the rounds.
// Targets: status reads at least 0.9x the bare route; at least 1,500 decisions/s on SQLite.
import 'reflect-metadata';
import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Load, load } from './support/load';
import { BENCH_ADMIN_TOKEN, seededService } from './support/seeded-service';

const PROGRAMMES = Number(process.env.BENCH_PROGRAMMES ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 10;

// Peak memory of this process: the server (and the bare baselines), not the load generator.
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'cg-bench-'));
  const file = join(dir, 'bench.sqlite');
  const admin = BENCH_ADMIN_TOKEN;
  const { app, ids, seedMs, base } = await seededService(dir, PROGRAMMES);

  // Baseline A: a bare NestJS + Fastify route reading the same rows with better-sqlite3.
  const db = new Database(file, { readonly: true });
  const programmeStmt = db.prepare('SELECT * FROM programme WHERE id = ?');
  const gateStmt = db.prepare('SELECT * FROM gate WHERE programme_id = ? ORDER BY position');
  const partyStmt = db.prepare('SELECT * FROM party WHERE programme_id = ? ORDER BY position');
  const decisionStmt = db.prepare('SELECT * FROM decision WHERE programme_id = ? ORDER BY id');
  const rowsOf = (id: string) => ({
    programme: programmeStmt.get(id),
    gates: gateStmt.all(id),
    parties: partyStmt.all(id),
    decisions: decisionStmt.all(id),
  });

  // Baseline C, the floor under a decision over HTTP here: a bare NestJS + Fastify route that takes the same
  // request, writes the same three rows as baseline B in one better-sqlite3 transaction without waiting for
  // the disk (synchronous = NORMAL: not durable, so cheaper than any durable write), and answers the
  // programme's rows with the latest decision of each party (what our answer shows; every decision would
  // grow the answer as the run adds them). No sign-in, no validation, no workflow, no audit chain. On its
  // own connection; ours is idle meanwhile.
  const writer = (synchronous: 'FULL' | 'NORMAL') => {
    const connection = new Database(file);
    connection.pragma('journal_mode = WAL');
    connection.pragma(`synchronous = ${synchronous}`);
    connection.pragma('busy_timeout = 5000');
    return connection;
  };
  const ndb = writer('NORMAL');
  const floorDecision = ndb.prepare(
    `INSERT INTO decision (programme_id, gate_id, party_id, decision, decided_on, reference, conditions, recorded_by, recorded_at)
     VALUES (?, 'partner-approvals', ?, ?, ?, NULL, NULL, 'bench', ?)`,
  );
  const floorAudit = ndb.prepare(
    `INSERT INTO audit_entry (programme_id, at, actor, action, gate_id, detail) VALUES (?, ?, 'bench', 'decision.recorded', 'partner-approvals', ?)`,
  );
  const floorBump = ndb.prepare('UPDATE programme SET revision = revision + 1, updated_at = ? WHERE id = ?');
  const latestDecisionsStmt = db.prepare(
    `SELECT * FROM decision WHERE id IN (SELECT MAX(id) FROM decision WHERE programme_id = ? GROUP BY gate_id, party_id) ORDER BY id`,
  );
  const floorWrite = ndb.transaction(
    (id: string, body: { partyId: string; decision: string; decidedOn: string }, at: string) => {
      floorDecision.run(id, body.partyId, body.decision, body.decidedOn, at);
      floorAudit.run(id, at, JSON.stringify(body));
      floorBump.run(at, id);
    },
  );
  @Controller()
  class BareController {
    @Get('/bare/:id')
    read(@Param('id') id: string) {
      return rowsOf(id);
    }

    @Post('/bare/:id/decisions')
    decide(@Param('id') id: string, @Body() body: { partyId: string; decision: string; decidedOn: string }) {
      floorWrite(id, body, new Date().toISOString());
      return {
        programme: programmeStmt.get(id),
        gates: gateStmt.all(id),
        parties: partyStmt.all(id),
        decisions: latestDecisionsStmt.all(id),
      };
    }
  }
  @Module({ controllers: [BareController] })
  class BareModule {}
  const bare = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), { logger: false });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareBase = await bare.getUrl();

  // Baseline B: the decision's rows written in a bare better-sqlite3 transaction, on a
  // connection of its own (ours is idle meanwhile: no load runs while this does).
  const wdb = writer('FULL');
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
  const bareTransactions = (): { perSecond: number; cpuUs: number } => {
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    let writes = 0;
    while (Number(process.hrtime.bigint() - started) < SECONDS * 1e9) {
      write(ids[writes % ids.length], new Date().toISOString());
      writes++;
    }
    const cpu = process.cpuUsage(cpuBefore);
    return {
      perSecond: writes / (Number(process.hrtime.bigint() - started) / 1e9),
      cpuUs: (cpu.user + cpu.system) / writes,
    };
  };

  const spec = { ids, seconds: SECONDS, connections: CONNECTIONS };
  const rounds: Array<{
    status: Load;
    bareRoute: Load;
    decision: Load;
    bareTransaction: { perSecond: number; cpuUs: number };
    floor: Load;
  }> = [];
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate which goes first, so that a trend in the machine's load favours neither.
    const oursFirst = r % 2 === 0;
    const pair = async <A, B>(ours: () => Promise<A>, baseline: () => Promise<B>): Promise<[A, B]> => {
      if (oursFirst) {
        const a = await ours();
        return [a, await baseline()];
      }
      const b = await baseline();
      return [await ours(), b];
    };
    const [status, bareRoute] = await pair(
      () => load({ ...spec, base, mode: 'status', token: admin }),
      () => load({ ...spec, base: bareBase, mode: 'bare' }),
    );
    const [decision, bareTransaction] = await pair(
      () => load({ ...spec, base, mode: 'decisions', token: admin }),
      async () => bareTransactions(),
    );
    const floor = await load({ ...spec, base: bareBase, mode: 'bare-decisions' });
    rounds.push({ status, bareRoute, decision, bareTransaction, floor });
    console.log(
      `round ${r + 1}: status ${status.rps.toFixed(0)}/s ${status.cpuUsPerRequest.toFixed(0)} µs vs bare ${bareRoute.rps.toFixed(0)}/s ` +
        `${bareRoute.cpuUsPerRequest.toFixed(0)} µs; decisions ${decision.rps.toFixed(0)}/s ${decision.cpuUsPerRequest.toFixed(0)} µs ` +
        `vs bare transaction ${bareTransaction.perSecond.toFixed(0)}/s ${bareTransaction.cpuUs.toFixed(0)} µs, ` +
        `bare decision route ${floor.rps.toFixed(0)}/s ${floor.cpuUsPerRequest.toFixed(0)} µs`,
    );
  }
  await app.close();
  await bare.close();
  db.close();
  wdb.close();
  ndb.close();
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });

  const medianOf = (pick: (round: (typeof rounds)[number]) => number) => median(rounds.map(pick));
  const results = {
    programmes: PROGRAMMES,
    seedSeconds: seedMs / 1000,
    rounds,
    statusReadRps: medianOf((x) => x.status.rps),
    statusReadP99: medianOf((x) => x.status.p99),
    bareRouteRps: medianOf((x) => x.bareRoute.rps),
    statusReadRatio: medianOf((x) => x.status.rps / x.bareRoute.rps),
    statusCpuUs: medianOf((x) => x.status.cpuUsPerRequest),
    bareRouteCpuUs: medianOf((x) => x.bareRoute.cpuUsPerRequest),
    statusCpuRatio: medianOf((x) => x.bareRoute.cpuUsPerRequest / x.status.cpuUsPerRequest),
    decisionRps: medianOf((x) => x.decision.rps),
    decisionP99: medianOf((x) => x.decision.p99),
    decisionCpuUs: medianOf((x) => x.decision.cpuUsPerRequest),
    decisionsPerCpuSecond: medianOf((x) => 1e6 / x.decision.cpuUsPerRequest),
    bareTransactionPerSecond: medianOf((x) => x.bareTransaction.perSecond),
    bareTransactionCpuUs: medianOf((x) => x.bareTransaction.cpuUs),
    decisionRatio: medianOf((x) => x.decision.rps / x.bareTransaction.perSecond),
    floorRps: medianOf((x) => x.floor.rps),
    floorCpuUs: medianOf((x) => x.floor.cpuUsPerRequest),
    floorRatio: medianOf((x) => x.decision.rps / x.floor.rps),
    errors: rounds.reduce(
      (n, x) =>
        n + x.status.errors + x.status.non2xx + x.decision.errors + x.decision.non2xx + x.floor.errors + x.floor.non2xx,
      0,
    ),
    peakRssMiB: Math.round(peakRss / 1048576),
  };
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const row = (name: string, rps: number, p99: number | string, cpuUs: number) =>
    `${name.padEnd(36)} ${rps.toFixed(0).padStart(8)} ${String(p99).padStart(7)} ${cpuUs.toFixed(0).padStart(9)}`;
  console.log(
    `\nProgrammes benchmark: ${PROGRAMMES} programmes (seeded in ${results.seedSeconds.toFixed(1)} s), ` +
      `${ROUNDS} rounds of ${SECONDS} s per load, ${CONNECTIONS} connections; medians of the rounds`,
  );
  console.log(`${'case'.padEnd(36)} ${'req/s'.padStart(8)} ${'p99 ms'.padStart(7)} ${'CPU µs/req'.padStart(9)}`);
  console.log(row('GET /api/programmes/:id (ours)', results.statusReadRps, results.statusReadP99, results.statusCpuUs));
  console.log(row('bare Nest route, same rows', results.bareRouteRps, '-', results.bareRouteCpuUs));
  console.log(
    `  ours/bare: throughput ${results.statusReadRatio.toFixed(2)}, per CPU ${results.statusCpuRatio.toFixed(2)} ` +
      `(target >= 0.90: ${met(results.statusReadRatio >= 0.9)} / ${met(results.statusCpuRatio >= 0.9)})`,
  );
  console.log(row('POST decisions (ours)', results.decisionRps, results.decisionP99, results.decisionCpuUs));
  console.log(
    row('bare better-sqlite3 transaction', results.bareTransactionPerSecond, '-', results.bareTransactionCpuUs),
  );
  console.log(
    `  decisions per second ${results.decisionRps.toFixed(0)}, per CPU-second ${results.decisionsPerCpuSecond.toFixed(0)} ` +
      `(target >= 1,500: ${met(results.decisionRps >= 1500)} / ${met(results.decisionsPerCpuSecond >= 1500)}); ` +
      `ours/bare throughput ${results.decisionRatio.toFixed(3)}`,
  );
  console.log(row('bare decision route (the floor)', results.floorRps, '-', results.floorCpuUs));
  console.log(
    `  ours/floor throughput ${results.floorRatio.toFixed(2)}; the floor itself ${met(results.floorRps >= 1500)} 1,500 a second`,
  );
  console.log(`errors and non-2xx answers: ${results.errors}; peak RSS ${results.peakRssMiB} MiB\n`);
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'programmes.json'), JSON.stringify(results, null, 2));
  if (results.errors > 0) process.exitCode = 1;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
