// The pure engine the service calls: restore a persisted programme, check an event against the rules (with
// reasons), take the transition, and serialise again. No clock, no I/O: the same inputs always give the
// same JSON, which is what makes replays, audits and golden snapshots possible.
import { createActor, initialTransition } from 'xstate';
import type { AnyActorScope } from 'xstate';
import { CALL_IN_REGION, callInRefusal, callInRegionState, withCallInRegion } from './call-in';
import { statusesFromContext, statusesFromValue } from './context';
import {
  approvalsComplete,
  evidenceComplete,
  explain,
  isOpen,
  knownGate,
  rightKind,
  RULES,
  STRUCTURAL_RULES,
  validPartyList,
} from './guards';
import { buildMachine, type WorkflowMachine } from './machine';
import { EVENT_TYPES } from './types';
import type {
  CallInEvent,
  GateStatus,
  ProgrammeContext,
  ProgrammeInput,
  Refusal,
  WorkflowDefinition,
  WorkflowEvent,
} from './types';
import type { RuleState } from './guards';
import xstatePackage from 'xstate/package.json';

/** The installed XState version, stored with every snapshot so a later upgrade knows what wrote it. */
export const XSTATE_VERSION: string = xstatePackage.version;

export interface PersistedProgramme {
  definitionId: string;
  definitionVersion: number;
  xstateVersion: string;
  snapshot: unknown /* JSON-safe persisted XState snapshot */;
}

export type ApplyResult =
  | { ok: true; persisted: PersistedProgramme; context: ProgrammeContext; statuses: Record<string, GateStatus> }
  | { ok: false; refusal: Refusal };

export interface ExplainOptions {
  /** Display name for a party id in reasons ("Leicester City Council" rather than "leicester-city-council"). */
  partyName?: (partyId: string) => string;
}

/** The persisted programme belongs to another workflow or version: a programming error, not a user error. */
export class DefinitionMismatchError extends Error {
  override name = 'DefinitionMismatchError';
}

/** The persisted JSON cannot be a snapshot of this workflow (hand-edited, truncated, or from a bug). */
export class CorruptSnapshotError extends Error {
  override name = 'CorruptSnapshotError';
}

/** The programme input (its parties) does not fit the workflow. */
export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
  constructor(readonly refusal: Refusal) {
    super(refusal.reason);
  }
}

export type Snapshot = ReturnType<WorkflowMachine['resolveState']>;

/** Why an input cannot start a programme of this workflow, or null when it can. */
export function checkInput(def: WorkflowDefinition, input: ProgrammeInput): Refusal | null {
  const parties = input?.parties ?? {};
  if (typeof parties !== 'object' || Array.isArray(parties)) {
    return { code: 'INVALID_PARTIES', reason: 'parties must map approval gate ids to lists of party ids' };
  }
  for (const [gateId, list] of Object.entries(parties)) {
    const event: WorkflowEvent = { type: 'gate.parties', gateId, parties: list };
    const empty = Array.isArray(list) && list.length === 0; // an empty list is the same as leaving the gate out
    const refusal = explain(
      def,
      { gates: {} },
      { statuses: {} },
      event,
      empty ? [knownGate, rightKind] : [knownGate, rightKind, validPartyList],
    );
    if (refusal) return refusal;
  }
  return null;
}

export function startProgramme(def: WorkflowDefinition, input: ProgrammeInput): PersistedProgramme {
  const refusal = checkInput(def, input);
  if (refusal) throw new InvalidInputError(refusal);
  const [snapshot] = initialTransition(buildMachine(def), { parties: input?.parties ?? {} });
  return persist(def, snapshot);
}

/** Serialises a live snapshot for storage. */
export function persist(def: WorkflowDefinition, snapshot: Snapshot): PersistedProgramme {
  // Through JSON once here so what we hand back is exactly what the database will give back later.
  const text = JSON.stringify(buildMachine(def).getPersistedSnapshot(snapshot));
  const stored = JSON.parse(text) as object;
  texts.set(stored, text);
  return { definitionId: def.id, definitionVersion: def.version, xstateVersion: XSTATE_VERSION, snapshot: stored };
}

// The JSON text each persisted snapshot was parsed from, so that saving it does not write it out again.
const texts = new WeakMap<object, string>();

/** A persisted snapshot as JSON text, for the database. */
export function snapshotJson(snapshot: unknown): string {
  return (snapshot !== null && typeof snapshot === 'object' && texts.get(snapshot)) || JSON.stringify(snapshot);
}

// What restore() made of each persisted snapshot, by the snapshot object: a change inspects the
// programme and then applies its event to the same snapshot, and a programme kept in memory
// between changes (ProgrammeStore) brings the same object back, so each is restored once.
// Persisted snapshots are never altered in place: a change replaces the programme's snapshot
// with the one persist() made, and restore() is pure, so the answer for an object never changes.
const restored = new WeakMap<object, { def: WorkflowDefinition; snapshot: Snapshot }>();

