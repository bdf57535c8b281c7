import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, ENV_VARIABLES, databaseDialect, loadConfig, shouldSeedDemo } from './app-config';

const ROOT = resolve(__dirname, '../../..');

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env, ROOT);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('loads the committed defaults with no environment at all', () => {
    const config = loadConfig({}, ROOT);
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe('sqlite:data/consultation-gates.sqlite');
    expect(config.timeZone).toBe('Europe/London');
    expect(config.seedDemo).toBeNull();
    expect(shouldSeedDemo(config)).toBe(true); // the embedded default gets the demo
    expect(config.appNow).toBeNull();
    expect(config.bootstrapAdminToken).toBeNull();
    expect(config.mail.smtpUrl).toBeNull();
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('lets environment variables override the defaults', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        DATABASE_URL: 'postgres://app@db:5432/gates',
        APP_NOW: '2015-10-27T09:00:00Z',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        SMTP_URL: 'smtp://mail.example:2525',
        MAIL_FROM: 'Gates <gates@example.nhs.uk>',
        PUBLIC_URL: 'https://gates.example.nhs.uk/',
        REMINDERS_SEND_HOUR: '7',
      },
      ROOT,
    );
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgres://app@db:5432/gates');
    expect(config.appNow).toBe('2015-10-27T09:00:00Z');
    expect(config.seedDemo).toBe(false);
    expect(config.logLevel).toBe('warn');
    expect(config.mail.smtpUrl).toBe('smtp://mail.example:2525');
    expect(config.mail.from).toBe('Gates <gates@example.nhs.uk>');
    expect(config.publicUrl).toBe('https://gates.example.nhs.uk');
    expect(config.reminders.sendHour).toBe(7);
  });

  it("sends every scheduled message from 08:00 by default, the pack at the reminders' hour unless given its own", () => {
    const defaults = loadConfig({}, ROOT);
    expect([defaults.reminders.sendHour, defaults.reports.packSendHour]).toEqual([8, 8]);
    const moved = loadConfig({ REMINDERS_SEND_HOUR: '7' }, ROOT);
    expect([moved.reminders.sendHour, moved.reports.packSendHour]).toEqual([7, 7]);
    const own = loadConfig({ REMINDERS_SEND_HOUR: '7', PACK_SEND_HOUR: '10' }, ROOT);
    expect([own.reminders.sendHour, own.reports.packSendHour]).toEqual([7, 10]);
    expect(loadConfig({ PACK_SEND_HOUR: '' }, ROOT).reports.packSendHour).toBe(8);
    expect(problemsOf({ PACK_SEND_HOUR: '24' })).toEqual([
      expect.stringMatching(/^PACK_SEND_HOUR \(reports\.packSendHour\): /),
    ]);
  });

  it('seeds the demo into PostgreSQL only when asked, and into the embedded SQLite unless told not to', () => {
    const postgres = 'postgres://app@db:5432/gates';
    expect(shouldSeedDemo(loadConfig({ DATABASE_URL: postgres }, ROOT))).toBe(false);
    expect(shouldSeedDemo(loadConfig({ DATABASE_URL: postgres, SEED_DEMO: 'true' }, ROOT))).toBe(true);
    expect(shouldSeedDemo(loadConfig({ DATABASE_URL: 'sqlite:x.sqlite', SEED_DEMO: 'false' }, ROOT))).toBe(false);
    expect(shouldSeedDemo(loadConfig({ DATABASE_URL: 'sqlite:x.sqlite', SEED_DEMO: '' }, ROOT))).toBe(true);
  });

  it('treats an empty optional variable as unset', () => {
    const config = loadConfig({ APP_NOW: '', SMTP_URL: ' ', BOOTSTRAP_ADMIN_TOKEN: '' }, ROOT);
    expect(config.appNow).toBeNull();
    expect(config.mail.smtpUrl).toBeNull();
    expect(config.bootstrapAdminToken).toBeNull();
  });

  it('names every bad variable in one error', () => {
    const problems = problemsOf({ PORT: 'abc', DATABASE_URL: 'mysql://x', APP_NOW: 'yesterday' });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/^PORT \(port\): /m);
    expect(problems.join('\n')).toMatch(/^DATABASE_URL \(databaseUrl\): expected sqlite:<path> or postgres:/m);
    expect(problems.join('\n')).toMatch(/^APP_NOW \(appNow\): expected an ISO 8601 instant/m);
  });

  it('says what was wrong with a boolean and keeps going', () => {
    const problems = problemsOf({ SEED_DEMO: 'maybe', REMINDERS_SEND_HOUR: '25', BOOTSTRAP_ADMIN_TOKEN: 'short' });
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        'SEED_DEMO: expected true or false, got "maybe"',
        expect.stringMatching(/^REMINDERS_SEND_HOUR \(reminders\.sendHour\): /),
        'BOOTSTRAP_ADMIN_TOKEN (bootstrapAdminToken): must be at least 16 characters',
      ]),
    );
  });

  it('puts the whole list in the message that main prints', () => {
    const error = (() => {
      try {
        loadConfig({ PORT: '-1', SMTP_URL: 'mail.example' }, ROOT);
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error?.message).toMatch(/^Invalid configuration:\n {2}- PORT .*\n {2}- SMTP_URL /);
  });

  it('reads an overlay file named by CONFIG_FILE, and reports one that is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-config-'));
    writeFileSync(join(dir, 'site.json'), JSON.stringify({ rag: { redSlipWorkingDays: 15 }, port: 4000 }));
    const config = loadConfig({ CONFIG_FILE: join(dir, 'site.json'), PORT: '4001' }, ROOT);
    expect(config.rag.redSlipWorkingDays).toBe(15);
    expect(config.rag.amberSlipWorkingDays).toBe(1);
    expect(config.port).toBe(4001); // the environment wins over the overlay
    expect(problemsOf({ CONFIG_FILE: join(dir, 'absent.json') })).toEqual([
      expect.stringMatching(/^CONFIG_FILE: cannot read /),
    ]);
  });

  it('tells the dialect from DATABASE_URL', () => {
    expect(databaseDialect({ DATABASE_URL: 'postgresql://x@y/z' })).toBe('postgres');
    expect(databaseDialect({ DATABASE_URL: 'sqlite:data/x.sqlite' })).toBe('sqlite');
    expect(databaseDialect({})).toBe('sqlite');
  });
});

