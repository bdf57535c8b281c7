// The programme's context and the pure reducer the machine's actions delegate to. A gate's status can be read
// both from the statechart value and from the context; the two must always agree (the model tests check it),
// which is what lets the guards, which only see the context, reason about statuses.
import { latest } from './dates';
import { findGate } from './definition';
import { own } from './own';
import { isApproving } from './types';
import type {
  GateContext,
  GateStatus,
  IsoDate,
  PartyState,
  ProgrammeContext,
  ProgrammeInput,
  WorkflowDefinition,
  WorkflowEvent,
} from './types';

/** The state node name inside a gate's region for each status. */
export const STATE_OF_STATUS: Record<GateStatus, string> = {
  'not-started': 'waiting',
  open: 'open',
  running: 'running',
  complete: 'complete',
};

const STATUS_OF_STATE: Record<string, GateStatus> = Object.fromEntries(
  Object.entries(STATE_OF_STATUS).map(([status, state]) => [state, status as GateStatus]),
);

export function initialContext(def: WorkflowDefinition, input: ProgrammeInput | undefined): ProgrammeContext {
  const gates: Record<string, GateContext> = {};
  for (const gate of def.gates) {
    gates[gate.id] = { evidence: {} };
    if (gate.kind === 'approval') {
      gates[gate.id].parties = Object.fromEntries((input?.parties?.[gate.id] ?? []).map((p) => [p, {}]));
    }
  }
  return def.callIn ? { gates, callIn: { status: 'none' } } : { gates };
}

/** Dependencies of `gateId` that are not complete yet, in definition order. */
export function waitingOn(def: WorkflowDefinition, context: ProgrammeContext, gateId: string): string[] {
  return (findGate(def, gateId)?.dependsOn ?? []).filter((dep) => !own(context.gates, dep)?.completedOn);
}

/** When the gate opened: the day its last dependency completed; undefined for gates open from the start. */
export function openedOn(def: WorkflowDefinition, context: ProgrammeContext, gateId: string): IsoDate | undefined {
  return latest((findGate(def, gateId)?.dependsOn ?? []).map((dep) => own(context.gates, dep)?.completedOn));
}

export function statusFromContext(def: WorkflowDefinition, context: ProgrammeContext, gateId: string): GateStatus {
  const gate = own(context.gates, gateId);
  if (gate?.completedOn) return 'complete';
  if (waitingOn(def, context, gateId).length > 0) return 'not-started';
  return gate?.consultation ? 'running' : 'open';
}

export function statusesFromContext(def: WorkflowDefinition, context: ProgrammeContext): Record<string, GateStatus> {
  return Object.fromEntries(def.gates.map((g) => [g.id, statusFromContext(def, context, g.id)]));
}

/** Reads statuses from the statechart value, `{ [gateId]: 'waiting' | 'open' | 'running' | 'complete' }`. */
export function statusesFromValue(def: WorkflowDefinition, value: unknown): Record<string, GateStatus> {
  const regions = (value ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    def.gates.map((g) => {
      const status = own(STATUS_OF_STATE, String(own(regions, g.id)));
      if (!status) throw new Error(`State value has no recognisable state for gate '${g.id}'`);
      return [g.id, status];
    }),
  );
}

/** The statechart value that corresponds to some statuses (used when migrating between versions). */
export function valueFromStatuses(statuses: Record<string, GateStatus>): Record<string, string> {
  return Object.fromEntries(Object.entries(statuses).map(([id, status]) => [id, STATE_OF_STATUS[status]]));
}

/** A decision that lets an approval gate complete. */
export function isApproval(party: PartyState | undefined): boolean {
  return isApproving(party?.decision);
}

function withGate(
  context: ProgrammeContext,
  gateId: string,
  change: (gate: GateContext) => GateContext,
): ProgrammeContext {
  return { ...context, gates: { ...context.gates, [gateId]: change(own(context.gates, gateId) ?? { evidence: {} }) } };
}

/**
 * The context after an accepted event. Never mutates its arguments: a refused or replayed event must leave
 * the snapshot it was given exactly as it was.
 */
export function reduceContext(context: ProgrammeContext, event: WorkflowEvent): ProgrammeContext {
  switch (event.type) {
    case 'gate.complete':
      return withGate(context, event.gateId, (g) => ({ ...g, completedOn: event.completedOn }));
    case 'gate.evidence':
      return withGate(context, event.gateId, (g) => ({
        ...g,
        evidence: { ...g.evidence, [event.itemId]: event.recordedOn },
      }));
    case 'gate.decide':
      return withGate(context, event.gateId, (g) => ({
        ...g,
        // The latest decision replaces the earlier one; the service's audit trail keeps the history.
        parties: { ...g.parties, [event.partyId]: { decision: event.decision, decidedOn: event.decidedOn } },
      }));
    case 'consultation.start': {
      const { startsOn, closesOn, justification } = event;
      const consultation = justification?.trim() ? { startsOn, closesOn, justification } : { startsOn, closesOn };
      return withGate(context, event.gateId, (g) => ({ ...g, consultation }));
    }
    case 'consultation.close':
      return withGate(context, event.gateId, (g) => ({ ...g, completedOn: event.closedOn }));
    case 'gate.skip':
      return withGate(context, event.gateId, (g) => ({ ...g, completedOn: event.skippedOn, skipped: event.reason }));
    case 'gate.parties':
      return withGate(context, event.gateId, (g) => ({
        ...g,
        parties: Object.fromEntries(event.parties.map((p) => [p, own(g.parties, p) ?? {}])),
      }));
  }
}

/** Completes an approval gate on the date of its last approving decision (the API's `actualDate`). */
export function completeApproval(context: ProgrammeContext, gateId: string): ProgrammeContext {
  const parties = Object.values(own(context.gates, gateId)?.parties ?? {});
  return withGate(context, gateId, (g) => ({ ...g, completedOn: latest(parties.map((p) => p.decidedOn)) }));
}
