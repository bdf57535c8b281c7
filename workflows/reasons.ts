// The vocabulary of rules: their signature, and the small helpers that make refusal reasons read as sentences.
import { findGate, gateTitle } from './definition';
import type { RefusalCode } from './refusals';
import type { GateStatus, ProgrammeContext, Refusal, WorkflowDefinition, WorkflowEvent } from './types';

/** What a rule may look at besides the context: statuses, and how to name a party in a reason. */
export interface RuleState {
  statuses: Record<string, GateStatus>;
  /** Display name for a party id; reasons use the id when absent. */
  partyName?: (partyId: string) => string;
}

export type Rule = (
  def: WorkflowDefinition,
  context: ProgrammeContext,
  state: RuleState,
  event: WorkflowEvent,
) => Refusal | null;

/** Why a gate cannot complete right now, for conditions that do not depend on an event. */
export type GateCondition = (
  def: WorkflowDefinition,
  context: ProgrammeContext,
  state: RuleState,
  gateId: string,
) => Refusal | null;

export const refuse = (code: RefusalCode, reason: string): Refusal => ({ code, reason });

/** "a", "a and b", "a, b and c". */
export function listOf(items: string[], conjunction = 'and'): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
export const partyLabel = (state: RuleState, id: string) => state.partyName?.(id) ?? id;
export const title = (def: WorkflowDefinition, event: WorkflowEvent) => gateTitle(def, event.gateId);
export const kindOf = (def: WorkflowDefinition, event: WorkflowEvent) => findGate(def, event.gateId)?.kind;
