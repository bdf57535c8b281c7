// One example per refusal, checking the words a PMO will read as well as the code a program will branch on.
// Approval and consultation rules have their own specs beside their own files.
import { nhsServiceChangeV1 } from './definitions/nhs-service-change.v1';
import { planSubmissionV1 } from './definitions/plan-submission.v1';
import { applyEvent, runEvents, startProgramme } from './engine';
import { refusal, start } from './spec-helpers';
import { BCT_CONSULTATION_RUNNING, BCT_INPUT, BCT_PARTNER_DECISIONS, PLAN_IN_REVIEW, PLAN_INPUT } from './scenarios';
import type { WorkflowEvent } from './types';

const def = nhsServiceChangeV1;
const fresh = startProgramme(def, BCT_INPUT);
const midApprovals = runEvents(def, BCT_INPUT, BCT_PARTNER_DECISIONS);
const running = runEvents(def, BCT_INPUT, BCT_CONSULTATION_RUNNING);
const atDmbc = runEvents(def, BCT_INPUT, [
  ...BCT_CONSULTATION_RUNNING,
  { type: 'consultation.close', gateId: 'public-consultation', closedOn: '2016-02-22' },
]);

describe('refusal reasons', () => {
  it('UNKNOWN_EVENT names the event', () => {
    const event = { type: 'gate.explode', gateId: 'pcbc-draft' } as unknown as WorkflowEvent;
    expect(refusal(fresh, event)).toMatchObject({
      code: 'UNKNOWN_EVENT',
      reason: expect.stringContaining("Unknown event 'gate.explode'"),
    });
  });

  it('UNKNOWN_GATE', () => {
    expect(refusal(fresh, { type: 'gate.complete', gateId: 'x', completedOn: '2015-09-04' })).toEqual({
      code: 'UNKNOWN_GATE',
      reason: "Unknown gate 'x'",
    });
  });

  it('WRONG_GATE_KIND: a decision on a task gate', () => {
    const r = refusal(fresh, {
      type: 'gate.decide',
      gateId: 'pcbc-draft',
      partyId: 'nhse',
      decision: 'approved',
      decidedOn: '2015-09-04',
    });
    expect(r).toEqual({
      code: 'WRONG_GATE_KIND',
      reason: 'PCBC draft is a task gate, it has no parties: mark it complete instead',
    });
  });

  it('WRONG_GATE_KIND: completing an approval gate says to record decisions', () => {
    const r = refusal(midApprovals, { type: 'gate.complete', gateId: 'partner-approvals', completedOn: '2015-10-26' });
    expect(r.code).toBe('WRONG_GATE_KIND');
    expect(r.reason).toBe(
      "Partner board approvals is an approval gate: it completes by itself once every party has approved, so record each party's decision instead",
    );
  });

  it('WRONG_GATE_KIND: completing a consultation says to use start and close', () => {
    const r = refusal(running, { type: 'gate.complete', gateId: 'public-consultation', completedOn: '2016-02-22' });
    expect(r.reason).toBe(
      'Public consultation is a consultation gate: start it with consultation.start and complete it with consultation.close',
    );
  });

  it('WRONG_GATE_KIND: starting a consultation on a task gate', () => {
    const r = refusal(fresh, { ...start('2015-11-30', '2016-02-22'), gateId: 'pcbc-draft' } as WorkflowEvent);
    expect(r).toEqual({
      code: 'WRONG_GATE_KIND',
      reason: 'PCBC draft is a task gate, not a consultation gate: mark it complete instead',
    });
  });

  it('INVALID_DATE rejects dates that do not exist', () => {
    expect(refusal(fresh, { type: 'gate.complete', gateId: 'pcbc-draft', completedOn: '2015-02-30' })).toEqual({
      code: 'INVALID_DATE',
      reason: "'2015-02-30' is not a valid date for completedOn (use YYYY-MM-DD)",
    });
  });

  it('GATE_COMPLETE', () => {
    expect(refusal(midApprovals, { type: 'gate.complete', gateId: 'pcbc-draft', completedOn: '2015-10-01' })).toEqual({
      code: 'GATE_COMPLETE',
      reason: 'PCBC draft is already complete (completed on 2015-09-04)',
    });
  });

  it('GATE_NOT_OPEN names what the gate waits for', () => {
    expect(
      refusal(fresh, { type: 'gate.complete', gateId: 'clinical-senate-review', completedOn: '2015-10-05' }),
    ).toEqual({
      code: 'GATE_NOT_OPEN',
      reason: 'Clinical senate review is not open yet: it waits for PCBC draft to complete',
    });
  });

  it('GATE_NOT_OPEN lists every outstanding dependency', () => {
    const plan = runEvents(planSubmissionV1, PLAN_INPUT, PLAN_IN_REVIEW);
    const r = refusal(
      plan,
      { type: 'gate.complete', gateId: 'final-plan', completedOn: '2014-09-30' },
      planSubmissionV1,
    );
    expect(r.reason).toBe(
      'Final plan submitted is not open yet: it waits for NHS England assurance review and Health and wellbeing board presentations to complete',
    );
  });

  it('EVIDENCE_MISSING lists what is still missing', () => {
    const withSome = runEvents(def, BCT_INPUT, []); // evidence may be recorded before the gate opens
    const evidence = applyEvent(def, withSome, {
      type: 'gate.evidence',
      gateId: 'decision-making-business-case',
      itemId: 'test-bed-closure',
      recordedOn: '2015-06-01',
    });
    expect(evidence.ok).toBe(true);
    const r = refusal(atDmbc, {
      type: 'gate.complete',
      gateId: 'decision-making-business-case',
      completedOn: '2016-04-01',
    });
    expect(r.code).toBe('EVIDENCE_MISSING');
    expect(r.reason).toMatch(
      /^Evidence missing before completion of Decision-making business case: Strong public and patient engagement, /,
    );
    expect(r.reason).toMatch(/Equality impact assessment and Independent analysis of consultation responses$/);
  });

  it('DATE_BEFORE_GATE_OPENED says when and why the gate opened', () => {
    const pcbcDone = runEvents(def, BCT_INPUT, BCT_PARTNER_DECISIONS.slice(0, 1));
    expect(
      refusal(pcbcDone, { type: 'gate.complete', gateId: 'clinical-senate-review', completedOn: '2015-09-01' }),
    ).toEqual({
      code: 'DATE_BEFORE_GATE_OPENED',
      reason: '2015-09-01 is before Clinical senate review opened on 2015-09-04 (when PCBC draft completed)',
    });
  });

  it('UNKNOWN_EVIDENCE for a gate without a checklist and for an unknown item', () => {
    expect(
      refusal(fresh, { type: 'gate.evidence', gateId: 'pcbc-draft', itemId: 'x', recordedOn: '2015-09-01' }),
    ).toEqual({
      code: 'UNKNOWN_EVIDENCE',
      reason: 'PCBC draft needs no evidence',
    });
    const r = refusal(fresh, {
      type: 'gate.evidence',
      gateId: 'decision-making-business-case',
      itemId: 'x',
      recordedOn: '2015-09-01',
    });
    expect(r.reason).toMatch(
      /^Decision-making business case has no evidence item 'x' \(its checklist: test-public-engagement, /,
    );
  });
});
