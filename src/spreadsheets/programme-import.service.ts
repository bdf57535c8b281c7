import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PersistedProgramme } from '../../workflows/engine';
import { Decision, GateStatus, ProgrammeContext, WorkflowEvent } from '../../workflows/types';
import { Actor, actorLabel } from '../auth/roles';
import { Clock } from '../core/clock/clock';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { UnitOfWork } from '../core/database/unit-of-work';
import { DomainError, Forbidden } from '../core/errors/domain-error';
import { DecisionEntity } from '../programmes/decision.entity';
import { ForecastChangeEntity } from '../programmes/forecast-change.entity';
import { GateEntity } from '../programmes/gate.entity';
import { PartyEntity } from '../programmes/party.entity';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { ProgrammeService } from '../programmes/programme.service';
import { ProgrammeView } from '../programmes/programme-view';
import { ProgrammeWriter } from '../programmes/programme-writer';
import { WorkflowEngine } from '../workflows/workflow-engine.service';
import { CellError, CellRef, ReplayStep, TrackerPlan, parseTracker } from './tracker-import';
import { NotAWorkbook, WorkbookTooLarge, readWorkbook } from './xlsx';

/** The largest workbook the import reads; a programme tracker is a few tens of kilobytes. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/**
 * The most a workbook may unpack to (its sheets' XML): far above any tracker (2,000 rows of 64
 * cells is under 10 MiB), and a small upload that inflates to tens of megabytes is refused
 * before it is unpacked (decision 030).
 */
export const IMPORT_MAX_UNPACKED_BYTES = 16 * 1024 * 1024;
/** Rows a sheet of a tracker may have; more is not a programme tracker. */
const MAX_ROWS = 2000;

export class WorkbookRefused extends DomainError {
  constructor(errors: CellError[]) {
    super(
      422,
      'WORKBOOK_INVALID',
      'The workbook has errors',
      `${errors.length} cell${errors.length === 1 ? '' : 's'} to correct: ${errors
        .slice(0, 5)
        .map((e) => `${e.field} ${e.message}`)
        .join('; ')}${errors.length > 5 ? '; …' : ''}. Nothing was imported.`,
      errors,
    );
  }
}

export class WorkbookTooLargeUnpacked extends DomainError {
  constructor(unpackedBytes: number) {
    super(
      413,
      'WORKBOOK_TOO_LARGE',
      'Request too large',
      `The workbook unpacks to ${(unpackedBytes / 1024 / 1024).toFixed(1)} MiB; the import reads at most ` +
        `${IMPORT_MAX_UNPACKED_BYTES / 1024 / 1024} MiB. A programme tracker is far smaller: remove what is not the tracker. Nothing was imported.`,
    );
  }
}

export class NotAnXlsx extends DomainError {
  constructor() {
    super(
      415,
      'NOT_A_WORKBOOK',
      'Not an Excel workbook',
      'The upload is not an Excel workbook (.xlsx). Save the tracker as an Excel Workbook and try again.',
    );
  }
}

/**
 * A programme tracker workbook imported as a new programme. Every cell is checked first; then
 * the dates and decisions are replayed through the workflow, in date order, so the programme
 * reaches its state by the same rules as one kept in the service (a step the workflow refuses
 * is reported against the cell it came from); then everything is written in one transaction
 * with one audit entry. Any error, and nothing is written.
 */
