// Runs the load generator (bench/support/load-generator.ts) in a child process, so that it
// does not share the event loop of the server it measures, and returns what it measured.
// The server runs in this process: the CPU time this process spent during the load, per
// request answered, is what a request costs whatever the neighbours on the machine are
// doing, where requests per second follow how much of a core the server was given.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Load {
  rps: number;
  requests: number;
  /** CPU time (user + system) of this process, the server's, per request answered. */
  cpuUsPerRequest: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface LoadSpec {
  base: string;
  mode: 'status' | 'decisions' | 'bare' | 'bare-decisions' | 'what-if';
  ids: string[];
  token?: string;
  /** For 'what-if': the body posted to each programme's what-if. */
  body?: unknown;
  seconds: number;
  connections: number;
}

export function load(spec: LoadSpec): Promise<Load> {
  const specFile = join(mkdtempSync(join(tmpdir(), 'cg-load-')), 'spec.json');
  writeFileSync(specFile, JSON.stringify(spec));
  const cpuBefore = process.cpuUsage();
  return new Promise<Load>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, 'load-generator.ts'), specFile],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited ${code}`));
      const cpu = process.cpuUsage(cpuBefore);
      const measured = JSON.parse(out.trim().split('\n').pop()!) as Omit<Load, 'cpuUsPerRequest'>;
      resolve({ ...measured, cpuUsPerRequest: (cpu.user + cpu.system) / Math.max(1, measured.requests) });
    });
  }).finally(() => rmSync(dirname(specFile), { recursive: true, force: true }));
}
