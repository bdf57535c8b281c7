// A what-if on the longest workflow (today nhs-service-change v3, thirteen gates, every one planned)
// against a status read of the same programme, both through HTTP (Fastify inject: the same
// guards, pipes and serialisation, no sockets), alternating in the same run.
// Target: a what-if costs under 3x a status read.
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/bootstrap';
import { TokenService } from '../src/auth/token.service';
import { loadConfig } from '../src/core/config/app-config';
import { BETTER_CARE_TOGETHER } from '../src/demo/demo-programmes';
import { ProgrammeService } from '../src/programmes/programme.service';
import { listDefinitions } from '../workflows/registry';
import { Load, load } from './support/load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 4);
const HTTP_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = [1, 4];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'cg-bench-'));
  const admin = 'bench-admin-token-0123456789';
  const config = loadConfig({
    DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
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

  // The workflow with the most gates, every gate given a target.
  const longest = [...listDefinitions()].sort((a, b) => b.gates.length - a.gates.length)[0];
  const body = structuredClone(BETTER_CARE_TOGETHER);
  body.workflow = longest.id;
  body.workflowVersion = longest.version;
  let date = '2015-11-02';
  for (const gate of longest.gates) {
    date = new Date(Date.parse(date) + 21 * 86_400_000).toISOString().slice(0, 10);
    body.gates[gate.id] = { ...(body.gates[gate.id] ?? {}), targetDate: date };
    if (gate.kind !== 'approval') delete body.gates[gate.id]!.parties;
  }
  for (const [gateId, plan] of Object.entries(body.gates)) {
    if (!longest.gates.some((g) => g.id === gateId)) delete body.gates[gateId];
    else if (longest.gates.find((g) => g.id === gateId)?.kind === 'approval' && !plan!.parties) {
      plan!.parties = [{ id: 'nhse', name: 'NHS England' }];
    }
  }
  const programme = await app.get(ProgrammeService).create(body, 'bench');
  const id = programme.id;
  const first = longest.gates[0].id;
  const whatIf = {
    changes: [
      { gateId: first, forecastDate: '2016-01-04' },
      { gateId: 'partner-approvals', partyId: 'leicester-city-ccg', expectedOn: '2016-04-04' },
      { gateId: 'public-consultation', consultationDays: 98 },
      { election: { name: 'Bench by-election', periodStart: '2016-05-02', pollDate: '2016-06-09' } },
    ],
  };
  const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
  const status = () => app.inject({ method: 'GET', url: `/api/programmes/${id}`, headers });
  const ask = () =>
    app.inject({ method: 'POST', url: `/api/programmes/${id}/what-if`, headers, payload: JSON.stringify(whatIf) });
  const check = await ask();
  if (check.statusCode !== 200) throw new Error(`what-if answered ${check.statusCode}: ${check.body}`);
  const moved = (JSON.parse(check.body) as { changes: unknown[] }).changes.length;

  // Warm up both, then alternate rounds so that neither gets the quieter moments of a shared machine.
  for (let i = 0; i < 200; i++) {
    await status();
    await ask();
  }
  const timings = { status: { n: 0, ns: 0n, cpu: 0 }, whatIf: { n: 0, ns: 0n, cpu: 0 } };
  const started = process.hrtime.bigint();
  while (Number(process.hrtime.bigint() - started) < SECONDS * 2 * 1e9) {
    for (const [name, call] of [
      ['status', status],
      ['whatIf', ask],
    ] as const) {
      const t0 = process.hrtime.bigint();
      const cpu0 = process.cpuUsage();
      for (let k = 0; k < 20; k++) {
        const res = await call();
        if (res.statusCode !== 200) throw new Error(`${name} answered ${res.statusCode}`);
      }
      timings[name].ns += process.hrtime.bigint() - t0;
      const cpu = process.cpuUsage(cpu0);
      timings[name].cpu += cpu.user + cpu.system;
      timings[name].n += 20;
    }
  }
  // The same two requests over real HTTP, from a load generator in its own process (as a client sends them:
  // sockets, HTTP parsing and all), alternating rounds; the server's CPU per request is the figure. One client
  // at a time (an SRO at the page), and four at once, where the server answers several requests per turn of
  // its event loop and the fixed cost of each falls (the cheap status read gains most from that).
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = await app.getUrl();
  const http = new Map<number, { status: Load[]; whatIf: Load[] }>(
    CONNECTIONS.map((c) => [c, { status: [], whatIf: [] }]),
  );
  for (let round = 0; round < HTTP_ROUNDS; round++) {
    for (const connections of CONNECTIONS) {
      const common = { base, ids: [id], token: admin, seconds: HTTP_SECONDS, connections };
      http.get(connections)!.status.push(await load({ ...common, mode: 'status' }));
      http.get(connections)!.whatIf.push(await load({ ...common, mode: 'what-if', body: whatIf }));
    }
  }
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  for (const l of [...http.values()].flatMap((h) => [...h.status, ...h.whatIf])) {
    if (l.errors || l.non2xx) throw new Error(`HTTP load: ${l.errors} errors, ${l.non2xx} non-2xx answers`);
  }

  const micros = (t: { n: number; ns: bigint }) => Number(t.ns) / 1000 / t.n;
  const cpuMicros = (t: { n: number; cpu: number }) => t.cpu / t.n;
  const results = {
    workflow: `${longest.id} v${longest.version} (${longest.gates.length} gates)`,
    gatesMoved: moved,
    statusReadMicros: micros(timings.status),
    whatIfMicros: micros(timings.whatIf),
    ratio: micros(timings.whatIf) / micros(timings.status),
    // CPU time of this process (every thread, the collector's included): steadier than the clock on a shared machine.
    statusReadCpuMicros: cpuMicros(timings.status),
    whatIfCpuMicros: cpuMicros(timings.whatIf),
    cpuRatio: cpuMicros(timings.whatIf) / cpuMicros(timings.status),
    loadAverage: loadavg()[0],
    http: CONNECTIONS.map((connections) => {
      const { status, whatIf: asked } = http.get(connections)!;
      const statusCpuMicros = median(status.map((l) => l.cpuUsPerRequest));
      const whatIfCpuMicros = median(asked.map((l) => l.cpuUsPerRequest));
      return {
        connections,
        rounds: HTTP_ROUNDS,
        statusCpuMicros,
        whatIfCpuMicros,
        statusRps: median(status.map((l) => l.rps)),
        whatIfRps: median(asked.map((l) => l.rps)),
        cpuRatio: whatIfCpuMicros / statusCpuMicros,
      };
    }),
  };
  console.log(
    `\nWhat-if benchmark: ${results.workflow}, ${results.gatesMoved} gates moved, ${SECONDS * 2} s alternating`,
  );
  console.log(`${'case'.padEnd(40)} ${'µs/request'.padStart(12)} ${'requests'.padStart(10)}`);
  console.log(
    `${'GET /api/programmes/:id'.padEnd(40)} ${results.statusReadMicros.toFixed(0).padStart(12)} ${String(timings.status.n).padStart(10)}`,
  );
  console.log(
    `${'POST /api/programmes/:id/what-if'.padEnd(40)} ${results.whatIfMicros.toFixed(0).padStart(12)} ${String(timings.whatIf.n).padStart(10)}`,
  );
  console.log(
    `  ratio what-if/status (inject): ${results.ratio.toFixed(2)} (target < 3): ${results.ratio < 3 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `  CPU µs/request: status ${results.statusReadCpuMicros.toFixed(0)}, what-if ${results.whatIfCpuMicros.toFixed(0)}, ` +
      `ratio ${results.cpuRatio.toFixed(2)}; load average ${results.loadAverage.toFixed(2)}\n`,
  );
  console.log(
    `Over HTTP (load generator in its own process, ${HTTP_ROUNDS} rounds of ${HTTP_SECONDS} s each, medians):`,
  );
  for (const h of results.http) {
    console.log(
      `  ${h.connections} connection${h.connections === 1 ? ': ' : 's:'} server CPU µs/request: status ${h.statusCpuMicros.toFixed(0)} ` +
        `(${h.statusRps.toFixed(0)} req/s), what-if ${h.whatIfCpuMicros.toFixed(0)} (${h.whatIfRps.toFixed(0)} req/s), ` +
        `ratio ${h.cpuRatio.toFixed(2)} (target < 3): ${h.cpuRatio < 3 ? 'met' : 'NOT met'}`,
    );
  }
  console.log();
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'what-if.json'), JSON.stringify(results, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
