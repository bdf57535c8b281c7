import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ROLES, Role } from './auth/roles';
import type { NewToken } from './auth/token.service';
import { ConfigError, loadConfig } from './core/config/app-config';
import { DomainError } from './core/errors/domain-error';
import { BackupRefused, backupSqlite, restoreSqlite, sqliteFileOf } from './core/database/backup';
import { resolve } from 'node:path';

// Command-line administration on the service's own database and configuration:
//   npm run cli -- tokens create --name "Helen Seth" --email helen@example.nhs.uk --role partnerships [--programme <id>] [--ttl-days N] [--json]
//   npm run cli -- tokens list [--json]
//   npm run cli -- tokens revoke <token id>
//   npm run cli -- people set-password --email helen@example.nhs.uk   (password on stdin)
//   npm run cli -- reminders run [--json]   (the sweep and dispatch, as the cron runs them)
//   npm run cli -- backup <file>            (a consistent copy of the SQLite database, while it runs)
//   npm run cli -- restore <file>           (a backup becomes the database; only where there is none)
//   npm run cli -- audit verify [programme id] [--json]   (checks the audit hash chains)
// A new token is printed once, to stdout; only its hash is kept.

const USAGE = `usage:
  cli tokens create --name <name> --email <email> --role <${ROLES.join('|')}> [--programme <id>] [--ttl-days <n>] [--json]
  cli tokens list [--json]
  cli tokens revoke <token id>
  cli people set-password --email <email>    (reads the password from stdin)
  cli reminders run [--json]
  cli backup <file>
  cli restore <backup file>
  cli audit verify [<programme id>] [--json]`;

class UsageError extends Error {}

export interface CliIo {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  /** The whole of standard input (the password for set-password). */
  readInput(): Promise<string>;
}

const PROCESS_IO: CliIo = {
  out: process.stdout,
  err: process.stderr,
  env: process.env,
  readInput: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** Runs one command; answers the exit code: 0 done, 1 refused, 2 bad usage, 78 bad configuration. */
export async function main(argv: string[], io: CliIo = PROCESS_IO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    // Usage, domain and configuration errors carry readable messages and no secrets.
    const message = error instanceof DomainError ? error.detail : ((error as Error)?.message ?? String(error));
    io.err.write(`${message}\n`);
    return error instanceof UsageError ? 2 : error instanceof ConfigError ? 78 : 1;
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const out = io.out;
  const { values, positionals } = parseOptions(argv);
  const [group, command, ...rest] = positionals;
  if (values.help || !group) throw new UsageError(USAGE);
  if (group === 'backup' || group === 'restore') return backupOrRestore(group, [command, ...rest], io);
  const action = `${group} ${command ?? ''}`.trim();
  if (
    !['tokens create', 'tokens list', 'tokens revoke', 'people set-password', 'reminders run', 'audit verify'].includes(
      action,
    )
  ) {
    throw new UsageError(`unknown command "${action}"\n${USAGE}`);
  }
  if (action === 'audit verify' && rest.length > 1)
    throw new UsageError(`audit verify takes at most one programme id\n${USAGE}`);

  const newToken = action === 'tokens create' ? tokenRequest(values) : null;
  if (action === 'tokens revoke' && rest.length !== 1)
    throw new UsageError(`tokens revoke needs one token id\n${USAGE}`);
  if (action === 'people set-password' && !values.email)
    throw new UsageError(`people set-password needs --email\n${USAGE}`);

  const config = loadConfig(io.env);
  // The application is loaded only for the commands that need it: backup and restore start fast.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { ConsoleLogger } = require('@nestjs/common') as typeof import('@nestjs/common');
  const { NestFactory } = require('@nestjs/core') as typeof import('@nestjs/core');
  const { AppModule } = require('./app.module') as typeof import('./app.module');
  const { TokenService } = require('./auth/token.service') as typeof import('./auth/token.service');
  const { SignInService } = require('./auth/sign-in.service') as typeof import('./auth/sign-in.service');
  const { ReminderRunService } =
    require('./reminders/reminder-run.service') as typeof import('./reminders/reminder-run.service');
  const { AuditService } = require('./audit/audit.service') as typeof import('./audit/audit.service');
  /* eslint-enable @typescript-eslint/no-require-imports */
  // No schedule here: reminders go out only when asked (reminders run).
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ ...config, reminders: { ...config.reminders, cronEnabled: false } }),
    { logger: new ConsoleLogger({ logLevels: ['fatal', 'error'] }) },
  );
  try {
    const tokens = app.get(TokenService);
    switch (action) {
      case 'tokens create': {
        const created = await tokens.create(newToken!, undefined, operator(io.env));
        if (values.json) {
          out.write(`${JSON.stringify(created)}\n`);
        } else {
          out.write(
            `Token for ${newToken!.name} <${newToken!.email}>: ${newToken!.role}` +
              `${newToken!.programmeId ? ` on programme ${newToken!.programmeId}` : ' on every programme'}, expires ${created.expiresAt}\n` +
              `  id:    ${created.id}\n  token: ${created.token}\n` +
              `Keep the token now: it is not stored and will not be shown again.\n`,
          );
        }
        return 0;
      }
      case 'tokens list': {
        const list = await tokens.list();
        if (values.json) {
          out.write(`${JSON.stringify(list, null, 2)}\n`);
        } else {
          for (const t of list) {
            const state = t.revokedAt ? `revoked ${t.revokedAt}` : `expires ${t.expiresAt ?? 'never'}`;
            out.write(
              `${t.id}  ${t.role.padEnd(12)} ${t.name} <${t.email}>  ${t.programmeId ?? 'all programmes'}  ${state}\n`,
            );
          }
          if (list.length === 0) out.write('No tokens.\n');
        }
        return 0;
      }
      case 'tokens revoke': {
        await tokens.revoke(rest[0], operator(io.env));
        out.write(`Revoked ${rest[0]}; it no longer signs anyone in, and sessions opened with it have ended.\n`);
        return 0;
      }
      case 'people set-password': {
        const password = (await io.readInput()).replace(/\r?\n$/, '');
        await app.get(SignInService).setPassword(values.email!, password);
        out.write(`Password set for ${values.email!.toLowerCase()}.\n`);
        return 0;
      }
      case 'reminders run': {
        const r = await app.get(ReminderRunService).run();
        out.write(
          values.json
            ? `${JSON.stringify(r)}\n`
            : `Reminders at ${r.at}: ${r.sendWindowOpen ? `${r.queued} queued` : 'outside the send window, none queued'}, ` +
                `${r.sent} sent, ${r.failed} to retry, ${r.permanentlyFailed} given up; ` +
                `outbox: ${r.outbox.pending} pending, ${r.outbox.failed} failed, ${r.outbox.permanentlyFailed} given up.\n`,
        );
        return 0;
      }
      case 'audit verify': {
        const reports = await app.get(AuditService).verify(rest[0]);
        const faults = reports.filter((r) => r.fault);
        if (rest[0] && reports.every((r) => r.entries === 0 && !r.fault)) {
          io.err.write(`No audit trail for programme ${rest[0]}.\n`);
          return 1;
        }
        if (values.json) {
          out.write(`${JSON.stringify({ intact: faults.length === 0, chains: reports }, null, 2)}\n`);
        } else {
          for (const r of reports) {
            const name = r.chain === '' ? '(no programme)' : r.chain;
            out.write(`${name}: ${r.entries} entries, ${r.fault ? `BROKEN: ${r.fault.message}` : 'intact'}\n`);
          }
          out.write(
            faults.length
              ? `The audit trail was altered: ${faults.length} of ${reports.length} chain(s) broken.\n`
              : `Every audit chain is intact (${reports.length}).\n`,
          );
        }
        return faults.length ? 1 : 0;
      }
      default:
        throw new UsageError(USAGE);
    }
  } finally {
    await app.close();
  }
}

