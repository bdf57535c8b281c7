// Moving a running programme to a newer version of its workflow. Programmes stay on the version they started
// on unless someone migrates them deliberately; each migration maps state and context explicitly, gate by
// gate, and refuses rather than guess. One principle throughout: a migration never moves a gate backwards
// (complete -> open, open -> not started), because people have acted on what the programme showed them.
import { latest } from './dates';
import { statusesFromContext, statusesFromValue, valueFromStatuses } from './context';
import { gateTitle } from './definition';
import { persist, restore, XSTATE_VERSION, type PersistedProgramme } from './engine';
import { getDefinition } from './registry';
import type { GateContext, GateStatus, ProgrammeContext, WorkflowDefinition } from './types';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

interface Migrated {
  context: ProgrammeContext;
  statuses: Record<string, GateStatus>;
}

interface Migration {
  definitionId: string;
  from: number;
  migrate(
    from: WorkflowDefinition,
    to: WorkflowDefinition,
    context: ProgrammeContext,
    statuses: Record<string, GateStatus>,
  ): Migrated;
}

const RANK: Record<GateStatus, number> = { 'not-started': 0, open: 1, running: 2, complete: 3 };

/** nhs-service-change v1 -> v2: adds the stage 1 sense check and splits the independent analysis out of the DMBC. */
const nhsServiceChange1to2: Migration = {
  definitionId: 'nhs-service-change',
  from: 1,
  migrate(v1, v2, context, statuses) {
    const gates: Record<string, GateContext> = {};
    const next: Record<string, GateStatus> = {};
    const copy = (id: string) => {
      gates[id] = structuredClone(context.gates[id]);
      next[id] = statuses[id];
    };
    for (const id of [
      'pcbc-draft',
      'clinical-senate-review',
      'partner-approvals',
      'nhse-assurance',
      'public-consultation',
      'decision',
    ]) {
      copy(id);
    }
    // Stage 1 happened before these programmes were set up; it opens, and blocks nothing.
    gates['stage-1-sense-check'] = { evidence: {} };
    next['stage-1-sense-check'] = 'open';

    const dmbc = context.gates['decision-making-business-case'];
    const analysedOn = dmbc.evidence['independent-analysis'];
    const consultationClosed = context.gates['public-consultation'].completedOn;
    if (!consultationClosed) {
      gates['consultation-analysis'] = { evidence: analysedOn ? { 'independent-analysis': analysedOn } : {} };
      next['consultation-analysis'] = 'not-started';
    } else if (analysedOn) {
      // The analysis cannot finish before the consultation closed, whatever date the evidence was given.
      const completedOn = latest([analysedOn, consultationClosed]);
      gates['consultation-analysis'] = { evidence: { 'independent-analysis': analysedOn }, completedOn };
      next['consultation-analysis'] = 'complete';
    } else {
      gates['consultation-analysis'] = { evidence: {} };
      next['consultation-analysis'] = 'open';
    }
    const { 'independent-analysis': _moved, ...dmbcEvidence } = dmbc.evidence;
    gates['decision-making-business-case'] = { ...structuredClone(dmbc), evidence: dmbcEvidence };
    next['decision-making-business-case'] =
      statuses['decision-making-business-case'] === 'open' && next['consultation-analysis'] !== 'complete'
        ? 'not-started'
        : statuses['decision-making-business-case'];

    for (const gate of v1.gates) {
      if (RANK[next[gate.id]] < RANK[statuses[gate.id]]) {
        throw new MigrationError(
          `Cannot move this programme to ${v2.id} v${v2.version}: ${gateTitle(v1, gate.id)} is ${statuses[gate.id]} but would ` +
            `become ${next[gate.id]}, because v${v2.version} makes "${gateTitle(v2, 'consultation-analysis')}" a gate of its ` +
            `own before it. Record the independent-analysis evidence first, then migrate.`,
        );
      }
    }
    return { context: { gates }, statuses: next };
  },
};

/**
 * nhs-service-change v2 -> v3: every v2 gate keeps its status and dates; the gates of the 2024 regime are added
 * with nothing recorded. Those whose dependencies are complete open (the health scrutiny consultation at once,
 * the judicial review window after a decision already made); the others wait.
 */
const nhsServiceChange2to3: Migration = {
  definitionId: 'nhs-service-change',
  from: 2,
  migrate(v2, v3, context, statuses) {
    const gates: Record<string, GateContext> = {};
    for (const gate of v2.gates) gates[gate.id] = structuredClone(context.gates[gate.id]);
    for (const gate of v3.gates) gates[gate.id] ??= { evidence: {} };
    const migrated: ProgrammeContext = { gates };
    const next = statusesFromContext(v3, migrated);
    for (const gate of v2.gates) {
      if (next[gate.id] !== statuses[gate.id]) {
        throw new MigrationError(
          `Cannot move this programme to ${v3.id} v${v3.version}: ${gateTitle(v2, gate.id)} would change from ` +
            `${statuses[gate.id]} to ${next[gate.id]}`,
        );
      }
    }
    return { context: migrated, statuses: next };
  },
};

const MIGRATIONS: readonly Migration[] = [nhsServiceChange1to2, nhsServiceChange2to3];

function step(persisted: PersistedProgramme, from: WorkflowDefinition, to: WorkflowDefinition): PersistedProgramme {
  const migration = MIGRATIONS.find((m) => m.definitionId === from.id && m.from === from.version);
  if (!migration) throw new MigrationError(`There is no migration from ${from.id} v${from.version} to v${to.version}`);
  const snapshot = restore(from, persisted);
  const { context, statuses } = migration.migrate(from, to, snapshot.context, statusesFromValue(from, snapshot.value));

  // The mapping states each gate's status explicitly; the recorded dates must tell the same story.
  const implied = statusesFromContext(to, context);
  const mismatch = to.gates.find((g) => implied[g.id] !== statuses[g.id]);
  if (mismatch) {
    throw new MigrationError(
      `Migration to ${to.id} v${to.version} is inconsistent for '${mismatch.id}': mapped to ${statuses[mismatch.id]}, ` +
        `recorded dates say ${implied[mismatch.id]}`,
    );
  }
  const draft: PersistedProgramme = {
    definitionId: to.id,
    definitionVersion: to.version,
    xstateVersion: XSTATE_VERSION,
    snapshot: { status: 'active', value: valueFromStatuses(statuses), context, children: {}, historyValue: {} },
  };
  // Restoring under the new version proves it accepts the result; persisting again makes it canonical.
  return persist(to, restore(to, draft));
}

/** Moves a persisted programme to `toVersion` of its workflow, one version at a time. Throws MigrationError. */
export function migrateProgramme(persisted: PersistedProgramme, toVersion: number): PersistedProgramme {
  const { definitionId, definitionVersion } = persisted;
  const name = `${definitionId} v${definitionVersion}`;
  if (!getDefinition(definitionId, definitionVersion)) throw new MigrationError(`Unknown workflow ${name}`);
  if (!getDefinition(definitionId, toVersion))
    throw new MigrationError(`Unknown workflow ${definitionId} v${toVersion}`);
  if (toVersion < definitionVersion) {
    throw new MigrationError(`Cannot move ${name} back to v${toVersion}: migrations only go forwards`);
  }
  let current = persisted;
  for (let version = definitionVersion; version < toVersion; version++) {
    current = step(current, getDefinition(definitionId, version)!, getDefinition(definitionId, version + 1)!);
  }
  return current;
}
