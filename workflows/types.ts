// The vocabulary shared by every workflow definition and by the engine that runs them.
// Pure data and types: nothing here may import Nest, TypeORM or anything with side effects.

/** A business date, `YYYY-MM-DD`, in Europe/London. */
export type IsoDate = string;

export type GateKind = 'task' | 'approval' | 'consultation';

export type Decision = 'approved' | 'approved-with-conditions' | 'not-approved' | 'deferred';
export const DECISIONS: readonly Decision[] = ['approved', 'approved-with-conditions', 'not-approved', 'deferred'];

/** Whether a decision approves: approved, or approved with conditions. The one statement of that rule. */
export function isApproving(decision: string | null | undefined): boolean {
  return decision === 'approved' || decision === 'approved-with-conditions';
}

/** Statuses a gate can be in; `running` is only used by consultation gates between launch and close. */
export type GateStatus = 'not-started' | 'open' | 'running' | 'complete';

export interface EvidenceItem {
  id: string;
  title: string;
}

export interface GateDefinition {
  id: string;
  title: string;
  kind: GateKind;
  description: string;
  /** Gates that must be complete before this one opens. */
  dependsOn: string[];
  /** Evidence that must be recorded before the gate can complete. */
  evidence?: EvidenceItem[];
  /**
   * For approval gates: what kind of party decides (for people reading the definition);
   * the parties themselves are per programme and arrive as input when a programme starts.
   */
  partyKind?: string;
  /** The service may skip this gate, with a reason, when a rule says it does not apply (v3 onwards). */
  skippable?: boolean;
  /** Gates whose conditions (approvals "with conditions") must all be discharged before this one starts or completes. */
  requiresConditionsDischarged?: string[];
  /** The service completes this gate by itself once `months` have passed since the gate `monthsAfter` completed. */
  closesItself?: { monthsAfter: string; months: number };
  /** The gate records the health scrutiny committee and the dates given to it (reg. 23); it completes only once they are. */
  recordsScrutiny?: boolean;
}

export interface WorkflowDefinition {
  id: string;
  version: number;
  title: string;
  description: string;
  gates: GateDefinition[];
  /** Consultation rules; only needed where a gate is of kind `consultation`. */
  consultation?: {
    /** Shorter than this needs a recorded justification (12 weeks = 84 days). */
    normalLengthDays: number;
  };
  /** The Secretary of State may call the proposal in at any stage, pausing the gates not yet complete (v3 onwards). */
  callIn?: boolean;
}

export interface PreElectionPeriod {
  name: string;
  from: IsoDate;
  to: IsoDate;
  /** The first working day after the period, offered as the earliest launch (worked out by the service's calendar). */
  firstWorkingDayAfter?: IsoDate;
}

/** Events a programme's statechart accepts. Every event is fully explicit; nothing reads a clock. */
export type WorkflowEvent =
  | { type: 'gate.complete'; gateId: string; completedOn: IsoDate }
  | { type: 'gate.evidence'; gateId: string; itemId: string; recordedOn: IsoDate }
  | { type: 'gate.decide'; gateId: string; partyId: string; decision: Decision; decidedOn: IsoDate }
  | {
      type: 'consultation.start';
      gateId: string;
      startsOn: IsoDate;
      closesOn: IsoDate;
      justification?: string;
      preElectionPeriods: PreElectionPeriod[];
    }
  | { type: 'consultation.close'; gateId: string; closedOn: IsoDate }
  /** Completes a skippable gate that a rule says does not apply; the reason is kept. */
  | { type: 'gate.skip'; gateId: string; skippedOn: IsoDate; reason: string }
  /**
   * Sets who decides an approval gate. Programmes may start before every board is known (the body of
   * `POST /api/programmes` may leave a gate's parties out), and an approval gate with nobody to decide
   * must not complete by itself, so the list has to be settable later. Decisions already recorded are kept.
   */
  | { type: 'gate.parties'; gateId: string; parties: string[] };

export const EVENT_TYPES: readonly WorkflowEvent['type'][] = [
  'gate.complete',
  'gate.evidence',
  'gate.decide',
  'consultation.start',
  'consultation.close',
  'gate.parties',
  'gate.skip',
];

/** Where a call-in stands: the state of the call-in region of a v3 statechart (and of its context). */
export type CallInStatus = 'none' | 'requested' | 'called-in' | 'not-called-in' | 'decided';
export const CALL_IN_STATUSES: readonly CallInStatus[] = ['none', 'requested', 'called-in', 'not-called-in', 'decided'];

/** While a call-in is requested, or the proposal is called in, every gate not complete is paused. */
export function isPaused(status: CallInStatus | undefined): boolean {
  return status === 'requested' || status === 'called-in';
}

/**
 * Events of the call-in region (workflows with `callIn`): a request, its outcome, the Secretary of State's
 * decision on a called-in proposal. Who asked and on what grounds are kept by the service, not here.
 */
export type CallInEvent =
  | { type: 'callIn.request'; requestedOn: IsoDate }
  | { type: 'callIn.outcome'; outcome: 'called-in' | 'not-called-in'; decidedOn: IsoDate }
  | { type: 'callIn.decision'; decidedOn: IsoDate };

export const CALL_IN_EVENT_TYPES: readonly CallInEvent['type'][] = [
  'callIn.request',
  'callIn.outcome',
  'callIn.decision',
];

export interface PartyState {
  decision?: Decision;
  decidedOn?: IsoDate;
}

export interface GateContext {
  completedOn?: IsoDate;
  evidence: Record<string, IsoDate>;
  /** Approval gates only: party id to its latest decision. */
  parties?: Record<string, PartyState>;
  /** Consultation gates only. */
  consultation?: { startsOn: IsoDate; closesOn: IsoDate; justification?: string };
  /** Skipped gates only: why the gate did not apply (it is complete on `completedOn`). */
  skipped?: string;
}

export interface ProgrammeContext {
  gates: Record<string, GateContext>;
  /** Workflows with `callIn` only: where the latest call-in stands, and the date it got there. */
  callIn?: { status: CallInStatus; since?: IsoDate };
}

/** Input when a programme starts: the parties of each approval gate. */
export interface ProgrammeInput {
  parties: Record<string, string[]>;
}

export type Refusal = { code: string; reason: string };
