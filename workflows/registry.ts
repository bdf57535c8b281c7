// Every released workflow definition. Versions are never edited or removed once released: programmes are
// pinned to the version they started on, so a change is a new version (plus, if needed, a migration).
import { nhsServiceChangeV1 } from './definitions/nhs-service-change.v1';
import { nhsServiceChangeV2 } from './definitions/nhs-service-change.v2';
import { nhsServiceChangeV3 } from './definitions/nhs-service-change.v3';
import { planSubmissionV1 } from './definitions/plan-submission.v1';
import { validateDefinition } from './definition';
import type { WorkflowDefinition } from './types';

const DEFINITIONS: readonly WorkflowDefinition[] = [
  nhsServiceChangeV1,
  nhsServiceChangeV2,
  nhsServiceChangeV3,
  planSubmissionV1,
];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

// Fail at load time, not when the first programme of a broken definition is created; and freeze, because a
// released version that some caller edited in memory would silently stop matching its stored programmes.
for (const def of DEFINITIONS) {
  validateDefinition(def);
  deepFreeze(def);
}

/** All versions of all workflows, oldest version first within each id. */
export function listDefinitions(): WorkflowDefinition[] {
  return [...DEFINITIONS].sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
}

/** The newest version of each workflow: what a new programme gets. */
export function latestDefinitions(): WorkflowDefinition[] {
  const newest = new Map<string, WorkflowDefinition>();
  for (const def of listDefinitions()) newest.set(def.id, def);
  return [...newest.values()];
}

/** A definition by id and version; the newest version when version is omitted; undefined when unknown. */
export function getDefinition(id: string, version?: number): WorkflowDefinition | undefined {
  const versions = listDefinitions().filter((d) => d.id === id);
  return version === undefined ? versions[versions.length - 1] : versions.find((d) => d.version === version);
}
