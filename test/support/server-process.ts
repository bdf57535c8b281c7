import { ChildProcess, spawn } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The service as a real process (`src/main.ts` through ts-node), for what only a process
// shows: exit codes, signals, what reaches stdout. Everything else uses startTestApp.

const ROOT = resolve(__dirname, '../..');
const ENTRY = ['-r', 'ts-node/register/transpile-only', 'src/main.ts'];

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves as soon as the output matches `pattern` (at once if it already does). */
  printed(pattern: RegExp): Promise<void>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Environment for a spawned service: nothing from the developer's shell but PATH. */
function serviceEnv(env: Record<string, string>, dataDir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    TZ: 'UTC',
    SEED_DEMO: 'false',
    REMINDERS_CRON_ENABLED: 'false',
    DATABASE_URL: `sqlite:${join(dataDir, 'service.sqlite')}`,
    MAIL_DIR: join(dataDir, 'mail'),
    ...env,
  };
}

/** Runs the service until it exits by itself (e.g. refused configuration). */
export async function runServiceToExit(env: Record<string, string>, timeoutMs = 20_000) {
  const dataDir = mkdtempSync(join(tmpdir(), 'cg-proc-'));
  const child = spawn(process.execPath, ENTRY, {
    cwd: ROOT,
    env: serviceEnv(env, dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  rmSync(dataDir, { recursive: true, force: true });
  return { code, stdout, stderr };
}

/** Starts the service on a free port and waits until /api/health answers 200. */
export async function startServiceProcess(
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'cg-proc-'));
  const child = spawn(process.execPath, ENTRY, {
    cwd: ROOT,
    env: serviceEnv({ PORT: String(port), ...env }, dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const printed = new EventEmitter();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    printed.emit('output');
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = once(child, 'exit').then(([code, signal]) => {
    rmSync(dataDir, { recursive: true, force: true });
    return { code: code as number | null, signal: signal as NodeJS.Signals | null };
  });
  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    url,
    child,
    output: () => output,
    printed: (pattern) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!pattern.test(output)) return;
          printed.off('output', check);
          resolve();
        };
        printed.on('output', check);
        void exited.then(() => reject(new Error(`exited before printing ${pattern}:\n${output}`)));
        check();
      }),
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (!gone) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return server;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await exited;
  throw new Error(`the service did not become healthy:\n${output}`);
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
