import { readFileSync } from 'node:fs';
import { nhsServiceChangeV1 } from './definitions/nhs-service-change.v1';
import { nhsServiceChangeV2 } from './definitions/nhs-service-change.v2';
import {
  allowedEvents,
  applyEvent,
  checkInput,
  CorruptSnapshotError,
  DefinitionMismatchError,
  inspectProgramme,
  InvalidInputError,
  runEvents,
  snapshotJson,
  startProgramme,
  XSTATE_VERSION,
  type PersistedProgramme,
} from './engine';
import { BCT_CONSULTATION_RUNNING, BCT_INPUT, BCT_PARTNER_DECISIONS } from './scenarios';
import type { WorkflowEvent } from './types';

const def = nhsServiceChangeV1;
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value));

function apply(persisted: PersistedProgramme, event: WorkflowEvent): PersistedProgramme {
  const result = applyEvent(def, persisted, event);
  if (!result.ok) throw new Error(result.refusal.reason);
  return result.persisted;
}

describe('startProgramme', () => {
  it('opens only the gates without dependencies and records the parties of each approval gate', () => {
    const persisted = startProgramme(def, BCT_INPUT);
    expect(persisted).toMatchObject({
      definitionId: 'nhs-service-change',
      definitionVersion: 1,
      xstateVersion: XSTATE_VERSION,
    });
    const { statuses, context, value } = inspectProgramme(def, persisted);
    expect(statuses).toEqual({
      'pcbc-draft': 'open',
      'clinical-senate-review': 'not-started',
      'partner-approvals': 'not-started',
      'nhse-assurance': 'not-started',
      'public-consultation': 'not-started',
      'decision-making-business-case': 'not-started',
      decision: 'not-started',
    });
    expect(value).toMatchObject({ 'pcbc-draft': 'open', 'clinical-senate-review': 'waiting' });
    expect(Object.keys(context.gates['partner-approvals'].parties!)).toHaveLength(8);
    expect(context.gates['nhse-assurance'].parties).toEqual({ nhse: {}, tda: {} });
  });

  it('records the installed XState version', () => {
    const installed = JSON.parse(readFileSync(require.resolve('xstate/package.json'), 'utf8')).version;
    expect(XSTATE_VERSION).toBe(installed);
  });

  it('refuses parties for unknown or non-approval gates, and duplicates', () => {
    expect(checkInput(def, { parties: { nope: ['a'] } })?.code).toBe('UNKNOWN_GATE');
    expect(checkInput(def, { parties: { 'pcbc-draft': ['a'] } })?.code).toBe('WRONG_GATE_KIND');
    expect(checkInput(def, { parties: { 'nhse-assurance': ['a', 'a'] } })?.code).toBe('INVALID_PARTIES');
    expect(checkInput(def, { parties: { 'nhse-assurance': [] } })).toBeNull();
    expect(() => startProgramme(def, { parties: { nope: ['a'] } })).toThrow(InvalidInputError);
  });
});

