// A five-year strategic plan cycle with fixed NHS England submission deadlines, as Better Care Together ran it
// in 2014: outline plan (4 April), draft plan (end of June), local discussion and review (June to September),
// presentation to health and wellbeing boards and partner boards (September), final plan (end of September).
//
// NHS England's assurance review of the draft and the local discussion both start from the draft and run side
// by side; the boards see the plan after local discussion; the final plan needs both the assurance review
// ("which will inform the final submission") and the boards.
import type { WorkflowDefinition } from '../types';

export const planSubmissionV1: WorkflowDefinition = {
  id: 'plan-submission',
  version: 1,
  title: 'Five-year strategic plan submission',
  description:
    'A unit of planning’s five-year strategic plan, from outline to an approved final plan submitted to ' +
    'NHS England by fixed national deadlines.',
  gates: [
    {
      id: 'outline-plan',
      title: 'Outline plan submitted',
      kind: 'task',
      description: 'Outline of the five-year strategic plan submitted to NHS England.',
      dependsOn: [],
    },
    {
      id: 'draft-plan',
      title: 'Draft plan submitted',
      kind: 'task',
      description:
        'Draft five-year plan, triangulated with organisational plans, health and wellbeing strategies and ' +
        'better care fund plans, submitted to NHS England.',
      dependsOn: ['outline-plan'],
    },
    {
      id: 'discussion-and-review',
      title: 'Local discussion and review',
      kind: 'task',
      description: 'Discussion and review of the draft with local organisations and stakeholder groups.',
      dependsOn: ['draft-plan'],
    },
    {
      id: 'nhse-assurance-review',
      title: 'NHS England assurance review',
      kind: 'approval',
      description: 'NHS England’s assurance review of the draft plan, which informs the final submission.',
      dependsOn: ['draft-plan'],
      partyKind: 'assurer',
    },
    {
      id: 'hwb-presentations',
      title: 'Health and wellbeing board presentations',
      kind: 'approval',
      description:
        'Formal presentation to each health and wellbeing board and partner board, independently and in any order.',
      dependsOn: ['discussion-and-review'],
      partyKind: 'health and wellbeing board or partner board',
    },
    {
      id: 'final-plan',
      title: 'Final plan submitted',
      kind: 'task',
      description: 'The approved final plan submitted to NHS England.',
      dependsOn: ['nhse-assurance-review', 'hwb-presentations'],
    },
  ],
};
