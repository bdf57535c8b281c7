// Every rule of the workflow, written once. The machine's guards call these same functions, and the engine
// calls them to say why a step was refused, so the statechart and the explanation cannot drift apart.
// Reasons are written for an NHS PMO reading a 409: gate titles, dates, and what to do instead.
import { notPaused } from './call-in';
import { isIsoDate } from './dates';
import { describeKind, findGate, gateTitle } from './definition';
import { openedOn, waitingOn } from './context';
import { own } from './own';
import { decisionsInOrder, keepsDecidedParties, knownParty, validDecision, validPartyList } from './guards-approval';
import {
  closesAfterStart,
  closesAsAdvertised,
  isRunning,
  longEnough,
  notRunning,
  outsidePreElection,
} from './guards-consultation';
import { kindOf, listOf, refuse, title, type GateCondition, type Rule, type RuleState } from './reasons';
import { EVENT_TYPES } from './types';
import type { GateKind, ProgrammeContext, Refusal, WorkflowDefinition, WorkflowEvent } from './types';

// Re-exported so that every rule can be found, and imported, from one place.
export * from './guards-approval';
export * from './guards-consultation';
export { listOf } from './reasons';
export type { GateCondition, Rule, RuleState } from './reasons';

// ---- Completion conditions (also the guards of the eventless transitions) ----

export const evidenceComplete: GateCondition = (def, context, _state, gateId) => {
  const recorded = own(context.gates, gateId)?.evidence;
  const missing = (findGate(def, gateId)?.evidence ?? []).filter((item) => !own(recorded, item.id)).map((i) => i.title);
  return missing.length
    ? refuse('EVIDENCE_MISSING', `Evidence missing before completion of ${gateTitle(def, gateId)}: ${listOf(missing)}`)
    : null;
};

// ---- Event rules, in the order they are checked ----

export const knownEvent: Rule = (_def, _context, _state, event) =>
  EVENT_TYPES.includes(event?.type) && typeof event.gateId === 'string'
    ? null
    : refuse(
        'UNKNOWN_EVENT',
        `Unknown event '${String(event?.type)}': expected one of ${EVENT_TYPES.join(', ')} with a gateId`,
      );

export const knownGate: Rule = (def, _context, _state, event) =>
  findGate(def, event.gateId) ? null : refuse('UNKNOWN_GATE', `Unknown gate '${event.gateId}'`);

const KIND_FOR: Record<WorkflowEvent['type'], GateKind | undefined> = {
  'gate.complete': 'task',
  'gate.evidence': undefined,
  'gate.decide': 'approval',
  'consultation.start': 'consultation',
  'consultation.close': 'consultation',
  'gate.parties': 'approval',
  'gate.skip': undefined,
};

export const rightKind: Rule = (def, _context, _state, event) => {
  const expected = own(KIND_FOR, event.type);
  const kind = kindOf(def, event);
  if (!expected || !kind || kind === expected) return null;
  const gate = `${title(def, event)} is ${describeKind(kind)}`;
  const instead =
    kind === 'approval'
      ? "it completes by itself once every party has approved, so record each party's decision instead"
      : kind === 'consultation'
        ? 'start it with consultation.start and complete it with consultation.close'
        : 'mark it complete instead';
  const what =
    event.type === 'gate.decide' || event.type === 'gate.parties'
      ? 'it has no parties'
      : `not ${describeKind(expected)}`;
  return refuse(
    'WRONG_GATE_KIND',
    event.type === 'gate.complete' ? `${gate}: ${instead}` : `${gate}, ${what}: ${instead}`,
  );
};

const DATE_FIELDS = [
  'completedOn',
  'recordedOn',
  'decidedOn',
  'startsOn',
  'closesOn',
  'closedOn',
  'skippedOn',
] as const;

export const validDates: Rule = (_def, _context, _state, event) => {
  const fields = event as unknown as Record<string, unknown>;
  for (const field of DATE_FIELDS) {
    if (field in fields && !isIsoDate(fields[field])) {
      return refuse('INVALID_DATE', `'${String(fields[field])}' is not a valid date for ${field} (use YYYY-MM-DD)`);
    }
  }
  if (event.type === 'consultation.start') {
    // A missing list would silently skip the pre-election check; the caller must say "none apply" with [].
    if (!Array.isArray(event.preElectionPeriods)) {
      return refuse('INVALID_EVENT', 'consultation.start needs preElectionPeriods (an empty list when none apply)');
    }
    const bad = event.preElectionPeriods.find((p) => !isIsoDate(p.from) || !isIsoDate(p.to) || p.to < p.from);
    if (bad)
      return refuse(
        'INVALID_DATES',
        `The pre-election period '${bad.name}' needs valid from and to dates, in that order`,
      );
  }
  return null;
};

export const notComplete: Rule = (def, context, state, event) =>
  own(state.statuses, event.gateId) === 'complete'
    ? refuse(
        'GATE_COMPLETE',
        `${title(def, event)} is already complete (completed on ${own(context.gates, event.gateId)?.completedOn})`,
      )
    : null;

