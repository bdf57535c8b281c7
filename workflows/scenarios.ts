// Better Care Together (Leicester, Leicestershire and Rutland) as its 2014-2015 board papers describe it, as
// event lists. Used for golden snapshots and tests, and usable as demo data: every date here is from the papers
// or consistent with them (partner approvals by 26 October 2015, NHSE and TDA by 9 November, consultation
// from 30 November 2015; outline plan 4 April 2014, draft end of June, final end of September).
import type { Decision, ProgrammeInput, WorkflowEvent } from './types';

export const BCT_PARTNERS = [
  'leicester-city-ccg',
  'east-leicestershire-and-rutland-ccg',
  'west-leicestershire-ccg',
  'leicester-city-council',
  'leicestershire-county-council',
  'rutland-county-council',
  'university-hospitals-of-leicester',
  'leicestershire-partnership-trust',
];

export const BCT_INPUT: ProgrammeInput = {
  parties: {
    'partner-approvals': BCT_PARTNERS,
    'nhse-assurance': ['nhse', 'tda'],
    decision: ['leicester-city-ccg', 'east-leicestershire-and-rutland-ccg', 'west-leicestershire-ccg'],
  },
};

const approve = (
  partyId: string,
  decidedOn: string,
  gateId = 'partner-approvals',
  decision: Decision = 'approved',
): WorkflowEvent => ({
  type: 'gate.decide',
  gateId,
  partyId,
  decision,
  decidedOn,
});

/** PCBC and senate done; six partner boards have met, one deferred (October 2015). */
export const BCT_PARTNER_DECISIONS: WorkflowEvent[] = [
  { type: 'gate.complete', gateId: 'pcbc-draft', completedOn: '2015-09-04' },
  { type: 'gate.complete', gateId: 'clinical-senate-review', completedOn: '2015-10-05' },
  approve('leicester-city-ccg', '2015-10-13'),
  approve('east-leicestershire-and-rutland-ccg', '2015-10-13'),
  approve('west-leicestershire-ccg', '2015-10-13'),
  approve('university-hospitals-of-leicester', '2015-10-15'),
  approve('leicestershire-county-council', '2015-10-20', 'partner-approvals', 'approved-with-conditions'),
  approve('leicester-city-council', '2015-10-20', 'partner-approvals', 'deferred'),
];

/** Every approval in, assurance given, consultation launched for 12 weeks (30 November 2015). */
export const BCT_CONSULTATION_RUNNING: WorkflowEvent[] = [
  ...BCT_PARTNER_DECISIONS,
  approve('leicester-city-council', '2015-10-22'),
  approve('rutland-county-council', '2015-10-22'),
  approve('leicestershire-partnership-trust', '2015-10-26'),
  approve('nhse', '2015-11-06', 'nhse-assurance'),
  approve('tda', '2015-11-09', 'nhse-assurance', 'approved-with-conditions'),
  {
    type: 'consultation.start',
    gateId: 'public-consultation',
    startsOn: '2015-11-30',
    closesOn: '2016-02-22',
    preElectionPeriods: [
      { name: 'Police and crime commissioner elections 2016', from: '2016-03-24', to: '2016-05-05' },
    ],
  },
];

export const PLAN_INPUT: ProgrammeInput = {
  parties: {
    'nhse-assurance-review': ['nhse-area-team'],
    'hwb-presentations': ['leicester-hwb', 'leicestershire-hwb', 'rutland-hwb'],
  },
};

/** Outline and draft submitted; NHS England reviewing while local discussion runs (summer 2014). */
export const PLAN_IN_REVIEW: WorkflowEvent[] = [
  { type: 'gate.complete', gateId: 'outline-plan', completedOn: '2014-04-04' },
  { type: 'gate.complete', gateId: 'draft-plan', completedOn: '2014-06-30' },
  {
    type: 'gate.decide',
    gateId: 'nhse-assurance-review',
    partyId: 'nhse-area-team',
    decision: 'deferred',
    decidedOn: '2014-07-31',
  },
];
