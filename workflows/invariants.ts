// What must be true of every programme in every state, whatever happened before. The model-based tests check
// these on every reachable state; the service can run them over stored programmes as a health check.
import { isApproval, openedOn, statusesFromContext } from './context';
import { latest } from './dates';
import type { GateStatus, ProgrammeContext, WorkflowDefinition } from './types';

/** Every way this state breaks the workflow's rules, in words; empty when it is a possible state. */
export function invariantViolations(
  def: WorkflowDefinition,
  context: ProgrammeContext,
  statuses: Record<string, GateStatus>,
): string[] {
  const problems: string[] = [];
  const implied = statusesFromContext(def, context);
  for (const gate of def.gates) {
    const status = statuses[gate.id];
    const g = context.gates[gate.id];
    const say = (problem: string) => problems.push(`${gate.id}: ${problem}`);
    if (!g) {
      say('has no context');
      continue;
    }
    if (status !== implied[gate.id]) say(`is ${status} but its recorded dates say ${implied[gate.id]}`);
    const depsDone = gate.dependsOn.every((d) => statuses[d] === 'complete');
    if (status !== 'not-started' && !depsDone) say(`is ${status} before its dependencies are complete`);
    if (status === 'not-started' && depsDone) say('is not started although its dependencies are complete');
    if (status === 'running' && gate.kind !== 'consultation') say('is running but is not a consultation');
    if (status === 'complete') {
      const opened = openedOn(def, context, gate.id);
      if (!g.completedOn) say('is complete without a completion date');
      else if (opened && g.completedOn < opened) say(`completed on ${g.completedOn}, before it opened on ${opened}`);
      const missing = (gate.evidence ?? []).filter((e) => !g.evidence[e.id]);
      if (missing.length) say(`is complete without evidence ${missing.map((e) => e.id).join(', ')}`);
    }
    if (gate.kind === 'approval') {
      const parties = Object.values(g.parties ?? {});
      if (status === 'complete' && (parties.length === 0 || !parties.every(isApproval))) {
        say('is complete without every party approving');
      }
      if (status === 'complete' && g.completedOn !== latest(parties.map((p) => p.decidedOn))) {
        say('did not complete on the date of its last decision');
      }
      if (status === 'open' && parties.length > 0 && parties.every(isApproval))
        say('is open although every party approved');
    }
    if (gate.kind === 'consultation' && (status === 'running' || status === 'complete')) {
      const c = g.consultation;
      if (!c) say(`is ${status} with no consultation dates`);
      else if (c.closesOn <= c.startsOn) say('closes before it starts');
      else if (status === 'complete' && g.completedOn! < c.closesOn) say('closed before its advertised closing date');
    }
  }
  return problems;
}