@Injectable()
export class ProgrammeImportService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
    @Inject(ProgrammeWriter) private readonly writer: ProgrammeWriter,
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async import(bytes: Buffer, actor: Actor, filename?: string): Promise<ProgrammeView> {
    if (actor.programmeId && actor.role !== 'admin') {
      throw new Forbidden('Your token is limited to one programme; creating programmes needs an unrestricted token');
    }
    let grid;
    try {
      grid = await readWorkbook(bytes, { maxRows: MAX_ROWS, maxUnpackedBytes: IMPORT_MAX_UNPACKED_BYTES });
    } catch (error) {
      if (error instanceof NotAWorkbook) throw new NotAnXlsx();
      if (error instanceof WorkbookTooLarge) throw new WorkbookTooLargeUnpacked(error.unpackedBytes);
      throw error;
    }
    const parsed = parseTracker(grid, {
      definition: (id, version) => {
        try {
          return this.engine.definition(id, version);
        } catch {
          return undefined;
        }
      },
      today: this.clock.today(),
    });
    if ('errors' in parsed) throw new WorkbookRefused(parsed.errors);
    const { plan } = parsed;
    const replayed = this.replay(plan);
    return this.save(plan, replayed, actor, filename);
  }

  private replay(plan: TrackerPlan) {
    const errors: CellError[] = [];
    const fail = (cell: CellRef, message: string) =>
      errors.push({
        field: `${cell.sheet}!${cell.column}${cell.row}`,
        message: `${cell.header}: ${message}`,
        sheet: cell.sheet,
        row: cell.row,
        column: cell.column,
      });
    const partyIds = Object.fromEntries(Object.entries(plan.parties).map(([g, list]) => [g, list.map((p) => p.id)]));
    let persisted: PersistedProgramme = this.engine.start(plan.def, { parties: partyIds });
    const names = new Map(Object.values(plan.parties).flatMap((list) => list.map((p) => [p.id, p.name] as const)));
    for (const step of plan.steps) {
      try {
        persisted = this.engine.apply(persisted, eventOf(step, this.config), (id) => names.get(id) ?? id).persisted;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        fail(step.cell, error.detail);
        // Later steps would only repeat the consequence of this one.
        break;
      }
    }
    const { statuses, context } = this.engine.inspect(persisted);
    if (!errors.length) {
      for (const gate of plan.gates) {
        const status = statuses[gate.gateId];
        if (gate.status && gate.status !== status) {
          fail(
            gate.cells.status,
            `the workbook says '${gate.status}', but its dates and decisions make the gate '${status}'`,
          );
        }
        const kind = plan.def.gates.find((g) => g.id === gate.gateId)?.kind;
        const completedOn = context.gates[gate.gateId]?.completedOn;
        if (kind === 'approval' && gate.actualDate && gate.actualDate !== completedOn) {
          fail(
            gate.cells.actualDate,
            completedOn
              ? `the last approval on the sheet 'Decisions' is dated ${completedOn}`
              : 'the gate is not complete: not every party has approved on the sheet Decisions',
          );
        }
      }
    }
    if (errors.length) throw new WorkbookRefused(errors);
    return { persisted, statuses, context };
  }

  private async save(
    plan: TrackerPlan,
    replayed: { persisted: PersistedProgramme; statuses: Record<string, GateStatus>; context: ProgrammeContext },
    actor: Actor,
    filename: string | undefined,
  ): Promise<ProgrammeView> {
    const id = randomUUID();
    const now = this.clock.now();
    const who = actorLabel(actor);
    const planned = new Map(plan.gates.map((g) => [g.gateId, g]));
    await this.uow.run(async (em) => {
      const programme: ProgrammeEntity = {
        id,
        name: plan.name,
        workflowId: plan.def.id,
        workflowVersion: plan.def.version,
        xstateVersion: replayed.persisted.xstateVersion,
        snapshot: replayed.persisted.snapshot as object,
        sroName: plan.sro.name,
        sroEmail: plan.sro.email,
        reminderPolicy: null,
        councils: null,
        substantialVariation: null,
        scrutiny: null,
        revision: 1,
        createdAt: now,
        updatedAt: now,
      };
      await em.insert(ProgrammeEntity, { ...programme, snapshot: programme.snapshot as object, reminderPolicy: null });
      const gates = plan.def.gates.map((g, position) => {
        const row = planned.get(g.id);
        return em.create(GateEntity, {
          programmeId: id,
          gateId: g.id,
          position,
          status: 'not-started',
          ownerName: row?.ownerName ?? null,
          ownerEmail: row?.ownerEmail ?? null,
          baselineDate: row?.baselineDate ?? null,
          forecastDate: row?.forecastDate ?? null,
          actualDate: null,
          closesOn: null,
          note: row?.note ?? null,
        });
      });
      await em.insert(GateEntity, gates);
      const parties = Object.entries(plan.parties).flatMap(([gateId, list]) =>
        list.map((p, position) => ({ programmeId: id, gateId, partyId: p.id, name: p.name, position })),
      );
      if (parties.length) await em.insert(PartyEntity, parties);
      const decisions = plan.steps.flatMap((s) =>
        s.kind === 'decision'
          ? [
              {
                programmeId: id,
                gateId: s.gateId,
                partyId: s.partyId,
                decision: s.decision,
                decidedOn: s.on,
                reference: s.reference,
                conditions: s.conditions,
                recordedBy: who,
                recordedAt: now,
              },
            ]
          : [],
      );
      for (const d of decisions) await em.insert(DecisionEntity, d);
      // The forecast history starts as a created programme's does: the baseline, then the
      // forecast the tracker gives where it differs.
      const history = plan.gates.flatMap((g) => {
        if (!g.baselineDate) return [];
        const base = { programmeId: id, gateId: g.gateId, causedByGateId: null, actor: who, at: now };
        const rows: Array<typeof base & { fromDate: string | null; toDate: string; reason: string }> = [
          { ...base, fromDate: null, toDate: g.baselineDate, reason: 'Baseline from the imported tracker' },
        ];
        if (g.forecastDate && g.forecastDate !== g.baselineDate) {
          rows.push({
            ...base,
            fromDate: g.baselineDate,
            toDate: g.forecastDate,
            reason: 'Forecast from the imported tracker',
          });
        }
        return rows;
      });
      if (history.length) await em.insert(ForecastChangeEntity, history);
      // The statuses and actual dates the replay reached, saved the one way every change saves them.
      await this.writer.saveState(
        em,
        { programme, gates, parties: [], decisions: [], evidence: [], conditions: [], callIns: [], notifications: [] },
        replayed.persisted,
        replayed.statuses,
        replayed.context,
      );
      await this.writer.audit.append(em, {
        programmeId: id,
        actor: who,
        action: 'programme.imported',
        detail: {
          ...(filename ? { filename } : {}),
          after: {
            name: plan.name,
            workflow: { id: plan.def.id, version: plan.def.version },
            sro: plan.sro,
            gates: plan.gates.length,
            parties: parties.length,
            decisions: decisions.length,
            steps: plan.steps.length,
          },
        },
      });
    });
    return this.programmes.get(id);
  }
}

function eventOf(step: ReplayStep, config: AppConfig): WorkflowEvent {
  switch (step.kind) {
    case 'evidence':
      return { type: 'gate.evidence', gateId: step.gateId, itemId: step.itemId, recordedOn: step.on };
    case 'decision':
      return {
        type: 'gate.decide',
        gateId: step.gateId,
        partyId: step.partyId,
        decision: step.decision as Decision,
        decidedOn: step.on,
      };
    case 'complete':
      return { type: 'gate.complete', gateId: step.gateId, completedOn: step.on };
    case 'start':
      return {
        type: 'consultation.start',
        gateId: step.gateId,
        startsOn: step.on,
        closesOn: step.closesOn,
        justification: step.justification,
        preElectionPeriods: config.calendar.preElectionPeriods,
      };
    case 'close':
      return { type: 'consultation.close', gateId: step.gateId, closedOn: step.on };
  }
}