/** Rebuilds the live snapshot from its persisted JSON, refusing anything that is not a consistent state. */
export function restore(def: WorkflowDefinition, persisted: PersistedProgramme): Snapshot {
  if (persisted.definitionId !== def.id || persisted.definitionVersion !== def.version) {
    throw new DefinitionMismatchError(
      `Programme is pinned to ${persisted.definitionId} v${persisted.definitionVersion}, not ${def.id} v${def.version}`,
    );
  }
  const key = persisted.snapshot !== null && typeof persisted.snapshot === 'object' ? persisted.snapshot : null;
  const known = key && restored.get(key);
  if (known && known.def === def) return known.snapshot;
  const snapshot = restoreAnew(def, persisted);
  if (key) restored.set(key, { def, snapshot });
  return snapshot;
}

function restoreAnew(def: WorkflowDefinition, persisted: PersistedProgramme): Snapshot {
  const raw = persisted.snapshot as { value?: unknown; context?: ProgrammeContext; status?: string } | null;
  if (!raw || typeof raw !== 'object' || !raw.context?.gates || !raw.value || typeof raw.value !== 'object') {
    throw new CorruptSnapshotError('Persisted snapshot has no state value or context');
  }
  // v3 as first released had no call-in region: such a snapshot gains it (decision 025).
  const { value, context } = withCallInRegion(
    def,
    raw.value as Record<string, unknown>,
    raw.context,
    statusesFromContext(def, raw.context),
  );
  let snapshot: Snapshot;
  let fromValue: Record<string, GateStatus>;
  try {
    // resolveState is pure: it maps the value onto the machine without running entry actions or transitions.
    snapshot = buildMachine(def).resolveState({ value: value as never, context });
    fromValue = statusesFromValue(def, snapshot.value);
  } catch (error) {
    throw new CorruptSnapshotError(`Persisted snapshot does not fit ${def.id} v${def.version}: ${String(error)}`);
  }
  const fromContext = statusesFromContext(def, snapshot.context);
  const disagreeing = def.gates.find((g) => fromValue[g.id] !== fromContext[g.id]);
  if (disagreeing) {
    throw new CorruptSnapshotError(
      `Persisted snapshot is inconsistent: gate '${disagreeing.id}' is ${fromValue[disagreeing.id]} in the state value ` +
        `but ${fromContext[disagreeing.id]} by its recorded dates`,
    );
  }
  if (def.callIn) {
    const region = (snapshot.value as Record<string, unknown>)[CALL_IN_REGION];
    const expected = callInRegionState(def, snapshot.context, fromContext);
    if (region !== expected) {
      throw new CorruptSnapshotError(
        `Persisted snapshot is inconsistent: the call-in region is ${String(region)} but its context says ${expected}`,
      );
    }
  }
  return snapshot;
}

export function applyEvent(
  def: WorkflowDefinition,
  persisted: PersistedProgramme,
  event: WorkflowEvent,
  options: ExplainOptions = {},
): ApplyResult {
  const snapshot = restore(def, persisted);
  const state: RuleState = { statuses: statusesFromValue(def, snapshot.value), partyName: options.partyName };
  const refusal = explain(def, snapshot.context, state, event);
  if (refusal) return { ok: false, refusal };
  const machine = buildMachine(def);
  const next = machine.transition(snapshot, event, inertScope(machine));
  if (next === snapshot) {
    // The rules said yes but the statechart took no transition: the two have drifted apart. Fail loudly.
    throw new Error(`Workflow ${def.id} v${def.version} accepted ${event.type} for '${event.gateId}' but did not move`);
  }
  return stepped(def, next);
}

/**
 * The result of a step: the new snapshot persisted, and remembered as what restoring that persisted
 * JSON gives, so that the next step on the programme (a change kept in memory, ProgrammeStore) does
 * not rebuild it. The snapshot the transition made and the one restore() would make of its JSON are
 * the same state (the model tests compare them strictly after every step of random sequences).
 */
function stepped(def: WorkflowDefinition, next: Snapshot): Extract<ApplyResult, { ok: true }> {
  const persisted = persist(def, next);
  restored.set(persisted.snapshot as object, { def, snapshot: next });
  return { ok: true, persisted, context: next.context, statuses: statusesFromValue(def, next.value) };
}

// xstate's transition() builds a throwaway actor for every call, and the actor's constructor
// works out the machine's initial state (entering every gate, checking every eventless
// transition): in a profile of recording decisions that was half of all the time spent in
// xstate, for a state nobody reads. The scope only receives actions to execute (ours has none:
// assign is applied by the transition itself) and the system of spawned children (ours spawns
// none), so one inert scope per machine serves every transition. Built the way xstate builds
// its own in transition().
const scopes = new WeakMap<WorkflowMachine, AnyActorScope>();

