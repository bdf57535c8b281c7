// NHS service change under the 2024 intervention regime (NHS Act 2006 Schedule 10A; DHSC statutory guidance
// "Reconfiguring NHS services – ministerial intervention powers"; SI 2024/15 and 2024/16), on top of the 2018
// guidance of v2. What changed from v2, and why:
// - The health scrutiny consultation (regulation 23 of SI 2013/218) is a gate: the committee (or joint
//   committee) named, and the proposed decision date and the date comments are due given to it. It has no
//   dependencies: the committee is consulted as soon as there are proposals, often before the PCBC is final.
// - The Secretary of State notification of a notifiable reconfiguration follows it. It is skippable: the
//   service skips it, with the reason, when the programme is not a substantial variation or its reg. 23
//   consultation began before 31 January 2024.
// - After the decision in public, the committee and the Secretary of State are told of it, and the judicial
//   review window (3 months from the decision) is watched as a gate the service completes when it passes.
// - The consultation launch requires the conditions of NHS England's stage 2 assurance discharged.
// - A call-in by the Secretary of State can happen at any stage: a parallel concern the service tracks beside
//   the gates (see src/programmes/rules/call-in.ts); it pauses every gate not yet complete.
// The first nine gates keep v2's ids and kinds, so the v2 -> v3 migration maps them one to one.
import type { WorkflowDefinition } from '../types';
import { nhsServiceChangeV2 } from './nhs-service-change.v2';

const v2 = Object.fromEntries(nhsServiceChangeV2.gates.map((g) => [g.id, g]));

export const REG23_START = '2024-01-31';

export const nhsServiceChangeV3: WorkflowDefinition = {
  id: 'nhs-service-change',
  version: 3,
  title: 'NHS service change',
  description:
    'A service-change programme under the 2024 intervention regime: stage 1 sense check, PCBC, clinical senate, ' +
    'stage 2 assurance, decision to consult, health scrutiny consultation (reg. 23), Secretary of State ' +
    'notification, public consultation, independent analysis, DMBC, decision in public, and the judicial review window.',
  consultation: { normalLengthDays: 84 },
  callIn: true,
  gates: [
    v2['stage-1-sense-check'],
    v2['pcbc-draft'],
    v2['clinical-senate-review'],
    { ...v2['partner-approvals'], title: 'Partner decisions to consult' },
    v2['nhse-assurance'],
    {
      id: 'health-scrutiny-consultation',
      title: 'Health scrutiny consultation (reg. 23)',
      kind: 'task',
      description:
        'The health overview and scrutiny committee (or joint committee) is consulted under regulation 23 and given ' +
        'the proposed decision date and the date its comments are due; every later change of those dates is told to it.',
      dependsOn: [],
      skippable: true,
      recordsScrutiny: true,
    },
    {
      id: 'secretary-of-state-notification',
      title: 'Secretary of State notified',
      kind: 'task',
      description:
        'A notifiable reconfiguration is notified to the Secretary of State, stating the committee’s view. Required ' +
        'for a substantial variation whose reg. 23 consultation started on or after 31 January 2024; skipped, with ' +
        'the reason, otherwise.',
      dependsOn: ['health-scrutiny-consultation'],
      skippable: true,
    },
    {
      ...v2['public-consultation'],
      requiresConditionsDischarged: ['nhse-assurance'],
    },
    v2['consultation-analysis'],
    v2['decision-making-business-case'],
    v2['decision'],
    {
      id: 'decision-notified',
      title: 'Committee and Secretary of State told of the decision',
      kind: 'task',
      description:
        'The health scrutiny committee and, for a notifiable reconfiguration, the Secretary of State are told of the decision.',
      dependsOn: ['decision', 'secretary-of-state-notification'],
    },
    {
      id: 'judicial-review-window',
      title: 'Judicial review window',
      kind: 'task',
      description:
        'A claim for judicial review must be brought promptly and within 3 months of the decision; the service ' +
        'completes this gate when the window has passed.',
      dependsOn: ['decision'],
      closesItself: { monthsAfter: 'decision', months: 3 },
    },
  ],
};