describe('applyEvent', () => {
  it('moves a programme through PCBC, senate and partner decisions', () => {
    const persisted = runEvents(def, BCT_INPUT, BCT_PARTNER_DECISIONS);
    const { statuses, context } = inspectProgramme(def, persisted);
    expect(statuses).toMatchObject({
      'pcbc-draft': 'complete',
      'clinical-senate-review': 'complete',
      'partner-approvals': 'open',
    });
    expect(context.gates['partner-approvals'].parties!['leicester-city-council']).toEqual({
      decision: 'deferred',
      decidedOn: '2015-10-20',
    });
  });

  it('lets a later decision supersede an earlier one, and completes approval on the last approving date', () => {
    const persisted = runEvents(def, BCT_INPUT, BCT_CONSULTATION_RUNNING.slice(0, -3));
    const { context, statuses } = inspectProgramme(def, persisted);
    expect(context.gates['partner-approvals'].parties!['leicester-city-council']).toEqual({
      decision: 'approved',
      decidedOn: '2015-10-22',
    });
    expect(statuses['partner-approvals']).toBe('complete');
    expect(context.gates['partner-approvals'].completedOn).toBe('2015-10-26');
    expect(statuses['nhse-assurance']).toBe('open');
  });

  it('accepts approved-with-conditions as approval', () => {
    const persisted = runEvents(def, BCT_INPUT, BCT_CONSULTATION_RUNNING.slice(0, -1));
    const { statuses, context } = inspectProgramme(def, persisted);
    expect(statuses['nhse-assurance']).toBe('complete');
    expect(context.gates['nhse-assurance'].completedOn).toBe('2015-11-09');
    expect(statuses['public-consultation']).toBe('open');
  });

  it('runs a consultation from open to running to complete, then opens the DMBC', () => {
    const running = runEvents(def, BCT_INPUT, BCT_CONSULTATION_RUNNING);
    expect(inspectProgramme(def, running).context.gates['public-consultation'].consultation).toEqual({
      startsOn: '2015-11-30',
      closesOn: '2016-02-22',
    });
    const closed = apply(running, {
      type: 'consultation.close',
      gateId: 'public-consultation',
      closedOn: '2016-02-22',
    });
    const { statuses, context } = inspectProgramme(def, closed);
    expect(statuses['public-consultation']).toBe('complete');
    expect(context.gates['public-consultation'].completedOn).toBe('2016-02-22');
    expect(statuses['decision-making-business-case']).toBe('open');
  });

  it('finishes the whole workflow once evidence is recorded and the commissioners decide', () => {
    let p = runEvents(def, BCT_INPUT, [
      ...BCT_CONSULTATION_RUNNING,
      { type: 'consultation.close', gateId: 'public-consultation', closedOn: '2016-02-22' },
    ]);
    for (const item of def.gates.find((g) => g.id === 'decision-making-business-case')!.evidence!) {
      p = apply(p, {
        type: 'gate.evidence',
        gateId: 'decision-making-business-case',
        itemId: item.id,
        recordedOn: '2016-03-15',
      });
    }
    p = apply(p, { type: 'gate.complete', gateId: 'decision-making-business-case', completedOn: '2016-04-01' });
    for (const partyId of BCT_INPUT.parties.decision) {
      p = apply(p, { type: 'gate.decide', gateId: 'decision', partyId, decision: 'approved', decidedOn: '2016-05-10' });
    }
    expect(Object.values(inspectProgramme(def, p).statuses)).toEqual(Array(7).fill('complete'));
    expect((p.snapshot as { status: string }).status).toBe('done');
    const after = applyEvent(def, p, { type: 'gate.complete', gateId: 'pcbc-draft', completedOn: '2016-06-01' });
    expect(after).toMatchObject({ ok: false, refusal: { code: 'GATE_COMPLETE' } });
  });

  it('returns a refusal and leaves the persisted programme untouched', () => {
    const persisted = runEvents(def, BCT_INPUT, BCT_PARTNER_DECISIONS);
    const before = JSON.stringify(persisted);
    const result = applyEvent(def, persisted, {
      type: 'gate.complete',
      gateId: 'public-consultation',
      completedOn: '2015-12-01',
    });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(persisted)).toBe(before);
  });

  it('never mutates the snapshot it was given, even when accepting', () => {
    const persisted = runEvents(def, BCT_INPUT, BCT_PARTNER_DECISIONS);
    const before = JSON.stringify(persisted);
    apply(persisted, {
      type: 'gate.decide',
      gateId: 'partner-approvals',
      partyId: 'rutland-county-council',
      decision: 'approved',
      decidedOn: '2015-10-22',
    });
    expect(JSON.stringify(persisted)).toBe(before);
  });

  it('can lay the parties of an approval gate later, keeping decisions already made', () => {
    let p = runEvents(def, { parties: {} }, BCT_PARTNER_DECISIONS.slice(0, 2));
    p = apply(p, { type: 'gate.parties', gateId: 'partner-approvals', parties: ['a', 'b'] });
    p = apply(p, {
      type: 'gate.decide',
      gateId: 'partner-approvals',
      partyId: 'a',
      decision: 'approved',
      decidedOn: '2015-10-10',
    });
    p = apply(p, { type: 'gate.parties', gateId: 'partner-approvals', parties: ['a'] });
    const { statuses, context } = inspectProgramme(def, p);
    expect(statuses['partner-approvals']).toBe('complete');
    expect(context.gates['partner-approvals'].completedOn).toBe('2015-10-10');
  });
});

