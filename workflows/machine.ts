// The one builder that turns any WorkflowDefinition into an XState v5 statechart. A new workflow is a new
// definition file; nothing here knows the names of any gate.
//
// Shape: a parallel root with one region per gate, because gates progress independently and only meet
// through their dependencies. Each region is waiting -> open -> complete (consultation gates add running).
// Leaving `waiting` is an eventless transition on "every dependency complete", so opening needs no event
// and cannot be forgotten. There are no `after` timers: deadlines are data the service reads, and a
// statechart that woke itself up could not be replayed from its persisted JSON.
import { assign, setup } from 'xstate';
import { completeApproval, initialContext, reduceContext, statusesFromContext, waitingOn } from './context';
import { validateDefinition } from './definition';
import { CALL_IN_REGION, callInRefusal, reduceCallIn } from './call-in';
import { approvalsComplete, explain } from './guards';
import type {
  CallInEvent,
  GateDefinition,
  ProgrammeContext,
  ProgrammeInput,
  WorkflowDefinition,
  WorkflowEvent,
} from './types';

/** Shown in the statechart (and its diagram) on an approval gate's open state. */
export const APPROVAL_OPEN_DESCRIPTION =
  'One decision per party, in any order: each party decides independently and a later decision supersedes ' +
  'its earlier one. Completes by itself once every party has approved or approved with conditions.';

function machineSetup(def: WorkflowDefinition) {
  // Statuses for the guards come from the context, which is always consistent with the state value
  // between macrosteps (see context.ts); guards in XState v5 are not given the state value.
  const ruleState = (context: ProgrammeContext) => ({ statuses: statusesFromContext(def, context) });
  return setup({
    types: {} as { context: ProgrammeContext; events: WorkflowEvent | CallInEvent; input: ProgrammeInput },
    guards: {
      // Every region hears every event; the gateId routes it, then the shared rules decide.
      allowed: ({ context, event }, params: { gateId: string }) =>
        'gateId' in event &&
        event.gateId === params.gateId &&
        explain(def, context, ruleState(context), event) === null,
      callInAllowed: ({ context, event }, params: { outcome?: string }) =>
        event.type.startsWith('callIn.') &&
        (params.outcome === undefined || ('outcome' in event && event.outcome === params.outcome)) &&
        callInRefusal(def, context, ruleState(context).statuses, event as CallInEvent) === null,
      everyGateComplete: ({ context }) =>
        Object.values(ruleState(context).statuses).every((status) => status === 'complete'),
      dependenciesComplete: ({ context }, params: { gateId: string }) =>
        waitingOn(def, context, params.gateId).length === 0,
      approvalsComplete: ({ context }, params: { gateId: string }) =>
        approvalsComplete(def, context, ruleState(context), params.gateId) === null,
    },
    actions: {
      record: assign(({ context, event }) => reduceContext(context, event as WorkflowEvent)),
      recordCallIn: assign(({ context, event }) => reduceCallIn(context, event as CallInEvent)),
      completeApproval: assign(({ context }, params: { gateId: string }) => completeApproval(context, params.gateId)),
    },
  });
}

type MachineSetup = ReturnType<typeof machineSetup>;
type StateConfig = Parameters<MachineSetup['createStateConfig']>[0];

