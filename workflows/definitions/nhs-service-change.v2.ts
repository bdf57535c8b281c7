// NHS service change, revised for the March 2018 guidance ("Planning, assuring and delivering service change
// for patients"). What changed from v1, and why:
// - `stage-1-sense-check` is recorded. It has no dependents: programmes often arrive after stage 1, and it
//   must never stop anyone drafting a PCBC.
// - NHS England's assurance is the stage 2 checkpoint; the TDA merged into NHS Improvement in 2016, so the
//   title no longer names it (the assurers are per-programme parties either way).
// - Independent analysis of consultation responses becomes its own gate between consultation and DMBC,
//   because the DMBC cannot honestly be written before the analysis exists.
// The first five gates keep their ids, kinds and (absent) evidence, so the service's scripts and the v1 -> v2
// migration carry over unchanged.
import type { WorkflowDefinition } from '../types';
import {
  EQUALITY_IMPACT_ASSESSMENT,
  FIVE_TESTS,
  INDEPENDENT_ANALYSIS,
  nhsServiceChangeV1,
} from './nhs-service-change.v1';

const v1 = Object.fromEntries(nhsServiceChangeV1.gates.map((g) => [g.id, g]));

export const nhsServiceChangeV2: WorkflowDefinition = {
  id: 'nhs-service-change',
  version: 2,
  title: 'NHS service change',
  description:
    'A service-change programme from stage 1 sense check through the stage 2 assurance checkpoint and public ' +
    'consultation to a decision in public (NHS England service change guidance, 2018).',
  consultation: { normalLengthDays: 84 },
  gates: [
    {
      id: 'stage-1-sense-check',
      title: 'Stage 1 strategic sense check',
      kind: 'task',
      description: 'NHS England’s strategic sense check of the emerging proposals, before options are worked up.',
      dependsOn: [],
    },
    v1['pcbc-draft'],
    v1['clinical-senate-review'],
    v1['partner-approvals'],
    {
      ...v1['nhse-assurance'],
      title: 'NHS England stage 2 assurance',
      description: 'NHS England’s stage 2 assurance checkpoint on the PCBC, before the decision to consult.',
    },
    v1['public-consultation'],
    {
      id: 'consultation-analysis',
      title: 'Independent analysis of consultation responses',
      kind: 'task',
      description: 'An independent organisation analyses and reports on every consultation response.',
      dependsOn: ['public-consultation'],
      evidence: [INDEPENDENT_ANALYSIS],
    },
    {
      ...v1['decision-making-business-case'],
      dependsOn: ['consultation-analysis'],
      evidence: [...FIVE_TESTS, EQUALITY_IMPACT_ASSESSMENT],
    },
    v1['decision'],
  ],
};
