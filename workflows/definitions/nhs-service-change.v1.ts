// NHS service change, as assured under NHS England's "Planning and delivering service changes for patients"
// (2013, revised 2015) and as run by Better Care Together in 2015: PCBC, clinical senate, partner boards,
// NHS England and TDA assurance, consultation, DMBC, decision.
//
// No stage 1 strategic sense check here: programmes of this era came to the tool after it, and a gate that
// nobody can complete would keep every programme from ever finishing. Version 2 adds it, off the critical path.
//
// The first five gates carry no evidence checklist on purpose: the service and its scripts complete them with
// a date alone, and the evidence that matters (the five tests) is judged at the decision-making business case.
import type { EvidenceItem, WorkflowDefinition } from '../types';

/** The tests every proposal must show evidence for; the bed-closure test applies from April 2017. */
export const FIVE_TESTS: EvidenceItem[] = [
  { id: 'test-public-engagement', title: 'Strong public and patient engagement' },
  { id: 'test-patient-choice', title: 'Consistency with current and prospective need for patient choice' },
  { id: 'test-clinical-evidence', title: 'Clear clinical evidence base' },
  { id: 'test-commissioner-support', title: 'Support from clinical commissioners' },
  { id: 'test-bed-closure', title: 'Bed-closure test' },
];

export const EQUALITY_IMPACT_ASSESSMENT: EvidenceItem = {
  id: 'equality-impact-assessment',
  title: 'Equality impact assessment',
};

export const INDEPENDENT_ANALYSIS: EvidenceItem = {
  id: 'independent-analysis',
  title: 'Independent analysis of consultation responses',
};

export const nhsServiceChangeV1: WorkflowDefinition = {
  id: 'nhs-service-change',
  version: 1,
  title: 'NHS service change',
  description:
    'A service-change programme from pre-consultation business case through assurance and public consultation ' +
    'to a decision in public (NHS England service change guidance, 2013 revised 2015).',
  consultation: { normalLengthDays: 84 },
  gates: [
    {
      id: 'pcbc-draft',
      title: 'PCBC draft',
      kind: 'task',
      description: 'Pre-consultation business case drafted and shared with NHS England for early comment.',
      dependsOn: [],
    },
    {
      id: 'clinical-senate-review',
      title: 'Clinical senate review',
      kind: 'task',
      description:
        'Independent clinical senate review of the draft PCBC, mainly the clinical evidence base. ' +
        'The senate needs about three months’ notice.',
      dependsOn: ['pcbc-draft'],
    },
    {
      id: 'partner-approvals',
      title: 'Partner board approvals',
      kind: 'approval',
      description: 'Each partner organisation’s board approves the PCBC, independently and in any order.',
      dependsOn: ['clinical-senate-review'],
      partyKind: 'partner board',
    },
    {
      id: 'nhse-assurance',
      title: 'NHS England and TDA assurance',
      kind: 'approval',
      description: 'NHS England (and, for NHS trusts, the NHS Trust Development Authority) assure the PCBC.',
      dependsOn: ['partner-approvals'],
      partyKind: 'assurer',
    },
    {
      id: 'public-consultation',
      title: 'Public consultation',
      kind: 'consultation',
      description: 'Formal public consultation: 12 weeks is the norm, and none may launch in a pre-election period.',
      dependsOn: ['nhse-assurance'],
    },
    {
      id: 'decision-making-business-case',
      title: 'Decision-making business case',
      kind: 'task',
      description: 'The DMBC takes account of the consultation and shows evidence against each test.',
      dependsOn: ['public-consultation'],
      evidence: [...FIVE_TESTS, EQUALITY_IMPACT_ASSESSMENT, INDEPENDENT_ANALYSIS],
    },
    {
      id: 'decision',
      title: 'Decision in public',
      kind: 'approval',
      description: 'The commissioner boards decide on the DMBC in public session.',
      dependsOn: ['decision-making-business-case'],
      partyKind: 'commissioner board',
    },
  ],
};
