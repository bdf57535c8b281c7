// Shared by the rule specs: expect a refusal (with a known code) and build a consultation start.
import { nhsServiceChangeV1 } from './definitions/nhs-service-change.v1';
import { applyEvent, type PersistedProgramme } from './engine';
import { REFUSAL_KINDS } from './refusals';
import type { Refusal, WorkflowDefinition, WorkflowEvent } from './types';

export function refusal(
  persisted: PersistedProgramme,
  event: WorkflowEvent,
  workflow: WorkflowDefinition = nhsServiceChangeV1,
): Refusal {
  const result = applyEvent(workflow, persisted, event);
  if (result.ok) throw new Error(`expected ${event.type} to be refused`);
  expect(REFUSAL_KINDS).toHaveProperty(result.refusal.code);
  return result.refusal;
}

export const start = (startsOn: string, closesOn: string, extra: Partial<WorkflowEvent> = {}): WorkflowEvent =>
  ({
    type: 'consultation.start',
    gateId: 'public-consultation',
    startsOn,
    closesOn,
    preElectionPeriods: [],
    ...extra,
  }) as WorkflowEvent;
