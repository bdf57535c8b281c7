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
import { createApp } from '../src/bootstrap';
import { TokenService } from '../src/auth/token.service';
import { loadConfig } from '../src/core/config/app-config';
import { BETTER_CARE_TOGETHER } from '../src/demo/demo-programmes';
import { GateChangeService } from '../src/programmes/gate-change.service';
import { ProgrammeService } from '../src/programmes/programme.service';
import { CpuProfile, printSummary, summarise } from './support/cpuprofile';
import { load } from './support/load';

const PROGRAMMES = Number(process.env.BENCH_PROGRAMMES ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'cg-profile-'));
  const admin = 'bench-admin-token-0123456789';
  const config = loadConfig({
    DATABASE_URL: `sqlite:${join(dir, 'profile.sqlite')}`,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    REMINDERS_CRON_ENABLED: 'false',
    MAIL_DIR: join(dir, 'mail'),
    APP_NOW: '2015-10-27T09:00:00Z',
    BOOTSTRAP_ADMIN_TOKEN: admin,
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
  const ids: string[] = [];
  for (let i = 0; i < PROGRAMMES; i++) {
    const p = await programmes.create({ ...BETTER_CARE_TOGETHER, name: `Programme ${i}` }, 'bench');
    await changes.completeGate(p.id, 'pcbc-draft', { completedOn: '2015-09-04' }, actor);
    await changes.completeGate(p.id, 'clinical-senate-review', { completedOn: '2015-10-05' }, actor);
    ids.push(p.id);
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = await app.getUrl();

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
