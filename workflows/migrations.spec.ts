import { nhsServiceChangeV1 as v1 } from './definitions/nhs-service-change.v1';
import { nhsServiceChangeV2 as v2 } from './definitions/nhs-service-change.v2';
import { nhsServiceChangeV3 as v3 } from './definitions/nhs-service-change.v3';
import { applyEvent, inspectProgramme, runEvents, startProgramme, type PersistedProgramme } from './engine';
import { migrateProgramme, MigrationError } from './migrations';
import { getDefinition } from './registry';
import { BCT_CONSULTATION_RUNNING, BCT_INPUT, BCT_PARTNER_DECISIONS, PLAN_INPUT } from './scenarios';
import type { WorkflowEvent } from './types';

const close: WorkflowEvent = { type: 'consultation.close', gateId: 'public-consultation', closedOn: '2016-02-22' };
const evidence = (itemId: string, recordedOn = '2016-03-10'): WorkflowEvent => ({
  type: 'gate.evidence',
  gateId: 'decision-making-business-case',
  itemId,
  recordedOn,
});

describe('a programme pinned to v1 after v2 is released', () => {
  it('is still created from v1 when asked, and keeps working through the whole path', () => {
    expect(getDefinition('nhs-service-change')).toBe(v3);
    const pinned = runEvents(getDefinition('nhs-service-change', 1)!, BCT_INPUT, [...BCT_CONSULTATION_RUNNING, close]);
    expect(pinned.definitionVersion).toBe(1);
    expect(inspectProgramme(v1, pinned).statuses['decision-making-business-case']).toBe('open');
    expect(() => inspectProgramme(v2, pinned)).toThrow(/pinned to nhs-service-change v1/);
  });
});

describe('migrateProgramme nhs-service-change v1 -> v2', () => {
  it('migrates a fresh programme: the stage 1 sense check opens beside the PCBC', () => {
    const migrated = migrateProgramme(startProgramme(v1, BCT_INPUT), 2);
    expect(migrated.definitionVersion).toBe(2);
    expect(inspectProgramme(v2, migrated).statuses).toMatchObject({
      'stage-1-sense-check': 'open',
      'pcbc-draft': 'open',
      'consultation-analysis': 'not-started',
    });
  });

  it('migrates mid-way through partner approvals, keeping every decision, and carries on under v2', () => {
    const before = runEvents(v1, BCT_INPUT, BCT_PARTNER_DECISIONS);
    const migrated = migrateProgramme(before, 2);
    const old = inspectProgramme(v1, before);
    const now = inspectProgramme(v2, migrated);
    expect(now.context.gates['partner-approvals']).toEqual(old.context.gates['partner-approvals']);
    for (const gate of v1.gates) expect(now.statuses[gate.id]).toBe(old.statuses[gate.id]);
    const next = applyEvent(v2, migrated, {
      type: 'gate.decide',
      gateId: 'partner-approvals',
      partyId: 'leicester-city-council',
      decision: 'approved',
      decidedOn: '2015-10-22',
    });
    expect(next.ok).toBe(true);
  });

  it('migrates a running consultation and closes it under v2, opening the independent analysis', () => {
    const migrated = migrateProgramme(runEvents(v1, BCT_INPUT, BCT_CONSULTATION_RUNNING), 2);
    const result = applyEvent(v2, JSON.parse(JSON.stringify(migrated)), close);
    expect(result.ok && result.statuses).toMatchObject({
      'public-consultation': 'complete',
      'consultation-analysis': 'open',
    });
  });

  it('moves recorded independent analysis out of the DMBC into its own completed gate', () => {
    const before = runEvents(v1, BCT_INPUT, [
      ...BCT_CONSULTATION_RUNNING,
      close,
      evidence('independent-analysis'),
      evidence('test-bed-closure'),
    ]);
    const now = inspectProgramme(v2, migrateProgramme(before, 2));
    expect(now.statuses).toMatchObject({
      'consultation-analysis': 'complete',
      'decision-making-business-case': 'open',
    });
    expect(now.context.gates['consultation-analysis']).toEqual({
      evidence: { 'independent-analysis': '2016-03-10' },
      completedOn: '2016-03-10',
    });
    expect(now.context.gates['decision-making-business-case'].evidence).toEqual({ 'test-bed-closure': '2016-03-10' });
  });

  it('refuses, with what to do, when the DMBC is open but the analysis is not recorded (it would go backwards)', () => {
    const before = runEvents(v1, BCT_INPUT, [...BCT_CONSULTATION_RUNNING, close]);
    expect(() => migrateProgramme(before, 2)).toThrow(MigrationError);
    expect(() => migrateProgramme(before, 2)).toThrow(
      /Decision-making business case is open but would become not-started.*Record the independent-analysis evidence first/,
    );
  });

  it('refuses to go backwards, to unknown versions, or for unknown workflows', () => {
    const fresh = startProgramme(v1, BCT_INPUT);
    const later = migrateProgramme(fresh, 2);
    expect(() => migrateProgramme(later, 1)).toThrow(/only go forwards/);
    expect(() => migrateProgramme(fresh, 9)).toThrow(/Unknown workflow nhs-service-change v9/);
    const other: PersistedProgramme = { ...fresh, definitionId: 'nope' };
    expect(() => migrateProgramme(other, 2)).toThrow(/Unknown workflow nope v1/);
    expect(migrateProgramme(fresh, 1)).toBe(fresh);
  });

  it('has no migration for a workflow that has only one version', () => {
    const plan = startProgramme(getDefinition('plan-submission', 1)!, PLAN_INPUT);
    expect(() => migrateProgramme(plan, 2)).toThrow(MigrationError);
  });
});