function inertScope(machine: WorkflowMachine): AnyActorScope {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine, { input: { parties: {} } });
    scope = {
      self,
      defer: () => {},
      id: '',
      logger: () => {},
      sessionId: '',
      stopChild: () => {},
      system: self.system,
      emit: () => {},
      actionExecutor: () => {},
    } as AnyActorScope;
    scopes.set(machine, scope);
  }
  return scope;
}

/** Takes a call-in event (workflows with `callIn`): the same restore, rules, transition and persist as a gate's. */
export function applyCallIn(def: WorkflowDefinition, persisted: PersistedProgramme, event: CallInEvent): ApplyResult {
  const snapshot = restore(def, persisted);
  const statuses = statusesFromValue(def, snapshot.value);
  const refusal = callInRefusal(def, snapshot.context, statuses, event);
  if (refusal) return { ok: false, refusal };
  const machine = buildMachine(def);
  const next = machine.transition(snapshot, event, inertScope(machine));
  if (next === snapshot) throw new Error(`Workflow ${def.id} v${def.version} accepted ${event.type} but did not move`);
  return stepped(def, next);
}

/**
 * What the service shows: the context, each gate's status, and the raw statechart value, which is
 * `{ [gateId]: 'waiting' | 'open' | 'running' | 'complete' }` (waiting is reported as status not-started).
 */
export function inspectProgramme(
  def: WorkflowDefinition,
  persisted: PersistedProgramme,
): { context: ProgrammeContext; statuses: Record<string, GateStatus>; value: unknown } {
  const snapshot = restore(def, persisted);
  return { context: snapshot.context, statuses: statusesFromValue(def, snapshot.value), value: snapshot.value };
}

/**
 * What may happen next, for UIs: each event type and gate that the workflow would accept now given a
 * well-formed payload. Payload checks (dates, party ids, consultation length) still apply on submission.
 */
export function allowedEvents(
  def: WorkflowDefinition,
  persisted: PersistedProgramme,
): Array<{ type: WorkflowEvent['type']; gateId: string }> {
  const snapshot = restore(def, persisted);
  const state: RuleState = { statuses: statusesFromValue(def, snapshot.value) };
  const allowed: Array<{ type: WorkflowEvent['type']; gateId: string }> = [];
  for (const gate of def.gates) {
    for (const type of EVENT_TYPES) {
      const probe = { type, gateId: gate.id } as WorkflowEvent;
      const structural = RULES[type].filter((rule) => STRUCTURAL_RULES.has(rule));
      if (!explain(def, snapshot.context, state, probe, structural)) allowed.push({ type, gateId: gate.id });
    }
  }
  return allowed;
}

/**
 * What holds each unfinished gate back, in words: the dependencies it waits for, the parties yet to
 * approve, the evidence still missing. Gates that only need someone to act (complete, start, close) are absent.
 */
export function blockers(
  def: WorkflowDefinition,
  persisted: PersistedProgramme,
  options: ExplainOptions = {},
): Record<string, Refusal> {
  const snapshot = restore(def, persisted);
  return blockersOf(def, snapshot.context, statusesFromValue(def, snapshot.value), options);
}

/** The same, for a programme already restored (its context and statuses from inspectProgramme). */
export function blockersOf(
  def: WorkflowDefinition,
  context: ProgrammeContext,
  statuses: Record<string, GateStatus>,
  options: ExplainOptions = {},
): Record<string, Refusal> {
  const state: RuleState = { statuses, partyName: options.partyName };
  const result: Record<string, Refusal> = {};
  for (const gate of def.gates) {
    const status = state.statuses[gate.id];
    const probe = { type: 'gate.complete', gateId: gate.id, completedOn: '' } as WorkflowEvent;
    const refusal =
      status === 'not-started'
        ? isOpen(def, context, state, probe)
        : status === 'open' && gate.kind === 'approval'
          ? approvalsComplete(def, context, state, gate.id)
          : status === 'open' && gate.evidence?.length
            ? evidenceComplete(def, context, state, gate.id)
            : null;
    if (refusal) result[gate.id] = refusal;
  }
  return result;
}

/** Starts a programme and applies events in order; throws on the first refusal. For seeds, scripts and tests. */
export function runEvents(
  def: WorkflowDefinition,
  input: ProgrammeInput,
  events: Array<WorkflowEvent | CallInEvent>,
): PersistedProgramme {
  let persisted = startProgramme(def, input);
  for (const event of events) {
    const result = 'gateId' in event ? applyEvent(def, persisted, event) : applyCallIn(def, persisted, event);
    if (!result.ok)
      throw new Error(
        `${event.type}${'gateId' in event ? ` on '${event.gateId}'` : ''} refused: ${result.refusal.code}: ${result.refusal.reason}`,
      );
    persisted = result.persisted;
  }
  return persisted;
}
