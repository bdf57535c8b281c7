// Cold start: from spawning the process to the first 200 from /api/health, and the peak
// resident memory (VmHWM) by then. Ours runs as `npm start` runs it, the bundle of dist/bundle/
// with its code cache, and as tsc compiled it, dist/src/main.js (what `npm start` ran before
// decision 034), each on a fresh SQLite file (migrations included, no demo data); the baseline is
// a bare NestJS + Fastify app with one route, compiled with tsc too and started in the same run.
// Runs alternate to share the noise. Target: at most 1.5x the bare app's time.
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';

const ROOT = resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// BENCH_OURS: other entry points to measure instead, comma-separated (say, a copy of dist/ from
// before a change, or dist/bundle/service.js for the bundle without its code cache).
const CASES = process.env.BENCH_OURS
  ? process.env.BENCH_OURS.split(',').map((entry) => ({ name: entry, entry: resolve(entry) }))
  : [
      { name: 'consultation-gates (bundle, npm start)', entry: join(ROOT, 'dist/bundle/main.js') },
      { name: 'consultation-gates (tsc output)', entry: join(ROOT, 'dist/src/main.js') },
    ];
const BASELINE_DIR = join(__dirname, 'results/baseline-dist');

interface Sample {
  ms: number;
  /** CPU time (user + system) the process had used by then: what start-up costs, whatever the neighbours do. */
  cpuMs: number;
  peakRssMiB: number;
}

async function main(): Promise<void> {
  if (!process.env.BENCH_OURS) buildIfStale();
  const baseline = compileBaseline();
  const ours: Sample[][] = CASES.map(() => []);
  const bare: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    for (const [c, { entry }] of CASES.entries()) {
      const data = mkdtempSync(join(tmpdir(), 'cg-bench-cold-'));
      try {
        ours[c].push(
          await coldStart(entry, {
            DATABASE_URL: `sqlite:${join(data, 'cold.sqlite')}`,
            MAIL_DIR: join(data, 'mail'),
            SEED_DEMO: 'false',
            REMINDERS_CRON_ENABLED: 'false',
            BOOTSTRAP_ADMIN_TOKEN: 'bench-admin-token-0123456789',
          }),
        );
      } finally {
        rmSync(data, { recursive: true, force: true });
      }
    }
    bare.push(await coldStart(baseline, {}));
  }

  const bareStats = stats(bare);
  const cases = CASES.map(({ name, entry }, c) => {
    const s = stats(ours[c]);
    return {
      name,
      entry,
      ...s,
      timeRatio: s.medianMs / bareStats.medianMs,
      cpuRatio: s.medianCpuMs / bareStats.medianCpuMs,
      memoryRatio: s.medianPeakRssMiB / bareStats.medianPeakRssMiB,
    };
  });

  const row = (name: string, ms: number, cpuMs: number, mib: number) =>
    `${name.padEnd(40)} ${ms.toFixed(0).padStart(8)} ${cpuMs.toFixed(0).padStart(8)} ${mib.toFixed(1).padStart(10)}`;
  console.log(`\nCold start to a healthy answer (median of ${RUNS}, ${process.version})`);
  console.log(`${'case'.padEnd(40)} ${'ms'.padStart(8)} ${'CPU ms'.padStart(8)} ${'peak MiB'.padStart(10)}`);
  for (const c of cases) console.log(row(c.name, c.medianMs, c.medianCpuMs, c.medianPeakRssMiB));
  console.log(
    row('bare NestJS + Fastify, one route', bareStats.medianMs, bareStats.medianCpuMs, bareStats.medianPeakRssMiB),
  );
  for (const c of cases) {
    console.log(
      `ratio ${c.name}/bare: time ${c.timeRatio.toFixed(2)}x, CPU ${c.cpuRatio.toFixed(2)}x (target <= 1.5x: ${c.timeRatio <= 1.5 ? 'met' : 'NOT met'} / ${c.cpuRatio <= 1.5 ? 'met' : 'NOT met'}), peak memory ${c.memoryRatio.toFixed(2)}x`,
    );
  }
  console.log('');

  mkdirSync(join(__dirname, 'results'), { recursive: true });
  const [first] = cases;
  writeFileSync(
    join(__dirname, 'results', 'cold-start.json'),
    JSON.stringify(
      {
        runs: RUNS,
        node: process.version,
        ours: first,
        cases,
        bare: bareStats,
        timeRatio: first.timeRatio,
        cpuRatio: first.cpuRatio,
        memoryRatio: first.memoryRatio,
        at: new Date().toISOString(),
      },
      null,
      2,
    ),
  );
}

/** Spawns a server and measures until its first 200 from /api/health; reads VmHWM, then stops it. */
async function coldStart(entry: string, env: Record<string, string>): Promise<Sample> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, TZ: 'UTC', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}:\n${output}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (Number(process.hrtime.bigint() - started) > 60e9) throw new Error(`${entry} not healthy after 60 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    // Fields 14 and 15 of /proc/<pid>/stat (after the command name): user and system time, in ticks of 10 ms.
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    const [utime, stime] = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .slice(11, 13)
      .map(Number);
    return { ms, cpuMs: (utime + stime) * 10, peakRssMiB: hwm ? Number(hwm[1]) / 1024 : NaN };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** Builds dist/ when it is missing or older than any source file. */
function buildIfStale(): void {
  const builtAt = Math.min(...CASES.map(({ entry }) => (existsSync(entry) ? statSync(entry).mtimeMs : 0)));
  const newest = Math.max(
    ...['src', 'workflows'].flatMap((dir) => mtimes(join(ROOT, dir))),
    ...['bundle.js', 'bundle-launcher.js'].map((file) => statSync(join(ROOT, 'scripts', file)).mtimeMs),
  );
  if (builtAt >= newest) return;
  console.log('building dist/ (missing or older than the sources)...');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

function mtimes(dir: string): number[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return mtimes(path);
    return entry.name.endsWith('.ts') ? [statSync(path).mtimeMs] : [];
  });
}

/** Compiles the baseline to JavaScript, as ours is, so neither pays for TypeScript at start. */
function compileBaseline(): string {
  const source = readFileSync(join(__dirname, 'baseline/bare-app.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: 'bare-app.ts',
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
    },
  });
  // Inside the repository, so that it resolves the same node_modules as ours.
  mkdirSync(BASELINE_DIR, { recursive: true });
  const file = join(BASELINE_DIR, 'bare-app.js');
  writeFileSync(file, outputText);
  return file;
}

function stats(samples: Sample[]) {
  return {
    medianMs: median(samples.map((s) => s.ms)),
    medianCpuMs: median(samples.map((s) => s.cpuMs)),
    medianPeakRssMiB: median(samples.map((s) => s.peakRssMiB)),
    samples,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