describe('migrateProgramme nhs-service-change v2 -> v3', () => {
  it('keeps every v2 gate and date, and adds the 2024 gates with nothing recorded', () => {
    const before = runEvents(v2, BCT_INPUT, BCT_CONSULTATION_RUNNING);
    const migrated = migrateProgramme(before, 3);
    const old = inspectProgramme(v2, before);
    const now = inspectProgramme(v3, migrated);
    for (const gate of v2.gates) {
      expect(now.statuses[gate.id]).toBe(old.statuses[gate.id]);
      expect(now.context.gates[gate.id]).toEqual(old.context.gates[gate.id]);
    }
    expect(now.statuses).toMatchObject({
      'health-scrutiny-consultation': 'open',
      'secretary-of-state-notification': 'not-started',
      'decision-notified': 'not-started',
      'judicial-review-window': 'not-started',
    });
    for (const id of ['health-scrutiny-consultation', 'secretary-of-state-notification', 'judicial-review-window']) {
      expect(now.context.gates[id]).toEqual({ evidence: {} });
    }
    const closed = applyEvent(v3, migrated, close);
    expect(closed.ok && closed.statuses['consultation-analysis']).toBe('open');
  });

  it('goes from v1 to v3 in two steps', () => {
    const migrated = migrateProgramme(startProgramme(v1, BCT_INPUT), 3);
    expect(migrated.definitionVersion).toBe(3);
    expect(inspectProgramme(v3, migrated).statuses['stage-1-sense-check']).toBe('open');
  });
});

describe('skippable gates (v3)', () => {
  it('skips the Secretary of State notification with its reason, and refuses to skip anything else', () => {
    const begun = runEvents(v3, BCT_INPUT, [
      { type: 'gate.complete', gateId: 'health-scrutiny-consultation', completedOn: '2023-11-01' },
    ]);
    const skipped = applyEvent(v3, begun, {
      type: 'gate.skip',
      gateId: 'secretary-of-state-notification',
      skippedOn: '2023-11-01',
      reason: 'Reg. 23 consultation began before 31 January 2024',
    });
    expect(skipped.ok && skipped.statuses['secretary-of-state-notification']).toBe('complete');
    expect(skipped.ok && skipped.context.gates['secretary-of-state-notification'].skipped).toMatch(/before 31 January/);
    const refused = applyEvent(v3, begun, {
      type: 'gate.skip',
      gateId: 'pcbc-draft',
      skippedOn: '2023-11-01',
      reason: 'x',
    });
    expect(!refused.ok && refused.refusal.code).toBe('NOT_SKIPPABLE');
    const early = applyEvent(v3, begun, {
      type: 'gate.skip',
      gateId: 'secretary-of-state-notification',
      skippedOn: '2023-10-01',
      reason: 'x',
    });
    expect(!early.ok && early.refusal.code).toBe('DATE_BEFORE_GATE_OPENED');
    const waiting = applyEvent(v3, startProgramme(v3, BCT_INPUT), {
      type: 'gate.skip',
      gateId: 'secretary-of-state-notification',
      skippedOn: '2023-11-01',
      reason: 'x',
    });
    expect(!waiting.ok && waiting.refusal.code).toBe('GATE_NOT_OPEN');
  });
});