export const isOpen: Rule = (def, context, state, event) => {
  if (own(state.statuses, event.gateId) !== 'not-started') return null;
  const blockers = waitingOn(def, context, event.gateId).map((id) => gateTitle(def, id));
  return refuse('GATE_NOT_OPEN', `${title(def, event)} is not open yet: it waits for ${listOf(blockers)} to complete`);
};

export const evidenceRecorded: Rule = (def, context, state, event) =>
  evidenceComplete(def, context, state, event.gateId);

/** Work cannot be dated before the gate opened, or the record would show a step taken out of order. */
export const notBeforeOpened: Rule = (def, context, _state, event) => {
  const date =
    event.type === 'gate.complete'
      ? event.completedOn
      : event.type === 'gate.decide'
        ? event.decidedOn
        : event.type === 'consultation.start'
          ? event.startsOn
          : undefined;
  const opened = openedOn(def, context, event.gateId);
  if (!date || !opened || date >= opened) return null;
  const deps = (findGate(def, event.gateId)?.dependsOn ?? []).filter(
    (d) => own(context.gates, d)?.completedOn === opened,
  );
  return refuse(
    'DATE_BEFORE_GATE_OPENED',
    `${date} is before ${title(def, event)} opened on ${opened} (when ${listOf(deps.map((d) => gateTitle(def, d)))} completed)`,
  );
};

export const hasChecklist: Rule = (def, _context, _state, event) =>
  findGate(def, event.gateId)?.evidence?.length
    ? null
    : refuse('UNKNOWN_EVIDENCE', `${title(def, event)} needs no evidence`);

export const knownEvidenceItem: Rule = (def, _context, _state, event) => {
  if (event.type !== 'gate.evidence') return null;
  const items = findGate(def, event.gateId)?.evidence ?? [];
  if (items.some((i) => i.id === event.itemId)) return null;
  return refuse(
    'UNKNOWN_EVIDENCE',
    `${title(def, event)} has no evidence item '${event.itemId}' (its checklist: ${items.map((i) => i.id).join(', ')})`,
  );
};

export const skippable: Rule = (def, _context, _state, event) => {
  if (event.type !== 'gate.skip') return null;
  if (!findGate(def, event.gateId)?.skippable) {
    return refuse('NOT_SKIPPABLE', `${title(def, event)} cannot be skipped: it applies to every programme`);
  }
  return typeof event.reason === 'string' && event.reason.trim()
    ? null
    : refuse('INVALID_EVENT', `Skipping ${title(def, event)} needs the reason it does not apply`);
};

/** A skip is dated like any completion: not before the gate opened. */
export const skipNotBeforeOpened: Rule = (def, context, state, event) =>
  event.type === 'gate.skip'
    ? notBeforeOpened(def, context, state, {
        type: 'gate.complete',
        gateId: event.gateId,
        completedOn: event.skippedOn,
      })
    : null;

const COMMON: Rule[] = [knownEvent, knownGate, rightKind, validDates, notPaused];

/** The rules for each event, first refusal wins. */
export const RULES: Record<WorkflowEvent['type'], Rule[]> = {
  'gate.complete': [...COMMON, notComplete, isOpen, evidenceRecorded, notBeforeOpened],
  // Evidence may be gathered before a gate opens (an equality impact assessment long before the DMBC).
  'gate.evidence': [...COMMON, notComplete, hasChecklist, knownEvidenceItem],
  'gate.decide': [...COMMON, notComplete, isOpen, knownParty, validDecision, notBeforeOpened, decisionsInOrder],
  'consultation.start': [
    ...COMMON,
    notComplete,
    isOpen,
    notRunning,
    closesAfterStart,
    notBeforeOpened,
    longEnough,
    outsidePreElection,
  ],
  'consultation.close': [...COMMON, notComplete, isOpen, isRunning, closesAsAdvertised],
  'gate.parties': [...COMMON, notComplete, validPartyList, keepsDecidedParties],
  'gate.skip': [...COMMON, skippable, notComplete, isOpen, skipNotBeforeOpened],
};

/** Rules that do not read the event's payload: enough to say which steps are possible at all right now. */
export const STRUCTURAL_RULES: ReadonlySet<Rule> = new Set([
  knownGate,
  rightKind,
  notComplete,
  isOpen,
  notRunning,
  isRunning,
  evidenceRecorded,
  hasChecklist,
  skippable,
  notPaused,
]);

/** The first rule that refuses `event`, or null when the workflow allows it now. */
export function explain(
  def: WorkflowDefinition,
  context: ProgrammeContext,
  state: RuleState,
  event: WorkflowEvent,
  rules: Rule[] = own(RULES, String(event?.type)) ?? [knownEvent],
): Refusal | null {
  for (const rule of rules) {
    const refusal = rule(def, context, state, event);
    if (refusal) return refusal;
  }
  return null;
}
