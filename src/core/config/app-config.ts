import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

// Configuration is read here and nowhere else: committed defaults in config/default.json,
// an optional overlay file (CONFIG_FILE), then environment variables. Everything is
// validated once at boot; a bad value stops the service with a message naming it.

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/** Overrides of the reminder policy, per workflow (config) or per programme (stored with it). */
export const reminderPolicyOverrides = z
  .object({
    enabled: z.boolean(),
    ownerDaysBefore: z
      .array(z.number().int().min(1).max(60))
      .max(10)
      .refine((days) => new Set(days).size === days.length, 'each day may appear once'),
    onTheDay: z.boolean(),
    overdueDaysAfter: z.number().int().min(1).max(60),
    escalateAfterWorkingDays: z.number().int().min(1).max(60),
    escalateOnConsultationSlip: z.boolean(),
  })
  .partial()
  .strict();
export type ReminderPolicyOverrides = z.infer<typeof reminderPolicyOverrides>;

const databaseUrl = z.string().refine((v) => /^sqlite:.+/.test(v) || /^postgres(ql)?:\/\/.+/.test(v), {
  message: 'expected sqlite:<path> or postgres://user@host:port/database',
});

const schema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  databaseUrl,
  publicUrl: z.url({ message: 'expected an absolute http(s) URL' }).nullable(),
  timeZone: z.string().refine(isTimeZone, {
    message: 'expected an IANA time zone such as Europe/London',
  }),
  logLevel: z.enum(['silent', 'error', 'warn', 'info', 'debug']),
  trustProxy: z.boolean(),
  /** null: seed only the embedded default (SQLite); a PostgreSQL database is seeded only when asked. */
  seedDemo: z.boolean().nullable(),
  appNow: z
    .string()
    .refine((v) => /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)), {
      message: 'expected an ISO 8601 instant such as 2015-10-27T09:00:00Z',
    })
    .nullable(),
  bootstrapAdminToken: z.string().min(16, 'must be at least 16 characters').nullable(),
  mail: z.object({
    from: z.string().min(3),
    smtpUrl: z
      .string()
      .refine((v) => /^smtps?:\/\/[^/]+/.test(v), {
        message: 'expected smtp://host:port or smtps://user:pass@host:port',
      })
      .nullable(),
    outboxDir: z.string().min(1),
    maxAttempts: z.coerce.number().int().min(1).max(100),
    retryBaseSeconds: z.coerce.number().int().min(1),
    /** How long a claimed message is reserved for the sender that claimed it (a killed sender's claim lapses). */
    claimLeaseSeconds: z.coerce.number().int().min(10).max(3600),
  }),
  reminders: z.object({
    cronEnabled: z.boolean(),
    cron: z.string().min(9),
    /**
     * Local hour (0–23) from which scheduled mail goes out on working days: gate reminders, risk
     * review reminders and, unless reports.packSendHour says otherwise, the pack and the digest.
     */
    sendHour: z.coerce.number().int().min(0).max(23),
    ownerDaysBefore: z.array(z.number().int().min(1).max(60)),
    onTheDay: z.boolean(),
    overdueDaysAfter: z.number().int().min(1).max(60),
    escalateAfterWorkingDays: z.number().int().min(1).max(60),
    escalateOnConsultationSlip: z.boolean(),
    /** Per-workflow overrides of the policy above, by workflow id. */
    workflows: z.record(z.string(), reminderPolicyOverrides),
  }),
  reports: z.object({
    /** The scheduled pack: the monthly report to each SRO and the weekly digest. */
    packEnabled: z.boolean(),
    /** Local hour (0–23) from which the pack and the digest go out; null (the default): reminders.sendHour. */
    packSendHour: z.coerce.number().int().min(0).max(23).nullable(),
  }),
  rag: z.object({
    amberSlipWorkingDays: z.number().int().min(1),
    redSlipWorkingDays: z.number().int().min(1),
    dueSoonWorkingDays: z.number().int().min(0),
  }),
  calendar: z.object({
    extraClosureDays: z.array(isoDate),
    /** The first release's list: read now as national pre-election periods that override the rule. */
    preElectionPeriods: z.array(z.object({ name: z.string().min(1), from: isoDate, to: isoDate })),
  }),
  elections: z.object({
    /** Years whose May local polls are not on the first Thursday of May (null: none that year). */
    movedLocalPolls: z.record(z.string().regex(/^\d{4}$/, 'expected a year such as 2027'), isoDate.nullable()),
    /** Pre-election periods that replace the rule's (same polling day and scope) or add to it. */
    periods: z.array(
      z
        .object({
          name: z.string().min(1),
          pollDate: isoDate,
          periodStart: isoDate,
          periodEnd: isoDate.optional(),
          scope: z.enum(['national', 'local']),
          areas: z.array(z.string().min(1)).optional(),
        })
        .refine((p) => p.periodStart <= p.pollDate, { message: 'periodStart must not be after pollDate' }),
    ),
    /** The councils a programme may name (ids used by programmes, no-polls records and local elections). */
    councils: z.array(z.object({ id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/), name: z.string().min(1) })),
  }),
  /** Requests per client address (decision 031); health probes, /metrics and static assets are not counted. */
  rateLimit: z.object({
    enabled: z.boolean(),
    windowSeconds: z.coerce.number().int().min(1).max(3600),
    /** Requests per window per client address on every other route. */
    max: z.coerce.number().int().min(1),
    /** Requests per window per client address to sign in or to manage API tokens (a separate count). */
    signInMax: z.coerce.number().int().min(1),
  }),
  auth: z.object({
    tokenTtlDays: z.number().int().min(1),
    sessionHours: z.coerce.number().min(0.25),
    /** A page session unused this long ends (checked to within a sixth of it, at most 5 minutes). */
    sessionIdleMinutes: z.coerce.number().min(1),
    maxFailedSignInsPer15Minutes: z.coerce.number().int().min(1),
    /** Failed bearer tokens from one client address before its tokens are refused for a while (0: never; decision 032). */
    bearerFailuresBeforeBackOff: z.coerce.number().int().min(0),
    /** The first refusal's length; each further failure after one ends doubles it, up to the maximum. */
    bearerBackOffSeconds: z.coerce.number().int().min(1),
    bearerBackOffMaxSeconds: z.coerce.number().int().min(1).max(86_400),
    /** Single sign-on through OpenID Connect (e.g. Microsoft Entra ID); null turns it off. */
    oidc: z
      .object({
        issuer: z.url({
          message: 'expected the issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0',
        }),
        clientId: z.string().min(1),
        clientSecret: z.string().min(1),
        /** Defaults to <publicUrl>/login/oidc/callback. */
        redirectUrl: z.url().nullable().default(null),
        scope: z.string().min(6).default('openid email profile'),
        /** The claim holding the person's email address (Entra: add the optional `email` claim). */
        emailClaim: z.string().min(1).default('email'),
        /** Role for a person who holds no role yet; null refuses them. Never admin. */
        defaultRole: z.enum(['sro', 'partnerships', 'owner', 'viewer']).nullable().default(null),
        buttonText: z.string().min(1).default('Sign in with your organisation account'),
      })
      .nullable()
      .default(null),
  }),
});

