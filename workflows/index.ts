// The public API of the workflow engine. The Nest service imports from here only.
export * from './types';
export { buildMachine, machineId, APPROVAL_OPEN_DESCRIPTION } from './machine';
export type { WorkflowMachine } from './machine';
export {
  startProgramme,
  applyEvent,
  inspectProgramme,
  allowedEvents,
  blockers,
  checkInput,
  runEvents,
  restore,
  persist,
  XSTATE_VERSION,
  DefinitionMismatchError,
  CorruptSnapshotError,
  InvalidInputError,
} from './engine';
export type { PersistedProgramme, ApplyResult, ExplainOptions } from './engine';
export { explain, RULES } from './guards';
export type { Rule, RuleState, GateCondition } from './guards';
export { REFUSAL_KINDS, refusalKind } from './refusals';
export type { RefusalCode, RefusalKind } from './refusals';
export { listDefinitions, latestDefinitions, getDefinition } from './registry';
export { migrateProgramme, MigrationError } from './migrations';
export { toMermaid } from './diagram';
export type { DiagramOptions } from './diagram';
export { DefinitionError, validateDefinition } from './definition';
export { statusesFromContext, openedOn } from './context';
export { invariantViolations } from './invariants';
export { isIsoDate } from './dates';
