import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PersistedProgramme, snapshotJson } from '../../workflows/engine';
import { GateStatus, IsoDate, ProgrammeContext, WorkflowDefinition } from '../../workflows/types';
import { Actor, actorLabel } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import { WorkingCalendar } from '../calendar/working-days';
import { Clock } from '../core/clock/clock';
import { ForecastChangeEntity } from './forecast-change.entity';
import { GateEntity } from './gate.entity';
import { plannedGates } from './programme-view';
import { ProgrammeEntity } from './programme.entity';
import { instant, jsonPlaceholder, param } from '../core/database/sql';
import { ProgrammeAggregate } from './programme.store';
import { ForecastMove, ReforecastPlan, carriedMoves } from './rules/schedule';

export interface CarriedChange {
  gateId: string;
  from: IsoDate | null;
  to: IsoDate;
}

/**
 * The write half shared by every change to a programme: saving the new snapshot and the
 * gate statuses it implies, carrying a slip to dependent gates, and the forecast history.
 * Always called inside the caller's transaction.
 */
@Injectable()
export class ProgrammeWriter {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(WorkingCalendar) private readonly calendar: WorkingCalendar,
    @Inject(AuditService) readonly audit: AuditService,
  ) {}

  /** Saves the snapshot and mirrors each gate's status and actual date onto its row. */
  async saveState(
    em: EntityManager,
    aggregate: ProgrammeAggregate,
    persisted: PersistedProgramme,
    statuses: Record<string, GateStatus>,
    context: ProgrammeContext,
  ): Promise<void> {
    for (const row of aggregate.gates) {
      const status = statuses[row.gateId];
      const gateContext = context.gates[row.gateId];
      const actualDate =
        status === 'complete'
          ? (gateContext?.completedOn ?? row.actualDate)
          : status === 'running'
            ? (gateContext?.consultation?.startsOn ?? null)
            : null;
      const closesOn = gateContext?.consultation?.closesOn ?? row.closesOn;
      if (row.status !== status || row.actualDate !== actualDate || row.closesOn !== closesOn) {
        row.status = status;
        row.actualDate = actualDate;
        row.closesOn = closesOn;
        await em.update(
          GateEntity,
          { programmeId: row.programmeId, gateId: row.gateId },
          { status, actualDate, closesOn },
        );
      }
    }
    aggregate.programme.snapshot = persisted.snapshot;
    aggregate.programme.xstateVersion = persisted.xstateVersion;
  }

  /** Bumps the revision; every change ends here, so the row's lock covers the whole change. */
  async touch(em: EntityManager, programme: ProgrammeEntity): Promise<void> {
    programme.revision += 1;
    programme.updatedAt = this.clock.now();
    await em.query(
      `UPDATE programme SET snapshot = ${jsonPlaceholder(em, 1)}, xstate_version = ${param(em, 2)},
              revision = ${param(em, 3)}, updated_at = ${param(em, 4)} WHERE id = ${param(em, 5)}`,
      [
        snapshotJson(programme.snapshot),
        programme.xstateVersion,
        programme.revision,
        instant(em, programme.updatedAt),
        programme.id,
      ],
    );
  }

  /** Records a forecast change for one gate, with its reason. */
  async recordForecast(
    em: EntityManager,
    row: GateEntity,
    to: IsoDate,
    reason: string,
    actor: string,
    causedByGateId: string | null = null,
  ): Promise<void> {
    await em.insert(ForecastChangeEntity, {
      programmeId: row.programmeId,
      gateId: row.gateId,
      fromDate: row.forecastDate,
      toDate: to,
      reason,
      causedByGateId,
      actor,
      at: this.clock.now(),
    });
    row.forecastDate = to;
    await em.update(GateEntity, { programmeId: row.programmeId, gateId: row.gateId }, { forecastDate: to });
  }

  /**
   * Moves the forecasts of the gates that depend on `causeGateId` so they keep their planned
   * gaps in working days (rules/schedule.ts, carriedMoves). Only later: a slip never pulls
   * another gate forward.
   */
  async carrySlip(
    em: EntityManager,
    aggregate: ProgrammeAggregate,
    def: WorkflowDefinition,
    statuses: Record<string, GateStatus>,
    causeGateId: string,
    why: string,
    actor: Actor | string,
  ): Promise<CarriedChange[]> {
    const moves = carriedMoves(plannedGates(aggregate, def, statuses), causeGateId, this.calendar);
    return this.writeMoves(em, aggregate, moves, why, actor);
  }

  /**
   * Writes a re-forecast as rules/schedule.ts planned it: the baseline if the gate had none,
   * its new forecast with the reason, then the carried slip. Answers the carried changes.
   */
  async writeReforecast(
    em: EntityManager,
    aggregate: ProgrammeAggregate,
    plan: ReforecastPlan,
    reason: string,
    carriedWhy: string,
    actor: Actor | string,
  ): Promise<CarriedChange[]> {
    const row = aggregate.gates.find((g) => g.gateId === plan.gateId)!;
    if (plan.baselineDate) {
      row.baselineDate = plan.baselineDate;
      await em.update(
        GateEntity,
        { programmeId: row.programmeId, gateId: row.gateId },
        { baselineDate: plan.baselineDate },
      );
    }
    const [own, ...carried] = plan.moves;
    await this.recordForecast(em, row, own.to, reason, typeof actor === 'string' ? actor : actorLabel(actor));
    return this.writeMoves(em, aggregate, carried, carriedWhy, actor);
  }

  private async writeMoves(
    em: EntityManager,
    aggregate: ProgrammeAggregate,
    moves: ForecastMove[],
    why: string,
    actor: Actor | string,
  ): Promise<CarriedChange[]> {
    const who = typeof actor === 'string' ? actor : actorLabel(actor);
    const changes: CarriedChange[] = [];
    for (const move of moves) {
      const row = aggregate.gates.find((g) => g.gateId === move.gateId);
      if (!row) continue;
      changes.push({ gateId: move.gateId, from: move.from, to: move.to });
      await this.recordForecast(em, row, move.to, why, who, move.causedBy);
    }
    return changes;
  }
}
