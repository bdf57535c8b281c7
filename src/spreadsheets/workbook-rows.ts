import { ProgrammeView } from '../programmes/programme-view';
import { RiskView } from '../risks/risk-view';
import { SheetKey, SheetRow } from './workbook-layout';

export interface DecisionRecord {
  id: number;
  gateId: string;
  partyId: string;
  decision: string;
  decidedOn: string;
  reference: string | null;
  conditions: string | null;
  recordedBy: string;
  recordedAt: Date;
}

export interface AuditRecordView {
  at: string;
  actor: string;
  action: string;
  gateId?: string;
  detail: unknown;
}

/** What the workbook shows of one programme. */
export interface ProgrammeExport {
  view: ProgrammeView;
  /** Every decision, oldest first: superseded ones too, so that an import replays the same story. */
  decisions: DecisionRecord[];
  risks: RiskView[];
  audit: AuditRecordView[];
}

/** The rows of every sheet, programme after programme. Pure: the same programmes give the same rows. */
export function workbookRows(programmes: ProgrammeExport[]): Record<SheetKey, SheetRow[]> {
  const rows: Record<SheetKey, SheetRow[]> = {
    programmes: [],
    gates: [],
    parties: [],
    decisions: [],
    evidence: [],
    risks: [],
    audit: [],
  };
  for (const { view, decisions, risks, audit } of programmes) {
    const programme = view.name;
    rows.programmes.push({
      programme,
      workflow: view.workflow.id,
      workflowVersion: view.workflow.version,
      sroName: view.sro.name,
      sroEmail: view.sro.email,
      state: view.gates.find((g) => g.id === view.state)?.title ?? view.state,
      rag: view.rag,
      ragReason: view.ragReason,
      consultationBaseline: view.consultation?.baselineStart ?? null,
      consultationForecast: view.consultation?.forecastStart ?? null,
    });
    const partyNames = new Map<string, string>();
    for (const g of view.gates) {
      rows.gates.push({
        programme,
        gateId: g.id,
        title: g.title,
        kind: g.kind,
        status: g.status,
        ownerName: g.owner?.name ?? null,
        ownerEmail: g.owner?.email ?? null,
        baselineDate: g.baselineDate,
        // The forecast as recorded, which the import takes back and calendars show (decisions 012, 013);
        // the projection, where it differs, is in a column the import does not read.
        forecastDate: g.recordedForecastDate ?? g.forecastDate,
        // A consultation under way has its start as its actual; the start has a column of its own.
        actualDate: g.status === 'complete' ? g.actualDate : null,
        consultationStartsOn: g.consultation?.startsOn ?? null,
        consultationClosesOn: g.consultation?.closesOn ?? null,
        consultationJustification: g.consultation?.justification ?? null,
        note: g.note ?? null,
        rag: g.rag,
        ragReason: g.ragReason,
        projectedForecast: g.status === 'complete' ? null : g.forecastDate,
      });
      for (const p of g.parties ?? []) {
        partyNames.set(`${g.id}\u0000${p.id}`, p.name);
        rows.parties.push({ programme, gateId: g.id, partyId: p.id, partyName: p.name });
      }
      for (const e of g.evidence ?? []) {
        rows.evidence.push({ programme, gateId: g.id, itemId: e.id, item: e.title, recordedOn: e.recordedOn });
      }
    }
    const latest = new Map<string, number>();
    for (const d of decisions) latest.set(`${d.gateId}\u0000${d.partyId}`, d.id);
    for (const d of decisions) {
      const key = `${d.gateId}\u0000${d.partyId}`;
      rows.decisions.push({
        programme,
        gateId: d.gateId,
        partyId: d.partyId,
        partyName: partyNames.get(key) ?? null,
        decision: d.decision,
        decidedOn: d.decidedOn,
        reference: d.reference,
        conditions: d.conditions,
        inForce: latest.get(key) === d.id ? 'yes' : 'no',
        recordedBy: d.recordedBy,
        recordedAt: new Date(d.recordedAt).toISOString(),
      });
    }
    for (const r of risks) {
      rows.risks.push({
        programme,
        riskId: r.id,
        kind: r.kind,
        title: r.title,
        description: r.description,
        ownerName: r.owner.name,
        ownerEmail: r.owner.email,
        likelihood: r.likelihood,
        impact: r.impact,
        score: r.score,
        rating: r.rating,
        targetScore: r.targetScore,
        mitigation: r.mitigation,
        reviewOn: r.reviewOn,
        gateIds: r.gateIds.join(', '),
        status: r.status,
        closedOn: r.closedOn,
      });
    }
    for (const a of audit) {
      rows.audit.push({
        programme,
        at: a.at,
        actor: a.actor,
        action: a.action,
        gateId: a.gateId ?? null,
        detail: JSON.stringify(a.detail),
      });
    }
  }
  return rows;
}
