import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor, actorLabel } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../core/clock/clock';
import { UnitOfWork } from '../core/database/unit-of-work';
import { NotFound, ValidationFailed } from '../core/errors/domain-error';
import { ProgrammeService } from '../programmes/programme.service';
import { ProgrammeStore } from '../programmes/programme.store';
import { WhatIfChange } from './what-if.dto';
import { WhatIfScenarioEntity } from './what-if-scenario.entity';
import { WhatIfService } from './what-if.service';

/** A programme keeps at most this many saved scenarios. */
export const MAX_SCENARIOS = 50;

export interface ScenarioSummary {
  id: string;
  name: string;
  changes: WhatIfChange[];
  savedAt: string;
  savedBy: string;
  programmeRevision: number;
  /** The programme has changed since the scenario was saved: its answer may differ from what was shown then. */
  stale: boolean;
}

/**
 * Named what-ifs ("option A", "option B"). Saving one writes the scenario and an audit entry,
 * never the programme: its revision does not move, so no other scenario turns stale by it.
 */
@Injectable()
export class WhatIfScenariosService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(ProgrammeStore) private readonly store: ProgrammeStore,
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(WhatIfService) private readonly whatIf: WhatIfService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async save(id: string, name: string, changes: WhatIfChange[], actor: Actor): Promise<ScenarioSummary> {
    this.programmes.checkScope(id, actor);
    const who = actorLabel(actor);
    const saved = await this.uow.run(async (em) => {
      const aggregate = await this.store.load(em, id, { lock: true });
      // Only a what-if that can be run is kept: the same checks, answered the same way.
      await this.whatIf.answer(aggregate, changes);
      const count = await em.getRepository(WhatIfScenarioEntity).count({ where: { programmeId: id } });
      if (count >= MAX_SCENARIOS) {
        throw new ValidationFailed([
          { field: 'name', message: `a programme keeps at most ${MAX_SCENARIOS} scenarios: delete one first` },
        ]);
      }
      const row = Object.assign(new WhatIfScenarioEntity(), {
        id: randomUUID(),
        programmeId: id,
        name,
        changes,
        programmeRevision: aggregate.programme.revision,
        createdBy: who,
        createdAt: this.clock.now(),
      });
      await em.insert(WhatIfScenarioEntity, row);
      await this.audit.append(em, {
        programmeId: id,
        actor: who,
        action: 'scenario.saved',
        detail: { after: { id: row.id, name, changes }, revision: aggregate.programme.revision },
      });
      return row;
    });
    return summary(saved, saved.programmeRevision);
  }

  async list(id: string, actor: Actor): Promise<ScenarioSummary[]> {
    const view = await this.programmes.get(id, actor);
    const rows = await this.uow.read
      .getRepository(WhatIfScenarioEntity)
      .find({ where: { programmeId: id }, order: { createdAt: 'ASC', name: 'ASC' } });
    return rows.map((r) => summary(r, view.revision));
  }

  /** A saved scenario worked out again against the programme as it is now. */
  async show(id: string, scenarioId: string, actor: Actor) {
    this.programmes.checkScope(id, actor);
    const row = await this.find(id, scenarioId);
    const aggregate = await this.programmes.loadForReading(id);
    const scenario = summary(row, aggregate.programme.revision);
    try {
      return { scenario, answer: await this.whatIf.answer(aggregate, row.changes), problems: [] };
    } catch (error) {
      // The programme moved on so far that the scenario no longer applies (a gate since completed).
      const errors = (error as { errors?: Array<{ field: string; message: string }> }).errors;
      if (!errors) throw error;
      return { scenario: { ...scenario, stale: true }, answer: null, problems: errors };
    }
  }

  async remove(id: string, scenarioId: string, actor: Actor): Promise<void> {
    this.programmes.checkScope(id, actor);
    await this.uow.run(async (em) => {
      const row = await em.getRepository(WhatIfScenarioEntity).findOne({ where: { id: scenarioId, programmeId: id } });
      if (!row) throw new NotFound('Scenario', scenarioId);
      await em.delete(WhatIfScenarioEntity, { id: scenarioId });
      await this.audit.append(em, {
        programmeId: id,
        actor: actorLabel(actor),
        action: 'scenario.deleted',
        detail: { before: { id: row.id, name: row.name } },
      });
    });
  }

  private async find(id: string, scenarioId: string): Promise<WhatIfScenarioEntity> {
    const row = await this.uow.read
      .getRepository(WhatIfScenarioEntity)
      .findOne({ where: { id: scenarioId, programmeId: id } });
    if (!row) throw new NotFound('Scenario', scenarioId);
    return row;
  }
}

function summary(row: WhatIfScenarioEntity, revision: number): ScenarioSummary {
  return {
    id: row.id,
    name: row.name,
    changes: typeof row.changes === 'string' ? (JSON.parse(row.changes) as WhatIfChange[]) : row.changes,
    savedAt: new Date(row.createdAt).toISOString(),
    savedBy: row.createdBy,
    programmeRevision: Number(row.programmeRevision),
    stale: Number(row.programmeRevision) !== revision,
  };
}
