import { GateStatus, IsoDate, WorkflowDefinition } from '../../workflows/types';
import { addMonths } from '../calendar/iso-date';
import { WorkingCalendar } from '../calendar/working-days';
import { DecisionEntity } from '../programmes/decision.entity';
import { ProgrammeAggregate } from '../programmes/programme.store';
import { ProgrammeView } from '../programmes/programme-view';
import { Rag } from '../programmes/rules/rag';
import { RiskView } from '../risks/risk-view';

// The monthly highlight report, built from facts only: the same facts and `asOf` give the
// same report, whatever the day it is built. Pure, so the renderers (page, PDF, Word) and
// the scheduled pack all show one report.

export const TOP_RISKS = 5;

export interface ForecastPoint {
  gateId: string;
  /** The business date the change was made. */
  on: IsoDate;
  to: IsoDate | null;
}

export interface Milestone {
  gateId: string;
  title: string;
  kind: string;
  status: string;
  owner: { name: string; email: string } | null;
  baselineDate: IsoDate | null;
  forecastDate: IsoDate | null;
  actualDate: IsoDate | null;
  rag: Rag;
  ragReason: string;
  /** The date in force at the previous report (its actual, else its forecast then). */
  previousDate: IsoDate | null;
  /** Working days the date in force moved since the previous report: positive is later. */
  movementWorkingDays: number | null;
}

export interface ReportDecision {
  gateId: string;
  gateTitle: string;
  partyId: string;
  partyName: string;
  decision: string;
  decidedOn: IsoDate;
  reference: string | null;
  conditions: string | null;
}

/**
 * A condition not yet discharged at asOf. On a workflow that tracks conditions one by one (v3
 * onwards) each is one condition item, with its id, owner and due date; on earlier versions it is
 * the decision's conditions as recorded, with no item fields.
 */
export interface OpenCondition extends ReportDecision {
  conditionId?: number;
  owner?: string | null;
  dueDate?: IsoDate | null;
}

export interface LookAheadItem {
  date: IsoDate;
  kind: 'gate' | 'risk-review' | 'consultation-closes';
  title: string;
  gateId?: string;
  riskId?: string;
  owner: string | null;
}

export interface HighlightReport {
  programme: {
    id: string;
    name: string;
    rag: Rag;
    ragReason: string;
    sro: { name: string; email: string };
    workflow: { id: string; version: number; title: string };
  };
  asOf: IsoDate;
  /** The report a month before, which movements are measured against. */
  previousAsOf: IsoDate;
  /** The end of the look-ahead. */
  lookAheadUntil: IsoDate;
  milestones: Milestone[];
  /** Decisions made in the period (after previousAsOf, up to asOf), oldest first. */
  decisions: ReportDecision[];
  /**
   * Conditions not discharged by asOf: the condition items of a workflow that tracks them (set by
   * a decision made by asOf, discharged after it or not at all); on one that does not, every
   * decision in force with conditions attached. `conditionsTracked` says which.
   */
  openConditions: OpenCondition[];
  conditionsTracked: boolean;
  /** The top risks and issues by score, open at asOf. */
  risks: RiskView[];
  openRiskCount: number;
  lookAhead: LookAheadItem[];
}

/**
 * The programme as it stood at the end of `asOf`: forecasts from their history, actuals
 * and decisions dated after it taken away, with the condition items those decisions set
 * (a discharge after asOf not yet made). Its statuses follow: a gate done after asOf is
 * open again if what it depends on was done by then, else not started.
 */
