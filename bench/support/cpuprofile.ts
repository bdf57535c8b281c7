// Reads a V8 .cpuprofile (node --cpu-prof, or the inspector's Profiler) and says where the
// time went: self time by package or folder, and self and inclusive time by function.
//   node -r ts-node/register/transpile-only bench/support/cpuprofile.ts some.cpuprofile [top]
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface Summary {
  /** Busy time: every sample but idle ones and the profiler's own; shares below are of this. */
  totalMs: number;
  idleMs: number;
  /** Self time by where the code lives: our src/ and workflows/ folders, each package, node itself. */
  byArea: Array<{ area: string; ms: number; share: number }>;
  bySelf: Array<{ fn: string; ms: number; share: number }>;
  byInclusive: Array<{ fn: string; ms: number; share: number }>;
}

/** Where a function lives: `src/programmes`, `workflows`, a package name, `node:internal`, or a V8 pseudo-frame. */
export function areaOf(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node:internal';
  const ours = /\/(src\/[^/]+|workflows|bench)\//.exec(url);
  return ours ? ours[1] : url;
}

function label(frame: CallFrame): string {
  const file = frame.url.replace(/^.*node_modules\//, '').replace(/^.*?\/((src|workflows|bench)\/)/, '$1');
  return `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`.trim();
}

export function summarise(profile: CpuProfile, top = 25): Summary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let total = 0;
  const area = new Map<string, number>();
  const selfFn = new Map<string, number>();
  const inclusive = new Map<string, number>();
  // Time the process spent waiting, and the profiler's own work, are not the server's.
  const skip = (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (frame.functionName === '(idle)' || frame.url === 'node:inspector') return true;
    }
    return false;
  };
  let idle = 0;
  for (const [id, us] of self) {
    if (skip(id)) {
      idle += us;
      continue;
    }
    total += us;
    const node = byId.get(id)!;
    const a = areaOf(node.callFrame);
    area.set(a, (area.get(a) ?? 0) + us);
    const l = label(node.callFrame);
    selfFn.set(l, (selfFn.get(l) ?? 0) + us);
    // Inclusive: every distinct function on the stack of these samples, once each.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = label(byId.get(at)!.callFrame);
      if (seen.has(f)) continue;
      seen.add(f);
      inclusive.set(f, (inclusive.get(f) ?? 0) + us);
    }
  }
  const rows = <K extends string>(map: Map<string, number>, key: K, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, us]) =>
          ({ [key]: k, ms: us / 1000, share: us / total }) as { [P in K]: string } & { ms: number; share: number },
      );
  return {
    totalMs: total / 1000,
    idleMs: idle / 1000,
    byArea: rows(area, 'area', top),
    bySelf: rows(selfFn, 'fn', top),
    byInclusive: rows(
      new Map([...inclusive].filter(([f]) => !f.startsWith('(root)') && !f.startsWith('(program)'))),
      'fn',
      top,
    ),
  };
}

export function printSummary(title: string, s: Summary): void {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)}%`;
  console.log(`\n${title}: ${s.totalMs.toFixed(0)} ms busy, ${s.idleMs.toFixed(0)} ms idle`);
  console.log('  self time by area');
  for (const r of s.byArea) console.log(`    ${pct(r.share)}  ${r.area}`);
  console.log('  self time by function');
  for (const r of s.bySelf) console.log(`    ${pct(r.share)}  ${r.fn}`);
  console.log('  inclusive time by function');
  for (const r of s.byInclusive) console.log(`    ${pct(r.share)}  ${r.fn}`);
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: cpuprofile.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  printSummary(file, summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(top ?? 25)));
}