type ParsedConfig = z.infer<typeof schema>;
export type AppConfig = Omit<ParsedConfig, 'publicUrl' | 'reports'> & {
  publicUrl: string;
  /** packSendHour resolved: the reminders' send hour unless set (one hour for scheduled mail). */
  reports: Omit<ParsedConfig['reports'], 'packSendHour'> & { packSendHour: number };
};

/** Environment variables and the setting each one overrides. */
const ENV: Record<string, { path: string[]; parse?: (v: string) => unknown }> = {
  PORT: { path: ['port'] },
  DATABASE_URL: { path: ['databaseUrl'] },
  PUBLIC_URL: { path: ['publicUrl'] },
  BUSINESS_TIME_ZONE: { path: ['timeZone'] },
  LOG_LEVEL: { path: ['logLevel'] },
  TRUST_PROXY: { path: ['trustProxy'], parse: parseBoolean },
  SEED_DEMO: { path: ['seedDemo'], parse: (v) => (v.trim() === '' ? null : parseBoolean(v)) },
  APP_NOW: { path: ['appNow'], parse: emptyToNull },
  BOOTSTRAP_ADMIN_TOKEN: {
    path: ['bootstrapAdminToken'],
    parse: emptyToNull,
  },
  MAIL_FROM: { path: ['mail', 'from'] },
  SMTP_URL: { path: ['mail', 'smtpUrl'], parse: emptyToNull },
  MAIL_DIR: { path: ['mail', 'outboxDir'] },
  MAIL_MAX_ATTEMPTS: { path: ['mail', 'maxAttempts'] },
  MAIL_RETRY_BASE_SECONDS: { path: ['mail', 'retryBaseSeconds'] },
  MAIL_CLAIM_LEASE_SECONDS: { path: ['mail', 'claimLeaseSeconds'] },
  REMINDERS_CRON_ENABLED: {
    path: ['reminders', 'cronEnabled'],
    parse: parseBoolean,
  },
  REMINDERS_CRON: { path: ['reminders', 'cron'] },
  REMINDERS_SEND_HOUR: { path: ['reminders', 'sendHour'] },
  PACK_ENABLED: { path: ['reports', 'packEnabled'], parse: parseBoolean },
  PACK_SEND_HOUR: { path: ['reports', 'packSendHour'], parse: emptyToNull },
  SESSION_HOURS: { path: ['auth', 'sessionHours'] },
  SESSION_IDLE_MINUTES: { path: ['auth', 'sessionIdleMinutes'] },
  MAX_FAILED_SIGN_INS: { path: ['auth', 'maxFailedSignInsPer15Minutes'] },
  BEARER_FAILURES_BEFORE_BACK_OFF: { path: ['auth', 'bearerFailuresBeforeBackOff'] },
  BEARER_BACK_OFF_SECONDS: { path: ['auth', 'bearerBackOffSeconds'] },
  BEARER_BACK_OFF_MAX_SECONDS: { path: ['auth', 'bearerBackOffMaxSeconds'] },
  RATE_LIMIT_ENABLED: { path: ['rateLimit', 'enabled'], parse: parseBoolean },
  RATE_LIMIT_WINDOW_SECONDS: { path: ['rateLimit', 'windowSeconds'] },
  RATE_LIMIT_MAX: { path: ['rateLimit', 'max'] },
  RATE_LIMIT_SIGN_IN_MAX: { path: ['rateLimit', 'signInMax'] },
  OIDC_ISSUER: { path: ['auth', 'oidc', 'issuer'] },
  OIDC_CLIENT_ID: { path: ['auth', 'oidc', 'clientId'] },
  OIDC_CLIENT_SECRET: { path: ['auth', 'oidc', 'clientSecret'] },
  OIDC_REDIRECT_URL: {
    path: ['auth', 'oidc', 'redirectUrl'],
    parse: emptyToNull,
  },
  OIDC_DEFAULT_ROLE: {
    path: ['auth', 'oidc', 'defaultRole'],
    parse: emptyToNull,
  },
};