export function aggregateAsOf(
  aggregate: ProgrammeAggregate,
  def: WorkflowDefinition,
  statuses: Record<string, GateStatus>,
  forecasts: ForecastPoint[],
  asOf: IsoDate,
): { aggregate: ProgrammeAggregate; statuses: Record<string, GateStatus> } {
  const gates = aggregate.gates.map((g) => {
    const actualDate = g.actualDate && g.actualDate <= asOf ? g.actualDate : null;
    const forecast = forecastAt(forecasts, g.gateId, asOf);
    return { ...g, actualDate, forecastDate: forecast === undefined ? g.baselineDate : forecast };
  });
  const done = new Map(gates.map((g) => [g.gateId, g.actualDate !== null]));
  const past: Record<string, GateStatus> = {};
  for (const gateDef of def.gates) {
    const now = statuses[gateDef.id] ?? 'not-started';
    const wasDone = done.get(gateDef.id) === true;
    if ((now === 'complete' || now === 'running') && !wasDone) {
      past[gateDef.id] = gateDef.dependsOn.every((d) => done.get(d) === true) ? 'open' : 'not-started';
    } else past[gateDef.id] = now;
  }
  return {
    aggregate: {
      ...aggregate,
      gates,
      decisions: aggregate.decisions.filter((d) => d.decidedOn <= asOf),
      conditions: aggregate.conditions
        .filter((c) => {
          const decision = decisionOfCondition(c, aggregate.decisions);
          return decision !== undefined && decision.decidedOn <= asOf;
        })
        .map((c) => (c.dischargedOn && c.dischargedOn > asOf ? { ...c, dischargedOn: null, evidence: null } : c)),
    },
    statuses: past,
  };
}

/** The forecast in force at the end of `on`: undefined when the history has nothing by then. */
export function forecastAt(forecasts: ForecastPoint[], gateId: string, on: IsoDate): IsoDate | null | undefined {
  let value: IsoDate | null | undefined;
  for (const f of forecasts) if (f.gateId === gateId && f.on <= on) value = f.to;
  return value;
}

export interface ReportInputs {
  /** The programme as it stood at asOf (programmeView of aggregateAsOf, with today = asOf). */
  view: ProgrammeView;
  aggregate: ProgrammeAggregate;
  forecasts: ForecastPoint[];
  /** The risks as they stood at asOf, ranked. */
  risks: RiskView[];
  asOf: IsoDate;
  calendar: WorkingCalendar;
  /** Whether the workflow keeps each condition as an item discharged with evidence (tracksConditionItems). */
  tracksConditions?: boolean;
}

export function highlightReport(inputs: ReportInputs): HighlightReport {
  const { view, aggregate, forecasts, risks, asOf, calendar } = inputs;
  const previousAsOf = addMonths(asOf, -1);
  const lookAheadUntil = addMonths(asOf, 1);
  const titles = new Map(view.gates.map((g) => [g.id, g.title]));

  const milestones: Milestone[] = view.gates.map((g) => {
    const now = g.actualDate ?? g.forecastDate;
    const actualThen = g.actualDate && g.actualDate <= previousAsOf ? g.actualDate : null;
    const forecastThen = forecastAt(forecasts, g.id, previousAsOf);
    const previousDate = actualThen ?? (forecastThen === undefined ? null : forecastThen);
    return {
      gateId: g.id,
      title: g.title,
      kind: g.kind,
      status: g.status,
      owner: g.owner,
      baselineDate: g.baselineDate,
      forecastDate: g.forecastDate,
      actualDate: g.actualDate,
      rag: g.rag,
      ragReason: g.ragReason,
      previousDate,
      movementWorkingDays: previousDate && now ? calendar.workingDaysBetween(previousDate, now) : null,
    };
  });

  const partyNames = new Map(aggregate.parties.map((p) => [`${p.gateId}|${p.partyId}`, p.name]));
  const asReported = (d: DecisionEntity): ReportDecision => ({
    gateId: d.gateId,
    gateTitle: titles.get(d.gateId) ?? d.gateId,
    partyId: d.partyId,
    partyName: partyNames.get(`${d.gateId}|${d.partyId}`) ?? d.partyId,
    decision: d.decision,
    decidedOn: d.decidedOn,
    reference: d.reference ?? null,
    conditions: d.conditions ?? null,
  });
  const byDate = (a: DecisionEntity, b: DecisionEntity) =>
    a.decidedOn < b.decidedOn ? -1 : a.decidedOn > b.decidedOn ? 1 : a.id - b.id;
  const known = aggregate.decisions.filter((d) => d.decidedOn <= asOf);
  const decisions = known
    .filter((d) => d.decidedOn > previousAsOf)
    .sort(byDate)
    .map(asReported);
  const inForce = new Map<string, DecisionEntity>();
  for (const d of [...known].sort(byDate)) inForce.set(`${d.gateId}|${d.partyId}`, d);
  const conditionsTracked = inputs.tracksConditions === true;
  const openConditions: OpenCondition[] = conditionsTracked
    ? aggregate.conditions
        .filter((item) => !item.dischargedOn)
        .flatMap((item) => {
          const decision = decisionOfCondition(item, known);
          return decision ? [{ item, decision }] : [];
        })
        .sort((a, b) => byDate(a.decision, b.decision) || a.item.id - b.item.id)
        .map(({ item, decision }) => ({
          ...asReported(decision),
          conditions: item.text,
          conditionId: item.id,
          owner: item.ownerName,
          dueDate: item.dueDate,
        }))
    : [];
  // Decisions with conditions but no items: every one on an earlier workflow, and on a tracking
  // workflow those recorded before the programme moved to it.
  const itemised = new Set(aggregate.conditions.map((c) => `${c.gateId}|${c.partyId}`));
  openConditions.push(
    ...[...inForce.values()]
      .filter((d) => d.decision === 'approved-with-conditions' && d.conditions)
      .filter((d) => !conditionsTracked || !itemised.has(`${d.gateId}|${d.partyId}`))
      .sort(byDate)
      .map(asReported),
  );

  const open = risks.filter((r) => r.status === 'open');
  const lookAhead: LookAheadItem[] = [];
  for (const g of view.gates) {
    if (g.status === 'complete') continue;
    const date = g.status === 'running' ? g.consultation?.closesOn : g.forecastDate;
    if (!date || date < asOf || date > lookAheadUntil) continue;
    lookAhead.push({
      date,
      kind: g.status === 'running' ? 'consultation-closes' : 'gate',
      title: g.status === 'running' ? `${g.title} closes` : g.title,
      gateId: g.id,
      owner: g.owner?.name ?? null,
    });
  }
  for (const r of open) {
    if (!r.reviewOn || r.reviewOn < asOf || r.reviewOn > lookAheadUntil) continue;
    lookAhead.push({
      date: r.reviewOn,
      kind: 'risk-review',
      title: `Review: ${r.title}`,
      riskId: r.id,
      owner: r.owner.name,
    });
  }
  lookAhead.sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.title < b.title ? -1 : a.title > b.title ? 1 : 0,
  );

  return {
    programme: {
      id: view.id,
      name: view.name,
      rag: view.rag,
      ragReason: view.ragReason,
      sro: view.sro,
      workflow: view.workflow,
    },
    asOf,
    previousAsOf,
    lookAheadUntil,
    milestones,
    decisions,
    openConditions,
    conditionsTracked,
    risks: open.slice(0, TOP_RISKS),
    openRiskCount: open.length,
    lookAhead,
  };
}