describe('persistence', () => {
  it('is JSON round-trippable: a programme read back from JSON behaves identically', () => {
    const persisted = runEvents(def, BCT_INPUT, BCT_CONSULTATION_RUNNING);
    const stored = viaJson(persisted);
    expect(stored).toEqual(persisted);
    expect(inspectProgramme(def, stored)).toEqual(inspectProgramme(def, persisted));
    const close: WorkflowEvent = { type: 'consultation.close', gateId: 'public-consultation', closedOn: '2016-02-22' };
    expect(applyEvent(def, stored, close)).toEqual(applyEvent(def, persisted, close));
  });

  it('throws when the programme is pinned to another workflow or version', () => {
    const persisted = startProgramme(def, BCT_INPUT);
    expect(() => applyEvent(nhsServiceChangeV2, persisted, BCT_PARTNER_DECISIONS[0])).toThrow(DefinitionMismatchError);
    expect(() => inspectProgramme({ ...def, id: 'other' }, persisted)).toThrow('pinned to nhs-service-change v1');
  });

  it('rejects corrupt or inconsistent snapshots rather than guessing', () => {
    const persisted = startProgramme(def, BCT_INPUT);
    const snapshot = persisted.snapshot as { value: Record<string, string> };
    expect(() => inspectProgramme(def, { ...persisted, snapshot: null })).toThrow(CorruptSnapshotError);
    const wrongState = { ...snapshot, value: { ...snapshot.value, 'pcbc-draft': 'flying' } };
    expect(() => inspectProgramme(def, { ...persisted, snapshot: wrongState })).toThrow(CorruptSnapshotError);
    const inconsistent = { ...snapshot, value: { ...snapshot.value, 'pcbc-draft': 'complete' } };
    expect(() => inspectProgramme(def, { ...persisted, snapshot: inconsistent })).toThrow(
      /pcbc-draft' is complete in the state value/,
    );
  });

  it('restores each persisted snapshot once, and checks its pin and consistency every time', () => {
    const persisted = runEvents(def, BCT_INPUT, BCT_PARTNER_DECISIONS.slice(0, 2));
    const first = inspectProgramme(def, persisted);
    // The same object again (a change inspects, then applies; a kept programme comes back): the same restore.
    expect(inspectProgramme(def, persisted).context).toBe(first.context);
    // A copy is restored afresh, to the same state.
    const copy = inspectProgramme(def, viaJson(persisted));
    expect(copy.context).not.toBe(first.context);
    expect(copy).toEqual(first);
    expect(() => inspectProgramme({ ...def, id: 'other' }, persisted)).toThrow('pinned to nhs-service-change v1');
    // Applying to a remembered snapshot leaves it as it was, however often.
    const next = BCT_PARTNER_DECISIONS[2];
    expect(applyEvent(def, persisted, next)).toEqual(applyEvent(def, viaJson(persisted), next));
    expect(applyEvent(def, persisted, next)).toEqual(applyEvent(def, persisted, next));
    expect(inspectProgramme(def, persisted)).toEqual(first);
    // The text saved is the text the snapshot was parsed from, and any other value is written out.
    expect(snapshotJson(persisted.snapshot)).toBe(JSON.stringify(persisted.snapshot));
    expect(snapshotJson(viaJson(persisted).snapshot)).toBe(JSON.stringify(persisted.snapshot));
    // A snapshot refused once is refused again: failures are not remembered.
    const snapshot = persisted.snapshot as { value: Record<string, string> };
    const inconsistent = {
      ...persisted,
      snapshot: { ...snapshot, value: { ...snapshot.value, 'pcbc-draft': 'open' } },
    };
    expect(() => inspectProgramme(def, inconsistent)).toThrow(CorruptSnapshotError);
    expect(() => inspectProgramme(def, inconsistent)).toThrow(CorruptSnapshotError);
  });

  it('reads snapshots written by another XState version (the version is recorded, not enforced)', () => {
    const persisted = { ...startProgramme(def, BCT_INPUT), xstateVersion: '5.0.0' };
    const result = applyEvent(def, persisted, BCT_PARTNER_DECISIONS[0]);
    expect(result.ok && result.persisted.xstateVersion).toBe(XSTATE_VERSION);
  });
});

describe('allowedEvents', () => {
  it('lists what may happen next for a fresh programme', () => {
    expect(allowedEvents(def, startProgramme(def, BCT_INPUT))).toEqual([
      { type: 'gate.complete', gateId: 'pcbc-draft' },
      { type: 'gate.parties', gateId: 'partner-approvals' },
      { type: 'gate.parties', gateId: 'nhse-assurance' },
      { type: 'gate.evidence', gateId: 'decision-making-business-case' },
      { type: 'gate.parties', gateId: 'decision' },
    ]);
  });

  it('offers decisions on an open approval gate and closing a running consultation', () => {
    const mid = allowedEvents(def, runEvents(def, BCT_INPUT, BCT_PARTNER_DECISIONS));
    expect(mid).toContainEqual({ type: 'gate.decide', gateId: 'partner-approvals' });
    expect(mid).not.toContainEqual({ type: 'gate.complete', gateId: 'pcbc-draft' });
    const running = allowedEvents(def, runEvents(def, BCT_INPUT, BCT_CONSULTATION_RUNNING));
    expect(running).toContainEqual({ type: 'consultation.close', gateId: 'public-consultation' });
    expect(running).not.toContainEqual({ type: 'consultation.start', gateId: 'public-consultation' });
  });
});
