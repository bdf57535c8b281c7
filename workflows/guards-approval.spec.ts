// Approval gates: parties, decisions, and why a gate is still waiting for them.
import { nhsServiceChangeV1 } from './definitions/nhs-service-change.v1';
import { applyEvent, blockers, runEvents } from './engine';
import { refusal } from './spec-helpers';
import { BCT_CONSULTATION_RUNNING, BCT_INPUT, BCT_PARTNER_DECISIONS } from './scenarios';
import type { WorkflowEvent } from './types';

const def = nhsServiceChangeV1;
const midApprovals = runEvents(def, BCT_INPUT, BCT_PARTNER_DECISIONS);
const nhseOpen = runEvents(def, BCT_INPUT, BCT_CONSULTATION_RUNNING.slice(0, -3));
const atDmbc = runEvents(def, BCT_INPUT, [
  ...BCT_CONSULTATION_RUNNING,
  { type: 'consultation.close', gateId: 'public-consultation', closedOn: '2016-02-22' },
]);

describe('approval refusals', () => {
  it('UNKNOWN_PARTY', () => {
    expect(
      refusal(midApprovals, {
        type: 'gate.decide',
        gateId: 'partner-approvals',
        partyId: 'y',
        decision: 'approved',
        decidedOn: '2015-10-22',
      }),
    ).toEqual({
      code: 'UNKNOWN_PARTY',
      reason: "Unknown party 'y' for Partner board approvals",
    });
  });

  it('INVALID_DECISION', () => {
    const event = {
      type: 'gate.decide',
      gateId: 'partner-approvals',
      partyId: 'tda',
      decision: 'maybe',
      decidedOn: '2015-10-22',
    };
    expect(refusal(midApprovals, { ...event, partyId: 'leicester-city-council' } as unknown as WorkflowEvent)).toEqual({
      code: 'INVALID_DECISION',
      reason: "'maybe' is not a decision: use approved, approved-with-conditions, not-approved or deferred",
    });
  });

  it('DECISION_OUT_OF_ORDER: an older decision cannot supersede a newer one', () => {
    const r = refusal(midApprovals, {
      type: 'gate.decide',
      gateId: 'partner-approvals',
      partyId: 'leicester-city-council',
      decision: 'approved',
      decidedOn: '2015-10-19',
    });
    expect(r).toEqual({
      code: 'DECISION_OUT_OF_ORDER',
      reason:
        'leicester-city-council already has a later decision on Partner board approvals (deferred on 2015-10-20); a decision dated 2015-10-19 cannot supersede it',
    });
  });

  it('INVALID_PARTIES and PARTY_HAS_DECIDED when changing who decides', () => {
    const set = (parties: string[]): WorkflowEvent => ({ type: 'gate.parties', gateId: 'partner-approvals', parties });
    expect(refusal(midApprovals, set([])).code).toBe('INVALID_PARTIES');
    expect(refusal(midApprovals, set(['a', 'a'])).reason).toBe("Party 'a' is listed twice for Partner board approvals");
    expect(refusal(midApprovals, set(['rutland-county-council']))).toEqual({
      code: 'PARTY_HAS_DECIDED',
      reason:
        'leicester-city-ccg cannot be removed from Partner board approvals: it has decided (approved on 2015-10-13)',
    });
  });
});

describe('why a gate has not completed (blockers)', () => {
  it('APPROVALS_OUTSTANDING names each party and its latest decision, with display names when given', () => {
    const names: Record<string, string> = { 'leicester-city-council': 'Leicester City Council' };
    const b = blockers(def, midApprovals, { partyName: (id) => names[id] ?? id });
    expect(b['partner-approvals']).toEqual({
      code: 'APPROVALS_OUTSTANDING',
      reason:
        'Partner board approvals cannot complete: Leicester City Council has not approved (deferred on 2015-10-20); ' +
        'rutland-county-council has not decided yet; leicestershire-partnership-trust has not decided yet',
    });
    expect(b['nhse-assurance'].code).toBe('GATE_NOT_OPEN');
    expect(b['pcbc-draft']).toBeUndefined();
  });

  it('a not-approved decision reads as such', () => {
    const r = applyEvent(def, nhseOpen, {
      type: 'gate.decide',
      gateId: 'nhse-assurance',
      partyId: 'tda',
      decision: 'not-approved',
      decidedOn: '2015-11-09',
    });
    if (!r.ok) throw new Error(r.refusal.reason);
    expect(blockers(def, r.persisted)['nhse-assurance'].reason).toBe(
      'NHS England and TDA assurance cannot complete: nhse has not decided yet; tda has not approved (not approved on 2015-11-09)',
    );
  });

  it('NO_PARTIES: an approval gate nobody was named for does not complete by itself', () => {
    const noParties = runEvents(def, { parties: {} }, BCT_PARTNER_DECISIONS.slice(0, 2));
    expect(blockers(def, noParties)['partner-approvals']).toEqual({
      code: 'NO_PARTIES',
      reason: 'Partner board approvals cannot complete: no parties have been named to decide',
    });
  });

  it('EVIDENCE_MISSING for an open gate with a checklist', () => {
    expect(blockers(def, atDmbc)['decision-making-business-case'].code).toBe('EVIDENCE_MISSING');
  });
});
