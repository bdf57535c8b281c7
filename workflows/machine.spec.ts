import { createActor, initialTransition, transition, type AnyStateNode } from 'xstate';
import { DefinitionError } from './definition';
import { APPROVAL_OPEN_DESCRIPTION, buildMachine } from './machine';
import { listDefinitions } from './registry';
import type { GateDefinition, WorkflowDefinition, WorkflowEvent } from './types';

function allNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allNodes(child as AnyStateNode))];
}

// A workflow nobody has written code for: proves a new workflow is a new definition, not a new code path.
const estates: WorkflowDefinition = {
  id: 'estates-disposal',
  version: 1,
  title: 'Estates disposal',
  description: 'Disposing of a surplus hospital site.',
  consultation: { normalLengthDays: 56 },
  gates: [
    { id: 'survey', title: 'Site survey', kind: 'task', description: '', dependsOn: [] },
    { id: 'valuation', title: 'Valuation', kind: 'task', description: '', dependsOn: [] },
    {
      id: 'trust-boards',
      title: 'Trust boards',
      kind: 'approval',
      description: '',
      dependsOn: ['survey', 'valuation'],
      partyKind: 'trust board',
    },
    { id: 'local-views', title: 'Local views', kind: 'consultation', description: '', dependsOn: ['trust-boards'] },
  ],
};

describe.each(listDefinitions().map((d) => [`${d.id} v${d.version}`, d] as const))(
  'the statechart for %s',
  (_name, def) => {
    const machine = buildMachine(def);

    it('is a parallel root with one region per gate, and a call-in region where the workflow has call-in', () => {
      expect(machine.root.type).toBe('parallel');
      expect(Object.keys(machine.root.states)).toEqual([
        ...def.gates.map((g) => g.id),
        ...(def.callIn ? ['callIn'] : []),
      ]);
      if (def.callIn) {
        const region = machine.root.states.callIn;
        expect(Object.keys(region.states)).toEqual([
          'none',
          'requested',
          'called-in',
          'not-called-in',
          'decided',
          'closed',
        ]);
        expect(region.states.closed.type).toBe('final');
      }
    });

    it.each(def.gates.map((g) => [g.id, g] as const))(
      'region %s has the states of its kind',
      (_id, gate: GateDefinition) => {
        const region = machine.root.states[gate.id];
        const expected =
          gate.kind === 'consultation' ? ['waiting', 'open', 'running', 'complete'] : ['waiting', 'open', 'complete'];
        expect(Object.keys(region.states)).toEqual(expected);
        expect(region.states.complete.type).toBe('final');
        // Opening is an eventless transition on the dependencies, never an event someone has to remember.
        expect(region.states.waiting.always).toHaveLength(1);
        expect(region.states.waiting.always![0].target![0].key).toBe('open');
      },
    );

    it('documents each approval gate as parallel work, one decision per party in any order', () => {
      for (const gate of def.gates.filter((g) => g.kind === 'approval')) {
        const open = machine.root.states[gate.id].states.open;
        expect(open.description).toBe(APPROVAL_OPEN_DESCRIPTION);
        expect(open.description).toMatch(/one decision per party, in any order/i);
        expect(open.tags).toContain('parallel-decisions');
        expect(open.always![0].target![0].key).toBe('complete');
      }
    });

    it('has no timers and invokes nothing: deadlines are data, and the machine is pure', () => {
      for (const node of allNodes(machine.root)) {
        expect(node.after).toEqual([]);
        expect(node.invoke).toEqual([]);
      }
    });
  },
);

describe('buildMachine', () => {
  it('runs a workflow it has never seen, purely, with the same rules', () => {
    const machine = buildMachine(estates);
    let [snapshot] = initialTransition(machine, { parties: { 'trust-boards': ['a', 'b'] } });
    expect(snapshot.value).toEqual({
      survey: 'open',
      valuation: 'open',
      'trust-boards': 'waiting',
      'local-views': 'waiting',
    });
    [snapshot] = transition(machine, snapshot, { type: 'gate.complete', gateId: 'survey', completedOn: '2020-01-10' });
    expect(snapshot.value).toMatchObject({ 'trust-boards': 'waiting' });
    [snapshot] = transition(machine, snapshot, {
      type: 'gate.complete',
      gateId: 'valuation',
      completedOn: '2020-01-20',
    });
    expect(snapshot.value).toMatchObject({ 'trust-boards': 'open' });
    for (const partyId of ['b', 'a']) {
      [snapshot] = transition(machine, snapshot, {
        type: 'gate.decide',
        gateId: 'trust-boards',
        partyId,
        decision: 'approved',
        decidedOn: '2020-02-01',
      });
    }
    expect(snapshot.value).toMatchObject({ 'trust-boards': 'complete', 'local-views': 'open' });
    const eightWeeks: WorkflowEvent = {
      type: 'consultation.start',
      gateId: 'local-views',
      startsOn: '2020-03-02',
      closesOn: '2020-04-27',
      preElectionPeriods: [],
    };
    [snapshot] = transition(machine, snapshot, eightWeeks);
    expect(snapshot.value).toMatchObject({ 'local-views': 'running' });
  });

  it('applies the rules as guards inside XState too, so a live actor refuses impossible steps', () => {
    const actor = createActor(buildMachine(estates), { input: { parties: { 'trust-boards': ['a'] } } }).start();
    const before = actor.getSnapshot();
    actor.send({
      type: 'gate.decide',
      gateId: 'trust-boards',
      partyId: 'a',
      decision: 'approved',
      decidedOn: '2020-01-01',
    });
    actor.send({ type: 'gate.complete', gateId: 'survey', completedOn: 'not a date' });
    actor.send({ type: 'gate.complete', gateId: 'nowhere', completedOn: '2020-01-01' });
    expect(actor.getSnapshot()).toBe(before);
    actor.send({ type: 'gate.complete', gateId: 'survey', completedOn: '2020-01-10' });
    expect(actor.getSnapshot().value).toMatchObject({ survey: 'complete' });
    actor.stop();
  });

  it('builds one machine per definition object', () => {
    expect(buildMachine(estates)).toBe(buildMachine(estates));
  });

  it.each([
    ['an unknown dependency', { dependsOn: ['nowhere'] }, /depends on unknown gate 'nowhere'/],
    ['a dependency listed later', { dependsOn: ['local-views'] }, /must be listed before it/],
    ['a repeated gate id', { id: 'survey' }, /appears twice/],
    ['a badly formed id', { id: 'Trust Boards' }, /lower-case words/],
  ])('rejects a definition with %s', (_what, change, message) => {
    const broken = {
      ...estates,
      gates: [estates.gates[0], { ...estates.gates[1], ...change }, ...estates.gates.slice(2)],
    };
    expect(() => buildMachine(broken)).toThrow(DefinitionError);
    expect(() => buildMachine(broken)).toThrow(message);
  });

  it('rejects approval gates without a party kind and consultation gates without rules', () => {
    const noKind = { ...estates, gates: estates.gates.map((g) => ({ ...g, partyKind: undefined })) };
    expect(() => buildMachine(noKind)).toThrow(/needs a partyKind/);
    expect(() => buildMachine({ ...estates, consultation: undefined })).toThrow(/needs consultation rules/);
  });
});