function region(gate: GateDefinition): StateConfig {
  const gateId = gate.id;
  const allowed = { type: 'allowed', params: { gateId } } as const;
  const waiting: StateConfig = {
    description: gate.dependsOn.length
      ? `Not started: waits for ${gate.dependsOn.join(', ')} to complete`
      : 'Not started: has no dependencies, so opens at once',
    always: { target: 'open', guard: { type: 'dependenciesComplete', params: { gateId } } },
  };
  const complete: StateConfig = { type: 'final', description: 'Complete: completedOn is recorded in the context' };
  const on: StateConfig['on'] = { 'gate.evidence': { guard: allowed, actions: 'record' } };
  if (gate.skippable) {
    // Only task gates are skippable (the definition check says so), and only from open (the rules say so).
    on['gate.skip'] = { target: '.complete', guard: allowed, actions: 'record' };
  }

  if (gate.kind === 'approval') {
    on['gate.parties'] = { guard: allowed, actions: 'record' };
    return {
      meta: { gate: { id: gateId, title: gate.title, kind: gate.kind, partyKind: gate.partyKind } },
      description: gate.description,
      initial: 'waiting',
      on,
      states: {
        waiting,
        open: {
          description: APPROVAL_OPEN_DESCRIPTION,
          tags: ['parallel-decisions'],
          meta: { concurrency: 'per-party', partyKind: gate.partyKind },
          on: { 'gate.decide': { guard: allowed, actions: 'record' } },
          always: {
            target: 'complete',
            guard: { type: 'approvalsComplete', params: { gateId } },
            actions: { type: 'completeApproval', params: { gateId } },
          },
        },
        complete,
      },
    };
  }
  if (gate.kind === 'consultation') {
    return {
      meta: { gate: { id: gateId, title: gate.title, kind: gate.kind } },
      description: gate.description,
      initial: 'waiting',
      on,
      states: {
        waiting,
        open: {
          description: 'Open: ready to launch once dates, length and any pre-election period are checked',
          on: { 'consultation.start': { target: 'running', guard: allowed, actions: 'record' } },
        },
        running: {
          description: 'Running: the public consultation is live until its advertised closing date',
          on: { 'consultation.close': { target: 'complete', guard: allowed, actions: 'record' } },
        },
        complete,
      },
    };
  }
  return {
    meta: { gate: { id: gateId, title: gate.title, kind: gate.kind } },
    description: gate.description,
    initial: 'waiting',
    on,
    states: {
      waiting,
      open: {
        description: gate.evidence?.length ? 'Open: completes once its evidence checklist is recorded' : 'Open',
        on: { 'gate.complete': { target: 'complete', guard: allowed, actions: 'record' } },
      },
      complete,
    },
  };
}

/**
 * The call-in region (workflows with `callIn`): see call-in.ts. Its own events only; the gate rules read its
 * status from the context to pause the gates.
 */
function callInRegion(): StateConfig {
  const request = {
    'callIn.request': { target: 'requested', guard: { type: 'callInAllowed', params: {} }, actions: 'recordCallIn' },
  } as const;
  const closes = { target: 'closed', guard: 'everyGateComplete' } as const;
  const outcome = (outcome: 'called-in' | 'not-called-in') =>
    ({ target: outcome, guard: { type: 'callInAllowed', params: { outcome } }, actions: 'recordCallIn' }) as const;
  return {
    description:
      'Call-in by the Secretary of State, at any stage: while requested or called in, the gates not complete are paused',
    initial: 'none',
    states: {
      none: { description: 'No call-in under way', on: request, always: closes },
      requested: {
        description: 'Requested: the gates not complete are paused until the Secretary of State answers',
        on: { 'callIn.outcome': [outcome('called-in'), outcome('not-called-in')] },
      },
      'called-in': {
        description: 'Called in: the programme is with the Secretary of State until the decision is recorded',
        on: {
          'callIn.decision': {
            target: 'decided',
            guard: { type: 'callInAllowed', params: {} },
            actions: 'recordCallIn',
          },
        },
      },
      'not-called-in': { description: 'Not called in: the programme goes on', on: request, always: closes },
      decided: { description: 'Decided by the Secretary of State: the programme goes on', on: request, always: closes },
      closed: { type: 'final', description: 'Every gate complete: nothing left to call in' },
    },
  };
}

/** A machine id safe for XState state ids (which treat '.' and '#' specially). */
export function machineId(def: Pick<WorkflowDefinition, 'id' | 'version'>): string {
  return `${def.id}-v${def.version}`;
}

function createWorkflowMachine(def: WorkflowDefinition) {
  validateDefinition(def);
  const states: Record<string, StateConfig> = Object.fromEntries(def.gates.map((g) => [g.id, region(g)]));
  if (def.callIn) states[CALL_IN_REGION] = callInRegion();
  return machineSetup(def).createMachine({
    id: machineId(def),
    description: def.description,
    type: 'parallel',
    context: ({ input }) => initialContext(def, input),
    states,
  });
}

export type WorkflowMachine = ReturnType<typeof createWorkflowMachine>;

// Definitions are immutable data, so one machine per definition object is enough.
const cache = new WeakMap<WorkflowDefinition, WorkflowMachine>();

/** Builds (once per definition object) the statechart for a workflow definition. Throws on an invalid definition. */
export function buildMachine(def: WorkflowDefinition): WorkflowMachine {
  let machine = cache.get(def);
  if (!machine) {
    machine = createWorkflowMachine(def);
    cache.set(def, machine);
  }
  return machine;
}
