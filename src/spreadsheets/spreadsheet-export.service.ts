import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../core/clock/clock';
import { UnitOfWork } from '../core/database/unit-of-work';
import { ProgrammeService } from '../programmes/programme.service';
import { ProgrammeStore } from '../programmes/programme.store';
import { RiskService } from '../risks/risk.service';
import { WorkflowEngine } from '../workflows/workflow-engine.service';
import { DECISIONS } from '../../workflows/types';
import { toCsv } from './csv';
import { SHEETS, SHEET_ORDER, SheetKey, SheetRow } from './workbook-layout';
import { ProgrammeExport, workbookRows } from './workbook-rows';
import { writeWorkbook } from './xlsx';
import { GATE_STATUSES } from './tracker-import';

/** The portfolio or one programme as a workbook or as CSV, and the empty tracker to fill in. */
@Injectable()
export class SpreadsheetExportService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(ProgrammeStore) private readonly store: ProgrammeStore,
    @Inject(RiskService) private readonly risks: RiskService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Every programme the actor may see, or one (404/403 as for reading it). */
  async rows(actor: Actor, programmeId?: string): Promise<Record<SheetKey, SheetRow[]>> {
    let ids: string[] | undefined;
    if (programmeId) {
      await this.programmes.get(programmeId, actor);
      ids = [programmeId];
    } else if (actor.programmeId && actor.role !== 'admin') {
      ids = [actor.programmeId];
    }
    const aggregates = await this.store.loadAll(this.uow.read, ids);
    const risks = await this.risks.listMany(
      aggregates.map((a) => a.programme.id),
      { all: true },
    );
    const exports: ProgrammeExport[] = [];
    for (const aggregate of aggregates) {
      const id = aggregate.programme.id;
      exports.push({
        view: this.programmes.view(aggregate),
        decisions: aggregate.decisions.map((d) => ({
          id: d.id,
          gateId: d.gateId,
          partyId: d.partyId,
          decision: d.decision,
          decidedOn: d.decidedOn,
          reference: d.reference,
          conditions: d.conditions,
          recordedBy: d.recordedBy,
          recordedAt: d.recordedAt,
        })),
        risks: risks.get(id) ?? [],
        audit: await this.audit.list(id),
      });
    }
    return workbookRows(exports);
  }

  async xlsx(actor: Actor, programmeId?: string): Promise<Buffer> {
    const rows = await this.rows(actor, programmeId);
    return writeWorkbook(
      SHEET_ORDER.map((key) => ({ key, rows: rows[key] })),
      this.clock.now(),
    );
  }

  async csv(actor: Actor, sheet: SheetKey, programmeId?: string): Promise<string> {
    const rows = await this.rows(actor, programmeId);
    return toCsv(SHEETS[sheet], rows[sheet]);
  }

  /** The tracker to fill in: the workbook layout with the workflow's gates listed, nothing else. */
  async template(workflowId: string, version?: number): Promise<Buffer> {
    const def = this.engine.definition(workflowId, version);
    const rows: Record<SheetKey, SheetRow[]> = {
      programmes: [{ programme: null, workflow: def.id, workflowVersion: def.version }],
      gates: def.gates.map((g) => ({ gateId: g.id, title: g.title, kind: g.kind })),
      parties: [],
      decisions: [],
      evidence: def.gates.flatMap((g) =>
        (g.evidence ?? []).map((e) => ({ gateId: g.id, itemId: e.id, item: e.title })),
      ),
      risks: [],
      audit: [],
    };
    const sheets: SheetKey[] = ['programmes', 'gates', 'parties', 'decisions', 'evidence'];
    return writeWorkbook(
      sheets.map((key) => ({ key, rows: rows[key] })),
      this.clock.now(),
      { statuses: GATE_STATUSES, decisions: [...DECISIONS] },
    );
  }
}
