// Where the time goes: starts the service in this process on a fresh SQLite file, seeds
// programmes as the programmes benchmark does, and records a CPU profile of the server
// (the load generator runs in its own process) while it serves status reads, then decisions.
// Writes bench/results/profile-<case>.cpuprofile (open in Chrome DevTools) and prints a summary.
//   npm run bench:profile                       both cases
//   BENCH_PROGRAMMES=200 BENCH_SECONDS=5 npm run bench:profile
import 'reflect-metadata';
import { Session } from 'node:inspector';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CpuProfile, printSummary, summarise } from './support/cpuprofile';
import { load } from './support/load';
import { BENCH_ADMIN_TOKEN, seededService } from './support/seeded-service';

const PROGRAMMES = Number(process.env.BENCH_PROGRAMMES ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'cg-profile-'));
  const admin = BENCH_ADMIN_TOKEN;
  const { app, ids, base } = await seededService(dir, PROGRAMMES);

  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  for (const mode of ['status', 'decisions'] as const) {
    await post(session, 'Profiler.start');
    const measured = await load({ base, mode, ids, token: admin, seconds: SECONDS, connections: 10 });
    const { profile } = await post<{ profile: CpuProfile }>(session, 'Profiler.stop');
    const file = join(__dirname, 'results', `profile-${mode}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    printSummary(`${mode}: ${measured.rps.toFixed(0)} req/s, p99 ${measured.p99} ms (${file})`, summarise(profile));
  }
  session.disconnect();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