/** backup and restore work on the database file itself: no application is started. */
async function backupOrRestore(
  group: 'backup' | 'restore',
  args: Array<string | undefined>,
  io: CliIo,
): Promise<number> {
  const [file, ...extra] = args.filter((a): a is string => a !== undefined);
  if (!file || extra.length) throw new UsageError(`${group} needs one file\n${USAGE}`);
  const config = loadConfig(io.env);
  try {
    const databaseFile = sqliteFileOf(config.databaseUrl);
    if (group === 'backup') {
      const { bytes } = await backupSqlite(databaseFile, file);
      io.out.write(`Backed up ${databaseFile} to ${resolve(file)} (${bytes} bytes).\n`);
    } else {
      const { migrations } = await restoreSqlite(file, databaseFile);
      io.out.write(
        `Restored ${resolve(file)} as ${databaseFile} (${migrations} migrations recorded; newer ones run when the service starts).\n`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof BackupRefused) {
      io.err.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        email: { type: 'string' },
        role: { type: 'string' },
        programme: { type: 'string' },
        'ttl-days': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

/** How the audit names a change made here: the operating-system account that ran the command. */
function operator(env: NodeJS.ProcessEnv): string {
  let user = env.USER ?? env.LOGNAME;
  try {
    user ??= userInfo().username;
  } catch {
    // no passwd entry (some containers)
  }
  return `command line (${user ?? 'unknown user'})`;
}

function tokenRequest(values: {
  name?: string;
  email?: string;
  role?: string;
  programme?: string;
  'ttl-days'?: string;
}): NewToken {
  const role = values.role as Role;
  if (!values.name || !values.email || !ROLES.includes(role)) {
    throw new UsageError(`tokens create needs --name, --email and --role (${ROLES.join(', ')})\n${USAGE}`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { email: emailSchema } = require('./core/errors/validation') as typeof import('./core/errors/validation');
  const email = emailSchema.safeParse(values.email.trim().toLowerCase());
  if (!email.success) throw new UsageError(`--email: ${email.error.issues[0].message}`);
  const ttlDays = values['ttl-days'] === undefined ? undefined : Number(values['ttl-days']);
  if (ttlDays !== undefined && !(Number.isInteger(ttlDays) && ttlDays >= 1 && ttlDays <= 3650)) {
    throw new UsageError('--ttl-days must be a whole number of days from 1 to 3650');
  }
  return { name: values.name.trim(), email: email.data, role, programmeId: values.programme ?? null, ttlDays };
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
