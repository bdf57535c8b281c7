import { Inject, Injectable } from '@nestjs/common';
import { MigrationError, migrateProgramme } from '../../workflows/migrations';
import { Actor, actorLabel } from '../auth/roles';
import { UnitOfWork } from '../core/database/unit-of-work';
import { ValidationFailed, WorkflowConflict } from '../core/errors/domain-error';
import { WorkflowEngine } from '../workflows/workflow-engine.service';
import { GateEntity } from './gate.entity';
import { ProgrammeEntity } from './programme.entity';
import { ProgrammeService } from './programme.service';
import { ProgrammeAggregate, ProgrammeStore, persistedOf } from './programme.store';
import { ProgrammeView } from './programme-view';
import { ProgrammeWriter } from './programme-writer';

export interface MigrationPreview {
  programmeId: string;
  workflow: { id: string; fromVersion: number; toVersion: number; title: string };
  kept: Array<{
    id: string;
    title: string;
    statusBefore: string;
    statusAfter: string;
    baselineDate: string | null;
    forecastDate: string | null;
    actualDate: string | null;
  }>;
  added: Array<{ id: string; title: string; status: string }>;
  removed: Array<{ id: string; title: string }>;
}

/**
 * Moves a running programme to a newer version of its workflow. Never automatic: a
 * programme stays on the version it started on until someone asks, and the audit says who.
 */
@Injectable()
export class ProgrammeMigrationService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(ProgrammeStore) private readonly store: ProgrammeStore,
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
    @Inject(ProgrammeWriter) private readonly writer: ProgrammeWriter,
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
  ) {}

  /**
   * What a move to `toVersion` would change, without changing anything: gates added, removed
   * and kept (with their dates and statuses before and after). Refused exactly as `migrate` is.
   */
  async preview(id: string, toVersion: number): Promise<MigrationPreview> {
    const aggregate = await this.store.load(this.uow.read, id);
    const { target, statuses } = this.plan(aggregate, toVersion);
    const from = this.engine.definition(aggregate.programme.workflowId, aggregate.programme.workflowVersion);
    const before = this.engine.inspect(persistedOf(aggregate.programme)).statuses;
    const rows = new Map(aggregate.gates.map((g) => [g.gateId, g]));
    const targetIds = new Set(target.gates.map((g) => g.id));
    return {
      programmeId: id,
      workflow: { id: target.id, fromVersion: from.version, toVersion: target.version, title: target.title },
      kept: target.gates
        .filter((g) => rows.has(g.id))
        .map((g) => ({
          id: g.id,
          title: g.title,
          statusBefore: before[g.id],
          statusAfter: statuses[g.id],
          baselineDate: rows.get(g.id)!.baselineDate,
          forecastDate: rows.get(g.id)!.forecastDate,
          actualDate: rows.get(g.id)!.actualDate,
        })),
      added: target.gates
        .filter((g) => !rows.has(g.id))
        .map((g) => ({ id: g.id, title: g.title, status: statuses[g.id] })),
      removed: from.gates.filter((g) => !targetIds.has(g.id)).map((g) => ({ id: g.id, title: g.title })),
    };
  }

  /** The one place the rules of a move are applied, for the preview and the move alike. */
  private plan(aggregate: ProgrammeAggregate, toVersion: number) {
    const { programme } = aggregate;
    const from = programme.workflowVersion;
    if (toVersion <= from) {
      throw new ValidationFailed([
        { field: 'toVersion', message: `the programme is on version ${from}; migrate only to a newer version` },
      ]);
    }
    const target = this.engine.definition(programme.workflowId, toVersion);
    let persisted;
    try {
      persisted = migrateProgramme(persistedOf(programme), toVersion);
    } catch (error) {
      if (error instanceof MigrationError) throw new WorkflowConflict('MIGRATION_REFUSED', error.message);
      throw error;
    }
    return { target, persisted, from, ...this.engine.inspect(persisted) };
  }

  async migrate(id: string, toVersion: number, actor: Actor): Promise<ProgrammeView> {
    const changed = await this.uow.run(async (em) => {
      const aggregate = await this.store.load(em, id, { lock: true });
      const { programme } = aggregate;
      const { target, persisted, from, statuses, context } = this.plan(aggregate, toVersion);
      // Gates the new version adds get rows (no dates yet); every gate takes its new position.
      const added: string[] = [];
      for (const [position, gateDef] of target.gates.entries()) {
        const row = aggregate.gates.find((g) => g.gateId === gateDef.id);
        if (row) {
          if (row.position !== position) {
            row.position = position;
            await em.update(GateEntity, { programmeId: id, gateId: gateDef.id }, { position });
          }
          continue;
        }
        const created = em.create(GateEntity, {
          programmeId: id,
          gateId: gateDef.id,
          position,
          status: statuses[gateDef.id],
          ownerName: null,
          ownerEmail: null,
          baselineDate: null,
          forecastDate: null,
          actualDate: null,
          closesOn: null,
          note: null,
        });
        await em.insert(GateEntity, created);
        aggregate.gates.push(created);
        added.push(gateDef.id);
      }
      aggregate.gates.sort((a, b) => a.position - b.position);
      await this.writer.saveState(em, aggregate, persisted, statuses, context);
      programme.workflowVersion = toVersion;
      await em.update(ProgrammeEntity, { id }, { workflowVersion: toVersion });
      await this.writer.touch(em, programme);
      await this.writer.audit.append(em, {
        programmeId: id,
        actor: actorLabel(actor),
        action: 'programme.migrated',
        detail: {
          before: { workflow: { id: programme.workflowId, version: from } },
          after: { workflow: { id: programme.workflowId, version: toVersion } },
          addedGates: added,
          revision: programme.revision,
        },
      });
      return { aggregate, def: target, statuses, context };
    });
    return this.programmes.view(changed.aggregate, changed);
  }
}
