import { CreateProgrammeDto } from '../programmes/programme.dto';

// The two programmes a newcomer sees on first start, from the Better Care Together board
// papers (Leicester, Leicestershire and Rutland, 2014-2015). Dates and partners are the
// papers'; the people behind gates other than the SRO and the head of local partnerships,
// and the individual board decisions, are illustrative.

const mail = (local: string) => `${local}@example.nhs.uk`;

export const BCT_PARTIES = [
  { id: 'leicester-city-ccg', name: 'Leicester City CCG' },
  { id: 'east-leicestershire-and-rutland-ccg', name: 'East Leicestershire and Rutland CCG' },
  { id: 'west-leicestershire-ccg', name: 'West Leicestershire CCG' },
  { id: 'leicester-city-council', name: 'Leicester City Council' },
  { id: 'leicestershire-county-council', name: 'Leicestershire County Council' },
  { id: 'rutland-county-council', name: 'Rutland County Council' },
  { id: 'university-hospitals-of-leicester', name: 'University Hospitals of Leicester NHS Trust' },
  { id: 'leicestershire-partnership-trust', name: 'Leicestershire Partnership NHS Trust' },
];

export const BETTER_CARE_TOGETHER: CreateProgrammeDto = {
  name: 'Better Care Together',
  workflow: 'nhs-service-change',
  workflowVersion: 1,
  sro: { name: 'Kate Shields', email: mail('kate.shields') },
  gates: {
    'pcbc-draft': {
      targetDate: '2015-09-04',
      owner: { name: 'BCT Programme Management Office', email: mail('bct.pmo') },
    },
    'clinical-senate-review': {
      targetDate: '2015-10-05',
      owner: { name: 'LLR Clinical Leadership Group', email: mail('bct.clg') },
    },
    'partner-approvals': {
      targetDate: '2015-10-26',
      owner: { name: 'Helen Seth', email: mail('helen.seth') },
      parties: BCT_PARTIES,
    },
    'nhse-assurance': {
      targetDate: '2015-11-09',
      owner: { name: 'Helen Seth', email: mail('helen.seth') },
      parties: [
        { id: 'nhse', name: 'NHS England' },
        { id: 'tda', name: 'NHS Trust Development Authority' },
      ],
    },
    'public-consultation': {
      targetDate: '2015-11-30',
      owner: { name: 'BCT Communications and Engagement', email: mail('bct.engagement') },
    },
    decision: {
      parties: BCT_PARTIES.slice(0, 3),
    },
  },
};

export interface DemoStep {
  gateId: string;
  complete?: { completedOn: string; note?: string };
  decision?: { partyId: string; decision: string; decidedOn: string; reference?: string; conditions?: string };
}

/** What had happened by late October 2015. */
export const BETTER_CARE_TOGETHER_STEPS: DemoStep[] = [
  { gateId: 'pcbc-draft', complete: { completedOn: '2015-09-07', note: 'Early draft sent to NHS England' } },
  {
    gateId: 'clinical-senate-review',
    complete: { completedOn: '2015-10-05', note: 'Clinical senate report received' },
  },
  {
    gateId: 'partner-approvals',
    decision: {
      partyId: 'leicester-city-ccg',
      decision: 'approved',
      decidedOn: '2015-10-13',
      reference: 'LC CCG Board 13/10/15 item 7',
    },
  },
  {
    gateId: 'partner-approvals',
    decision: {
      partyId: 'west-leicestershire-ccg',
      decision: 'approved',
      decidedOn: '2015-10-20',
      reference: 'WL CCG Board 20/10/15 item 5',
    },
  },
  {
    gateId: 'partner-approvals',
    decision: {
      partyId: 'east-leicestershire-and-rutland-ccg',
      decision: 'approved-with-conditions',
      decidedOn: '2015-10-20',
      reference: 'ELR CCG Board 20/10/15 item 9',
      conditions: 'Equality impact assessment to be completed before consultation starts',
    },
  },
  {
    gateId: 'partner-approvals',
    decision: {
      partyId: 'university-hospitals-of-leicester',
      decision: 'deferred',
      decidedOn: '2015-10-08',
      reference: 'UHL Trust Board 8/10/15: deferred to the November board',
    },
  },
];

export const FIVE_YEAR_PLAN: CreateProgrammeDto = {
  name: 'LLR 5-year strategic plan 2014/15-2019/20',
  workflow: 'plan-submission',
  sro: { name: 'Kate Shields', email: mail('kate.shields') },
  gates: {
    'outline-plan': {
      targetDate: '2014-04-04',
      owner: { name: 'BCT Programme Management Office', email: mail('bct.pmo') },
    },
    'draft-plan': {
      targetDate: '2014-06-30',
      owner: { name: 'BCT Programme Management Office', email: mail('bct.pmo') },
    },
    'discussion-and-review': {
      targetDate: '2014-09-12',
      owner: { name: 'BCT Communications and Engagement', email: mail('bct.engagement') },
    },
    'nhse-assurance-review': {
      targetDate: '2014-09-19',
      owner: { name: 'Helen Seth', email: mail('helen.seth') },
      parties: [{ id: 'nhse-area-team', name: 'NHS England Leicestershire and Lincolnshire Area Team' }],
    },
    'hwb-presentations': {
      targetDate: '2014-09-26',
      owner: { name: 'Helen Seth', email: mail('helen.seth') },
      parties: [
        { id: 'leicester-hwb', name: 'Leicester City Health and Wellbeing Board' },
        { id: 'leicestershire-hwb', name: 'Leicestershire Health and Wellbeing Board' },
        { id: 'rutland-hwb', name: 'Rutland Health and Wellbeing Board' },
      ],
    },
    'final-plan': { targetDate: '2014-09-30', owner: { name: 'Kate Shields', email: mail('kate.shields') } },
  },
};

export const FIVE_YEAR_PLAN_STEPS: DemoStep[] = [
  { gateId: 'outline-plan', complete: { completedOn: '2014-04-04', note: 'Outline submitted to NHS England' } },
  { gateId: 'draft-plan', complete: { completedOn: '2014-06-30', note: 'Draft plan submitted' } },
];