/**
 * The decision that set a condition item: the latest approved-with-conditions decision of its gate
 * and party recorded by the time the item was (the two are written in one transaction).
 */
export function decisionOfCondition(
  item: ProgrammeAggregate['conditions'][number],
  decisions: readonly DecisionEntity[],
): DecisionEntity | undefined {
  const created = new Date(item.createdAt).getTime();
  let found: DecisionEntity | undefined;
  for (const d of decisions) {
    if (d.gateId !== item.gateId || d.partyId !== item.partyId || d.decision !== 'approved-with-conditions') continue;
    if (new Date(d.recordedAt).getTime() > created) continue;
    if (!found || d.id > found.id) found = d;
  }
  return found;
}

const RAG_ORDER: Record<Rag, number> = { red: 0, amber: 1, green: 2, blue: 3 };

/** Worst first, then by name: the order a portfolio board reads. */
export function comparePortfolio(a: HighlightReport, b: HighlightReport): number {
  const r = RAG_ORDER[a.programme.rag] - RAG_ORDER[b.programme.rag];
  if (r !== 0) return r;
  return a.programme.name < b.programme.name
    ? -1
    : a.programme.name > b.programme.name
      ? 1
      : a.programme.id < b.programme.id
        ? -1
        : 1;
}

export interface PortfolioReport {
  asOf: IsoDate;
  previousAsOf: IsoDate;
  summary: { programmes: number; red: number; amber: number; green: number; blue: number };
  programmes: HighlightReport[];
}

export function portfolioReport(asOf: IsoDate, reports: HighlightReport[]): PortfolioReport {
  const summary = { programmes: reports.length, red: 0, amber: 0, green: 0, blue: 0 };
  for (const r of reports) summary[r.programme.rag]++;
  return { asOf, previousAsOf: addMonths(asOf, -1), summary, programmes: [...reports].sort(comparePortfolio) };
}
