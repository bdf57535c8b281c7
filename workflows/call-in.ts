// Call-in by the Secretary of State (NHS Act 2006 Sch. 10A), a parallel region of the statechart beside the
// gates for workflows with `callIn`: none -> requested -> called in -> decided, or requested -> not called in;
// after an answer a new request may follow. While requested or called in, every gate not complete is paused:
// the gate rules refuse it (notPaused), so the machine itself cannot move a paused gate. Once every gate is
// complete and nothing is pending the region closes (a final state), so a finished programme is `done`.
// Who asked and on what grounds are the service's rows; the snapshot holds only where the call-in stands.
import { isIsoDate } from './dates';
import { own } from './own';
import { refuse, title, type Rule } from './reasons';
import { CALL_IN_EVENT_TYPES, isPaused } from './types';
import type { CallInEvent, CallInStatus, GateStatus, ProgrammeContext, Refusal, WorkflowDefinition } from './types';

/** The key of the call-in region in the state value; gate ids are never camel-cased, so it cannot clash. */
export const CALL_IN_REGION = 'callIn';

export function callInStatus(context: ProgrammeContext): CallInStatus {
  return context.callIn?.status ?? 'none';
}

/** The state the call-in region must be in for this context: its status, or `closed` once all is done. */
export function callInRegionState(
  def: WorkflowDefinition,
  context: ProgrammeContext,
  statuses: Record<string, GateStatus>,
): string {
  const status = callInStatus(context);
  return !isPaused(status) && def.gates.every((g) => statuses[g.id] === 'complete') ? 'closed' : status;
}

/** Why a call-in event cannot be taken now, or null. */
export function callInRefusal(
  def: WorkflowDefinition,
  context: ProgrammeContext,
  statuses: Record<string, GateStatus>,
  event: CallInEvent,
): Refusal | null {
  if (!def.callIn)
    return refuse('NO_CALL_IN', `${def.title} v${def.version} has no call-in (it predates the 2024 regime)`);
  if (!CALL_IN_EVENT_TYPES.includes(event?.type)) {
    return refuse(
      'UNKNOWN_EVENT',
      `Unknown event '${String(event?.type)}': expected one of ${CALL_IN_EVENT_TYPES.join(', ')}`,
    );
  }
  const date = event.type === 'callIn.request' ? event.requestedOn : event.decidedOn;
  if (!isIsoDate(date)) return refuse('INVALID_DATE', `'${String(date)}' is not a valid date (use YYYY-MM-DD)`);
  if (callInRegionState(def, context, statuses) === 'closed') {
    return refuse('PROGRAMME_COMPLETE', 'Every gate is complete: there is nothing left to call in');
  }
  const status = callInStatus(context);
  switch (event.type) {
    case 'callIn.request':
      return isPaused(status)
        ? refuse('CALL_IN_PENDING', 'A call-in is already under way: record its outcome first')
        : null;
    case 'callIn.outcome':
      if (status !== 'requested') {
        return refuse(
          'NO_CALL_IN_REQUEST',
          'There is no call-in request awaiting an outcome: record the request first',
        );
      }
      return event.outcome === 'called-in' || event.outcome === 'not-called-in'
        ? null
        : refuse('INVALID_EVENT', `The outcome must be called-in or not-called-in, not '${String(event.outcome)}'`);
    case 'callIn.decision':
      return status === 'called-in'
        ? null
        : refuse(
            'NOT_CALLED_IN',
            'The proposal has not been called in, so there is no Secretary of State decision to record',
          );
  }
}

/** The context after an accepted call-in event. */
export function reduceCallIn(context: ProgrammeContext, event: CallInEvent): ProgrammeContext {
  switch (event.type) {
    case 'callIn.request':
      return { ...context, callIn: { status: 'requested', since: event.requestedOn } };
    case 'callIn.outcome':
      return { ...context, callIn: { status: event.outcome, since: event.decidedOn } };
    case 'callIn.decision':
      return { ...context, callIn: { status: 'decided', since: event.decidedOn } };
  }
}

/** A gate not complete takes no step while a call-in is requested or the proposal is called in. */
export const notPaused: Rule = (def, context, state, event) => {
  const status = callInStatus(context);
  if (!def.callIn || !isPaused(status) || own(state.statuses, event.gateId) === 'complete') return null;
  const since = context.callIn?.since ? ` on ${context.callIn.since}` : '';
  return refuse(
    'CALLED_IN',
    status === 'requested'
      ? `${title(def, event)} is paused: a call-in was requested${since}, and the gates not yet complete wait for the Secretary of State's answer`
      : `${title(def, event)} is paused: the proposal was called in by the Secretary of State${since}, and the gates not yet complete wait for the decision`,
  );
};

/**
 * A snapshot written before the call-in region existed (v3 as first released) gains it: the call-in status
 * its context says (`none` unless the service has filled it in from its records), and the matching state.
 */
export function withCallInRegion(
  def: WorkflowDefinition,
  value: Record<string, unknown>,
  context: ProgrammeContext,
  statuses: Record<string, GateStatus>,
): { value: Record<string, unknown>; context: ProgrammeContext } {
  if (!def.callIn || CALL_IN_REGION in value) return { value, context };
  const upgraded: ProgrammeContext = { ...context, callIn: context.callIn ?? { status: 'none' } };
  return { value: { ...value, [CALL_IN_REGION]: callInRegionState(def, upgraded, statuses) }, context: upgraded };
}
