import { Inject, Injectable } from '@nestjs/common';
import { IsoDate } from '../../workflows/types';
import { Actor } from '../auth/roles';
import { UnitOfWork } from '../core/database/unit-of-work';
import { param, params, toInstant } from '../core/database/sql';
import { ProgrammeService } from '../programmes/programme.service';
import { ProgrammeStore } from '../programmes/programme.store';
import { WorkflowEngine } from '../workflows/workflow-engine.service';
import { CalendarGate, CalendarProgramme, GateEvent, gateEvents } from './gate-events';
import { renderIcs } from './ics';

/** The audit actions after which a gate's date is an actual rather than a forecast. */
const DONE_ACTIONS = ['gate.completed', 'decision.recorded', 'consultation.started', 'programme.imported'];

/** Which programmes and whose gates a calendar covers. */
export interface CalendarScope {
  programmeId?: string | null;
  /** Only the gates this address owns. */
  ownerEmail?: string;
}

/** Gathers what the calendar rule needs (stored dates, forecast history, completion times) and renders it. */
@Injectable()
export class CalendarService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(ProgrammeStore) private readonly store: ProgrammeStore,
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
  ) {}

  /** One programme's gates; 404/403 as for reading the programme. */
  async programmeIcs(id: string, actor?: Actor): Promise<string> {
    const view = await this.programmes.get(id, actor);
    const events = await this.events(id);
    return renderIcs(view.name, events);
  }

  /** The gates a person owns, across the programmes in scope. */
  async ownerIcs(email: string, programmeId: string | null, name: string): Promise<string> {
    const owner = email.toLowerCase();
    const em = this.uow.read;
    const rows: Array<{ programme_id: string }> = await em.query(
      `SELECT DISTINCT programme_id FROM gate WHERE owner_email = ${param(em, 1)}${
        programmeId ? ` AND programme_id = ${param(em, 2)}` : ''
      } ORDER BY programme_id`,
      programmeId ? [owner, programmeId] : [owner],
    );
    const events: GateEvent[] = [];
    for (const row of rows) events.push(...(await this.events(String(row.programme_id), owner)));
    return renderIcs(`Gates owned by ${name}`, events);
  }

  private async events(id: string, ownerEmail?: string): Promise<GateEvent[]> {
    const em = this.uow.read;
    const aggregate = await this.store.load(em, id);
    const view = this.programmes.view(aggregate);
    const def = this.engine.definition(view.workflow.id, view.workflow.version);
    const stored = new Map(aggregate.gates.map((g) => [g.gateId, g]));
    const history: Array<Record<string, unknown>> = await em.query(
      `SELECT gate_id, CAST(to_date AS TEXT) AS to_date, at FROM forecast_change
        WHERE programme_id = ${param(em, 1)} ORDER BY id`,
      [id],
    );
    const done: Array<Record<string, unknown>> = await em.query(
      `SELECT gate_id, at, action FROM audit_entry WHERE programme_id = ${param(em, 1)}
          AND action IN (${params(em, DONE_ACTIONS.length, 2)}) ORDER BY id`,
      [id, ...DONE_ACTIONS],
    );
    const doneAt = new Map<string, Date>();
    for (const row of done) {
      const at = toInstant(row.at);
      // An import records every gate's actual at once, in one entry without a gate.
      const gates = row.gate_id ? [String(row.gate_id)] : aggregate.gates.map((g) => g.gateId);
      for (const gateId of gates) {
        const status = stored.get(gateId)?.status;
        if (status === 'complete' || status === 'running') doneAt.set(gateId, at);
      }
    }
    const gates: CalendarGate[] = view.gates
      .filter((g) => !ownerEmail || g.owner?.email.toLowerCase() === ownerEmail)
      .map((g) => ({
        id: g.id,
        title: g.title,
        kind: g.kind,
        status: g.status,
        baselineDate: g.baselineDate,
        // The forecast as recorded, not the projection (decision 012); the pages show it beside the projection.
        forecastDate:
          g.status === 'complete' || g.status === 'running'
            ? ((stored.get(g.id)?.forecastDate ?? null) as IsoDate | null)
            : (g.recordedForecastDate ?? g.forecastDate),
        actualDate: g.actualDate,
        consultation: g.consultation ?? null,
        owner: g.owner,
        rag: g.rag,
      }));
    const programme: CalendarProgramme = {
      id,
      name: view.name,
      gates,
      history: history.map((h) => ({
        gateId: String(h.gate_id),
        toDate: (h.to_date as string | null) ?? null,
        at: toInstant(h.at),
      })),
      doneAt,
      consultationLengthDays: def.consultation?.normalLengthDays,
      createdAt: new Date(view.createdAt),
    };
    return gateEvents(programme);
  }
}
