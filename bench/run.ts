// Runs every benchmark (bench/<name>.bench.ts), each in its own process so that start-up
// and memory figures do not bleed into one another, and ends with one summary table.
// Each benchmark prints its own table and writes bench/results/<name>.json.
//   npm run bench                 every benchmark
//   npm run bench -- cold-start   only those whose name contains "cold-start"
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const filters = process.argv.slice(2);
const benchmarks = readdirSync(__dirname)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

if (benchmarks.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ')}`);
  process.exit(2);
}

const rows: Array<{ name: string; status: string; seconds: number }> = [];
for (const file of benchmarks) {
  const name = file.replace(/\.bench\.ts$/, '');
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, file)], {
    stdio: 'inherit',
    env: { ...process.env, TZ: 'UTC' },
  });
  rows.push({
    name,
    status: run.status === 0 ? 'ok' : `failed (${run.status ?? run.signal})`,
    seconds: (Date.now() - started) / 1000,
  });
}

console.log('\nbenchmark                      status        seconds');
for (const row of rows) {
  console.log(`${row.name.padEnd(30)} ${row.status.padEnd(12)} ${row.seconds.toFixed(1).padStart(8)}`);
}
console.log('results in bench/results/');
process.exit(rows.every((r) => r.status === 'ok') ? 0 : 1);
