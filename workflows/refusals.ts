// Every refusal code the rules can give, and what kind of problem each one is, so the service can choose an
// HTTP status without a list of its own: `not-found` -> 404, `invalid` -> 422 (bad input), `conflict` -> 409
// (a step the workflow does not allow now; the reason says why).
import { own } from './own';

export const REFUSAL_KINDS = {
  UNKNOWN_EVENT: 'invalid',
  INVALID_EVENT: 'invalid',
  INVALID_DATE: 'invalid',
  INVALID_DATES: 'invalid',
  INVALID_DECISION: 'invalid',
  INVALID_PARTIES: 'invalid',
  UNKNOWN_PARTY: 'invalid',
  UNKNOWN_EVIDENCE: 'invalid',
  UNKNOWN_GATE: 'not-found',
  WRONG_GATE_KIND: 'conflict',
  GATE_COMPLETE: 'conflict',
  GATE_NOT_OPEN: 'conflict',
  EVIDENCE_MISSING: 'conflict',
  DATE_BEFORE_GATE_OPENED: 'conflict',
  DECISION_OUT_OF_ORDER: 'conflict',
  CONSULTATION_RUNNING: 'conflict',
  CONSULTATION_NOT_RUNNING: 'conflict',
  CONSULTATION_TOO_SHORT: 'conflict',
  CONSULTATION_CLOSED_EARLY: 'conflict',
  PRE_ELECTION_PERIOD: 'conflict',
  PARTY_HAS_DECIDED: 'conflict',
  NOT_SKIPPABLE: 'conflict',
  // From the service's rules beside the statechart (v3): open conditions, a call-in.
  CONDITIONS_OPEN: 'conflict',
  CALLED_IN: 'conflict',
  // The call-in region (v3): a step out of its order, or after the programme is complete.
  CALL_IN_PENDING: 'conflict',
  NO_CALL_IN_REQUEST: 'conflict',
  NOT_CALLED_IN: 'conflict',
  NO_CALL_IN: 'conflict',
  PROGRAMME_COMPLETE: 'conflict',
  // Only from blockers(): why an open gate has not completed yet.
  NO_PARTIES: 'conflict',
  APPROVALS_OUTSTANDING: 'conflict',
} as const;

export type RefusalCode = keyof typeof REFUSAL_KINDS;
export type RefusalKind = (typeof REFUSAL_KINDS)[RefusalCode];

export function refusalKind(code: string): RefusalKind {
  return own(REFUSAL_KINDS as Record<string, RefusalKind>, code) ?? 'conflict';
}
