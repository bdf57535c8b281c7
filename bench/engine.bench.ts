// The workflow engine per event: restore the persisted JSON snapshot, check the rules,
// transition, serialise again — against bare XState transition() on a snapshot kept in
// memory, in the same run. The difference is what persistence and refusal reasons cost.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transition } from 'xstate';
import { PersistedProgramme, applyEvent, restore, startProgramme } from '../workflows/engine';
import { buildMachine } from '../workflows/machine';
import { getDefinition } from '../workflows/registry';
import { WorkflowEvent } from '../workflows/types';

const def = getDefinition('nhs-service-change', 1)!;
const parties = Array.from({ length: 8 }, (_, i) => `partner-${i}`);
const input = { parties: { 'partner-approvals': parties, 'nhse-assurance': ['nhse', 'tda'] } };

// A programme with partner approvals open: each event is a decision, alternating so the
// gate never completes and every event is accepted.
function openProgramme(): PersistedProgramme {
  let p = startProgramme(def, input);
  for (const event of [
    { type: 'gate.complete', gateId: 'pcbc-draft', completedOn: '2015-09-04' },
    { type: 'gate.complete', gateId: 'clinical-senate-review', completedOn: '2015-10-05' },
  ] as WorkflowEvent[]) {
    const r = applyEvent(def, p, event);
    if (!r.ok) throw new Error(r.refusal.reason);
    p = r.persisted;
  }
  return p;
}

const eventFor = (i: number): WorkflowEvent => ({
  type: 'gate.decide',
  gateId: 'partner-approvals',
  partyId: parties[i % parties.length],
  decision: i % 2 ? 'deferred' : 'not-approved',
  decidedOn: '2015-10-26',
});

function measure(name: string, seconds: number, step: (i: number) => void) {
  for (let i = 0; i < 2000; i++) step(i); // warm up
  const started = process.hrtime.bigint();
  let n = 0;
  while (Number(process.hrtime.bigint() - started) < seconds * 1e9) {
    for (let k = 0; k < 100; k++) step(n++);
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { name, events: n, perSecond: n / elapsed, microsPerEvent: (elapsed / n) * 1e6 };
}

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

// Ours: JSON text in, JSON text out, as the service stores it.
let stored = JSON.stringify(openProgramme());
const ours = measure('engine: restore + rules + transition + serialise', SECONDS, (i) => {
  const result = applyEvent(def, JSON.parse(stored) as PersistedProgramme, eventFor(i));
  if (!result.ok) throw new Error(result.refusal.reason);
  stored = JSON.stringify(result.persisted);
});

// Baseline: bare XState on a live snapshot in memory.
const machine = buildMachine(def);
let snapshot = restore(def, openProgramme());
const bare = measure('bare XState transition() in memory', SECONDS, (i) => {
  [snapshot] = transition(machine, snapshot, eventFor(i));
});

const ratio = ours.microsPerEvent / bare.microsPerEvent;
console.log(`\nWorkflow engine, ${SECONDS} s per case (nhs-service-change v1, 8 partner boards)`);
for (const r of [ours, bare]) {
  console.log(
    `${r.name.padEnd(52)} ${r.perSecond.toFixed(0).padStart(9)} events/s ${r.microsPerEvent.toFixed(1).padStart(8)} µs/event`,
  );
}
console.log(`cost of persistence and reasons: ${ratio.toFixed(1)}x bare XState per event\n`);
mkdirSync(join(__dirname, 'results'), { recursive: true });
writeFileSync(join(__dirname, 'results', 'engine.json'), JSON.stringify({ ours, bare, ratio }, null, 2));
