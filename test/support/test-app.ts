import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../../src/bootstrap';
import { TokenService } from '../../src/auth/token.service';
import { Role } from '../../src/auth/roles';
import { AppConfig, loadConfig } from '../../src/core/config/app-config';
import { Clock, FixedClock } from '../../src/core/clock/clock';
import { TestDatabase, createTestDatabase } from './test-database';

/**
 * The whole application, in-process, on a fresh database of its own:
 *
 *   const t = await startTestApp({ now: '2015-10-27T09:00:00Z' });
 *   const res = await t.request('GET', '/api/health', { token: t.adminToken });
 *   await t.close();
 *
 * Requests go through Fastify's inject (the full HTTP pipeline: guards, pipes, filters,
 * headers) without opening a port. SQLite by default; PostgreSQL under `npm run test:pg`.
 */
export interface TestAppOptions {
  /** Freezes the clock at this instant (like APP_NOW); move it with `t.setNow()`. */
  now?: string;
  /** Extra environment variables, exactly as the service reads them (e.g. SMTP_URL). */
  env?: Record<string, string>;
  /** Use this database instead of a fresh one; it is left in place on close (restart tests). */
  database?: TestDatabase;
}

export interface TestRequest {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (malformed bodies, forms); set the content-type in `headers`. */
  raw?: string;
  headers?: Record<string, string>;
}

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  /** Parsed JSON when the response is JSON (including problem+json), otherwise the text. */
  body: any;
  text: string;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  database: TestDatabase;
  clock: Clock;
  /** An admin token that exists from the start. */
  adminToken: string;
  request(method: string, url: string, options?: TestRequest): Promise<TestResponse>;
  /** Creates a token for a role (optionally limited to one programme) and returns its secret. */
  tokenFor(role: Role, programmeId?: string): Promise<string>;
  /** Moves a frozen clock (needs `now` at start). */
  setNow(instant: string): void;
  get<T>(type: abstract new (...args: never[]) => T): T;
  close(): Promise<void>;
}

const ROOT = resolve(__dirname, '../..');

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownsDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase());
  const mailDir = mkdtempSync(join(tmpdir(), 'cg-mail-'));
  const adminToken = `test-admin-${randomBytes(12).toString('hex')}`;
  const config = loadConfig(
    {
      DATABASE_URL: database.url,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      SEED_DEMO: 'false',
      REMINDERS_CRON_ENABLED: 'false',
      // The scheduled pack would add its mail to every reminder run; tests of it turn it on.
      PACK_ENABLED: 'false',
      // Tests send hundreds of requests, and wrong tokens on purpose, from one address: the request
      // limit is counted but set out of the way, and the bearer back-off is off. The tests of both
      // (rate-limits*.test.ts) and any file that needs them set their own values in `env`.
      RATE_LIMIT_MAX: '1000000',
      RATE_LIMIT_SIGN_IN_MAX: '1000000',
      BEARER_FAILURES_BEFORE_BACK_OFF: '0',
      MAIL_DIR: mailDir,
      BOOTSTRAP_ADMIN_TOKEN: adminToken,
      ...(options.now ? { APP_NOW: options.now } : {}),
      ...options.env,
    },
    ROOT,
  );
  let app: NestFastifyApplication | undefined;
  const cleanup = async () => {
    await app?.close();
    if (ownsDatabase) await database.drop();
    rmSync(mailDir, { recursive: true, force: true });
  };
  try {
    app = await createApp(config);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    await app.get(TokenService).bootstrap();
  } catch (error) {
    await cleanup().catch(() => undefined);
    throw error;
  }
  const started = app;
  const clock = started.get(Clock);

  return {
    app: started,
    config,
    database,
    clock,
    adminToken: config.bootstrapAdminToken ?? adminToken,
    async request(method, url, { token, body, raw, headers = {} } = {}) {
      const response = await started.inject({
        method: method.toUpperCase() as 'GET',
        url,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : raw !== undefined ? { payload: raw } : {}),
      });
      const isJson = /json/.test(String(response.headers['content-type'] ?? ''));
      return {
        status: response.statusCode,
        headers: response.headers,
        body: isJson && response.body ? JSON.parse(response.body) : response.body,
        text: response.body,
      };
    },
    async tokenFor(role, programmeId) {
      const suffix = randomBytes(4).toString('hex');
      const created = await started
        .get(TokenService)
        .create({ name: `Test ${role} ${suffix}`, email: `${role}-${suffix}@example.nhs.uk`, role, programmeId });
      return created.token;
    },
    setNow(instant) {
      if (!(clock instanceof FixedClock)) throw new Error('setNow needs a frozen clock: startTestApp({ now })');
      clock.set(instant);
    },
    get: (type) => started.get(type),
    close: cleanup,
  };
}