/** Each environment variable and the setting it overrides (docs/configuration.md lists them all). */
export const ENV_VARIABLES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(ENV).map(([name, { path }]) => [name, path.join('.')]),
);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the configuration. Throws ConfigError listing every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, rootDir = process.cwd()): AppConfig {
  const problems: string[] = [];
  const merged = readJson(resolve(rootDir, 'config/default.json'));
  if (env.CONFIG_FILE) {
    try {
      deepMerge(merged, readJson(resolve(rootDir, env.CONFIG_FILE)));
    } catch (e) {
      problems.push(`CONFIG_FILE: cannot read ${env.CONFIG_FILE} (${(e as Error).message})`);
    }
  }
  for (const [name, { path, parse }] of Object.entries(ENV)) {
    const raw = env[name];
    if (raw === undefined) continue;
    try {
      setPath(merged, path, parse ? parse(raw) : raw);
    } catch (e) {
      problems.push(`${name}: ${(e as Error).message}`);
    }
  }
  if (merged.appNow === undefined) merged.appNow = null;
  if (merged.publicUrl === undefined) merged.publicUrl = null;
  if (merged.bootstrapAdminToken === undefined) merged.bootstrapAdminToken = null;
  if (merged.seedDemo === undefined) merged.seedDemo = null;

  const result = schema.safeParse(merged);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.map(String);
      const envName = Object.entries(ENV).find(([, v]) => v.path.join('.') === path.join('.'))?.[0];
      const where = envName ? `${envName} (${path.join('.')})` : path.join('.');
      problems.push(`${where}: ${issue.message}`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  const config = result.data as ParsedConfig;
  // Without PUBLIC_URL, links in mail and the start-up banner point at this machine.
  return {
    ...config,
    publicUrl: (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/$/, ''),
    reports: { ...config.reports, packSendHour: config.reports.packSendHour ?? config.reminders.sendHour },
  };
}

/**
 * Whether the demo programmes go into an empty database at start-up: on the embedded SQLite
 * default unless SEED_DEMO=false; on PostgreSQL, which is a real deployment's database, only
 * with SEED_DEMO=true.
 */
export function shouldSeedDemo(config: Pick<AppConfig, 'seedDemo' | 'databaseUrl'>): boolean {
  return config.seedDemo ?? /^sqlite:/.test(config.databaseUrl);
}

/** The database dialect, needed while entity classes are declared (before Nest starts). */
export function databaseDialect(env: NodeJS.ProcessEnv = process.env): 'sqlite' | 'postgres' {
  const url = env.DATABASE_URL ?? '';
  return /^postgres(ql)?:/.test(url) ? 'postgres' : 'sqlite';
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function parseBoolean(v: string): boolean {
  if (/^(true|1|yes|on)$/i.test(v)) return true;
  if (/^(false|0|no|off)$/i.test(v)) return false;
  throw new Error(`expected true or false, got "${v}"`);
}

function emptyToNull(v: string): string | null {
  return v.trim() === '' ? null : v;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] = (node[key] as Record<string, unknown>) ?? {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (value && typeof value === 'object' && !Array.isArray(value) && existing && typeof existing === 'object') {
      deepMerge(existing as Record<string, unknown>, value as Record<string, unknown>);
    } else {
      target[key] = value;
    }
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