describe('docs/configuration.md', () => {
  const doc = readFileSync(join(ROOT, 'docs/configuration.md'), 'utf8');

  it('lists every environment variable with the setting it overrides', () => {
    const row = (name: string, path: string) => new RegExp(`\\|\\s*\`${name}\`\\s*\\|\\s*\`${path}\`\\s*\\|`);
    const missing = Object.entries(ENV_VARIABLES).filter(([name, path]) => !row(name, path).test(doc));
    if (missing.length) {
      throw new Error(
        `docs/configuration.md does not list ${missing.map(([name]) => name).join(', ')}; add a row like\n` +
          missing.map(([name, path]) => `| \`${name}\` | \`${path}\` | default | what it does |`).join('\n'),
      );
    }
  });

  it('lists every setting of config/default.json', () => {
    const defaults = JSON.parse(readFileSync(join(ROOT, 'config/default.json'), 'utf8')) as Record<string, unknown>;
    const leaves = (node: Record<string, unknown>, prefix = ''): string[] =>
      Object.entries(node).flatMap(([key, value]) =>
        value && typeof value === 'object' && !Array.isArray(value)
          ? leaves(value as Record<string, unknown>, `${prefix}${key}.`)
          : [`${prefix}${key}`],
      );
    const missing = leaves(defaults).filter((path) => !doc.includes(`\`${path}\``));
    if (missing.length) throw new Error(`docs/configuration.md does not describe ${missing.join(', ')}`);
  });
});
