import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { join } from 'node:path';
import { TokenService } from '../../src/auth/token.service';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/core/config/app-config';
import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { GateChangeService } from '../../src/programmes/gate-change.service';
import { ProgrammeService } from '../../src/programmes/programme.service';

export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789';

export interface SeededService {
  app: NestFastifyApplication;
  /** The programmes, each Better Care Together with its PCBC and senate review complete. */
  ids: string[];
  seedMs: number;
  /** Where the service listens on the loopback. */
  base: string;
}

/**
 * The service in this process on a fresh SQLite file in `dir`, clock at 27 October 2015, with
 * `programmes` copies of Better Care Together seeded through the services, listening on a free port.
 * The load comes from one address, thousands of requests a second: the request limit still counts
 * every request (its cost is part of the figures) but is set where it is never reached.
 */
export async function seededService(dir: string, programmes: number): Promise<SeededService> {
  const config = loadConfig({
    DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    REMINDERS_CRON_ENABLED: 'false',
    MAIL_DIR: join(dir, 'mail'),
    APP_NOW: '2015-10-27T09:00:00Z',
    BOOTSTRAP_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
    RATE_LIMIT_MAX: '1000000000',
  });
  const app = await createApp(config);
  await app.init();
  await app.get(TokenService).bootstrap();
  const service = app.get(ProgrammeService);
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
  for (let i = 0; i < programmes; i++) {
    const p = await service.create({ ...BETTER_CARE_TOGETHER, name: `Programme ${i}` }, 'bench');
    await changes.completeGate(p.id, 'pcbc-draft', { completedOn: '2015-09-04' }, actor);
    await changes.completeGate(p.id, 'clinical-senate-review', { completedOn: '2015-10-05' }, actor);
    ids.push(p.id);
  }
  const seedMs = Date.now() - seedStart;
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, ids, seedMs, base: await app.getUrl() };
}
