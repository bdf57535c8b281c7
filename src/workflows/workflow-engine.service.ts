import { Injectable } from '@nestjs/common';
import {
  ApplyResult,
  PersistedProgramme,
  allowedEvents,
  applyCallIn,
  applyEvent,
  blockers,
  blockersOf,
  inspectProgramme,
  startProgramme,
} from '../../workflows/engine';
import { getDefinition, latestDefinitions, listDefinitions } from '../../workflows/registry';
import { CallInEvent, ProgrammeInput, WorkflowDefinition, WorkflowEvent } from '../../workflows/types';
import { refusalKind } from '../../workflows/refusals';
import { DomainError, NotFound, WorkflowConflict } from '../core/errors/domain-error';

/**
 * The one adapter between the service and the workflow definitions in workflows/: it finds
 * a programme's pinned definition, asks the pure engine, and turns refusals into 409s.
 * No machine lives here and no actor outlives a call.
 */
@Injectable()
export class WorkflowEngine {
  definitions(): WorkflowDefinition[] {
    return listDefinitions();
  }

  latest(): WorkflowDefinition[] {
    return latestDefinitions();
  }

  /** A definition, or 404. Without a version, the newest: what a new programme is started on. */
  definition(id: string, version?: number): WorkflowDefinition {
    const def = getDefinition(id, version);
    if (!def) throw new NotFound('Workflow', version === undefined ? id : `${id} v${version}`);
    return def;
  }

  start(def: WorkflowDefinition, input: ProgrammeInput): PersistedProgramme {
    return startProgramme(def, input);
  }

  /** Applies an event or throws WorkflowConflict with the rule's reason. */
  apply(
    persisted: PersistedProgramme,
    event: WorkflowEvent,
    partyName?: (id: string) => string,
  ): Extract<ApplyResult, { ok: true }> {
    const def = this.definition(persisted.definitionId, persisted.definitionVersion);
    const result = applyEvent(def, persisted, event, { partyName });
    if (!result.ok) throw refusalError(result.refusal.code, result.refusal.reason);
    return result;
  }

  /** A step of the call-in region; refused as a 409 (or 422) with the rules' reason. */
  applyCallIn(persisted: PersistedProgramme, event: CallInEvent): Extract<ApplyResult, { ok: true }> {
    const result = applyCallIn(this.definition(persisted.definitionId, persisted.definitionVersion), persisted, event);
    if (!result.ok) throw refusalError(result.refusal.code, result.refusal.reason);
    return result;
  }

  inspect(persisted: PersistedProgramme) {
    const def = this.definition(persisted.definitionId, persisted.definitionVersion);
    return { def, ...inspectProgramme(def, persisted) };
  }

  allowed(persisted: PersistedProgramme) {
    return allowedEvents(this.definition(persisted.definitionId, persisted.definitionVersion), persisted);
  }

  blockers(persisted: PersistedProgramme, partyName?: (id: string) => string) {
    return blockers(this.definition(persisted.definitionId, persisted.definitionVersion), persisted, { partyName });
  }

  /** What holds each gate back, for a programme already inspected (no second restore). */
  blockersOf(state: ReturnType<WorkflowEngine['inspect']>, partyName?: (id: string) => string) {
    return blockersOf(state.def, state.context, state.statuses, { partyName });
  }
}

/** Bad input is 422, an unknown gate 404, and a step the workflow does not allow now 409. */
export function refusalError(code: string, reason: string): DomainError {
  switch (refusalKind(code)) {
    case 'invalid':
      return new DomainError(422, code, 'Invalid request', reason, [{ field: fieldOf(code), message: reason }]);
    case 'not-found':
      return new DomainError(404, code, 'Not found', reason);
    case 'conflict':
      return new WorkflowConflict(code, reason);
  }
}

function fieldOf(code: string): string {
  if (code === 'UNKNOWN_PARTY' || code === 'INVALID_PARTIES') return 'partyId';
  if (code === 'UNKNOWN_EVIDENCE') return 'itemId';
  if (code === 'INVALID_DECISION') return 'decision';
  return '(body)';
}
