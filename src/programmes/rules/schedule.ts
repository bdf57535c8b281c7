import { GateKind, GateStatus, IsoDate } from '../../../workflows/types';
import { maxDate } from '../../calendar/iso-date';
import { WorkingCalendar } from '../../calendar/working-days';

/** What the schedule rules need to know about a gate. */
export interface PlannedGate {
  id: string;
  kind: GateKind;
  dependsOn: string[];
  status: GateStatus;
  baselineDate: IsoDate | null;
  forecastDate: IsoDate | null;
  actualDate: IsoDate | null;
}

/**
 * Projects every gate's forecast along its dependencies.
 *
 * A gate keeps the planned gap, in working days, between its predecessors' baselines and
 * its own: when a predecessor's date (actual, or forecast) moves past its baseline plan,
 * the gate moves with it. Forecasts only move later this way; bringing a date forward is a
 * decision somebody makes with a reason. With `today`, gates not yet done are also never
 * forecast earlier than today (what the API shows); without it, the result is what gets
 * stored when a slip is recorded.
 */
export function projectSchedule(
  gates: PlannedGate[],
  calendar: WorkingCalendar,
  today?: IsoDate,
): Map<string, IsoDate | null> {
  const projected = new Map<string, IsoDate | null>();
  const byId = new Map(gates.map((g) => [g.id, g]));

  const dateOf = (gate: PlannedGate, depDate: (id: string) => IsoDate | null | undefined): IsoDate | null => {
    if (gate.status === 'complete' || (gate.status === 'running' && gate.actualDate)) {
      return gate.actualDate ?? gate.forecastDate ?? gate.baselineDate;
    }
    let date = gate.forecastDate ?? gate.baselineDate;
    if (date && today) date = maxDate(date, today);
    for (const depId of gate.dependsOn) {
      const dep = depDate(depId);
      if (!dep) continue;
      const gap = plannedGap(byId.get(depId)!, gate, calendar);
      if (gap === null) continue;
      const carried = carriedDate(dep, gap, calendar);
      date = date ? maxDate(date, carried) : carried;
    }
    return date;
  };

  // Definitions list gates after the gates they depend on, so one pass in order sees every dependency first;
  // a list in another order is walked depth first instead, refusing a cycle.
  const visit = (gate: PlannedGate, path: Set<string>): IsoDate | null => {
    if (projected.has(gate.id)) return projected.get(gate.id)!;
    if (path.has(gate.id)) throw new Error(`dependency cycle through ${gate.id}`);
    path.add(gate.id);
    const date = dateOf(gate, (depId) => {
      const dep = byId.get(depId);
      return dep ? visit(dep, path) : undefined;
    });
    path.delete(gate.id);
    projected.set(gate.id, date);
    return date;
  };

  const alreadyProjected = (id: string) => projected.get(id);
  const path = new Set<string>();
  for (const gate of gates) {
    if (projected.has(gate.id)) continue;
    if (gate.dependsOn.every((id) => projected.has(id))) projected.set(gate.id, dateOf(gate, alreadyProjected));
    else visit(gate, path);
  }
  return projected;
}

/** The planned gap, in working days, from a dependency's baseline to the gate's; null when either has none. */
export function plannedGap(dep: PlannedGate, gate: PlannedGate, calendar: WorkingCalendar): number | null {
  if (!dep.baselineDate || !gate.baselineDate) return null;
  return calendar.workingDaysBetween(dep.baselineDate, gate.baselineDate);
}

/** Where a dependency falling on `depDate` puts a gate that keeps `gap` working days after it. */
export function carriedDate(depDate: IsoDate, gap: number, calendar: WorkingCalendar): IsoDate {
  return calendar.addWorkingDays(calendar.onOrAfter(depDate), gap);
}

/** One forecast that a change writes: the gate, its old and new forecast, and the gate that caused it. */
export interface ForecastMove {
  gateId: string;
  from: IsoDate | null;
  to: IsoDate;
  /** Null for the gate re-forecast itself; the gate whose date carried it otherwise. */
  causedBy: string | null;
}

/**
 * The forecasts a slip of `causeGateId` carries to the gates that depend on it, transitively:
 * each keeps its planned gap in working days. Only later: a slip never pulls a gate forward,
 * and gates complete or under way keep their dates. This is what a re-forecast or a late
 * completion writes, and what a what-if shows; both come here.
 */
export function carriedMoves(gates: PlannedGate[], causeGateId: string, calendar: WorkingCalendar): ForecastMove[] {
  const projected = projectSchedule(gates, calendar);
  const byId = new Map(gates.map((g) => [g.id, g]));
  const moves: ForecastMove[] = [];
  for (const gateId of dependentsOf(gates, causeGateId)) {
    const gate = byId.get(gateId);
    const to = projected.get(gateId);
    if (!gate || !to || gate.status === 'complete' || gate.status === 'running') continue;
    const current = gate.forecastDate ?? gate.baselineDate;
    if (current && to <= current) continue;
    moves.push({ gateId, from: gate.forecastDate, to, causedBy: causeGateId });
  }
  return moves;
}

/** What a re-forecast of one gate writes: its new forecast (and baseline, if it had none), then the carried slip. */
export interface ReforecastPlan {
  gateId: string;
  /** Set when the gate had no baseline: a gate planned after creation gets its baseline now, once. */
  baselineDate: IsoDate | null;
  moves: ForecastMove[];
}

/**
 * Re-forecasting `gateId` to `date`: the one rule behind `PATCH .../gates/:gateId` and every
 * what-if. Refuses nothing itself (the callers check dates and statuses first); pure.
 */
export function reforecastPlan(
  gates: PlannedGate[],
  gateId: string,
  date: IsoDate,
  calendar: WorkingCalendar,
): ReforecastPlan {
  const gate = gates.find((g) => g.id === gateId);
  if (!gate) throw new Error(`no gate ${gateId}`);
  const baselineDate = gate.baselineDate ? null : date;
  const first: ForecastMove = { gateId, from: gate.forecastDate, to: date, causedBy: null };
  const after = applyMoves(gates, [first], baselineDate ? { [gateId]: baselineDate } : {});
  return { gateId, baselineDate, moves: [first, ...carriedMoves(after, gateId, calendar)] };
}

/** The gates with some forecasts (and baselines) replaced; the input is left as it was. */
export function applyMoves(
  gates: PlannedGate[],
  moves: ForecastMove[],
  baselines: Record<string, IsoDate> = {},
): PlannedGate[] {
  const to = new Map(moves.map((m) => [m.gateId, m.to]));
  return gates.map((g) => {
    const baseline = Object.hasOwn(baselines, g.id) ? baselines[g.id] : undefined;
    if (!to.has(g.id) && baseline === undefined) return g;
    return { ...g, forecastDate: to.get(g.id) ?? g.forecastDate, baselineDate: baseline ?? g.baselineDate };
  });
}

/** The gates a change to `gateId` reaches: its dependents, transitively, in dependency order. */
export function dependentsOf(gates: PlannedGate[], gateId: string): string[] {
  const result: string[] = [];
  const queue = [gateId];
  while (queue.length) {
    const current = queue.shift()!;
    for (const g of gates) {
      if (g.dependsOn.includes(current) && !result.includes(g.id)) {
        result.push(g.id);
        queue.push(g.id);
      }
    }
  }
  return result;
}

/** The gate and every gate it depends on, transitively: the path to it. */
export function pathTo(gates: PlannedGate[], gateId: string): Set<string> {
  const byId = new Map(gates.map((g) => [g.id, g]));
  const seen = new Set<string>();
  const stack = [gateId];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id) || !byId.has(id)) continue;
    seen.add(id);
    stack.push(...byId.get(id)!.dependsOn);
  }
  return seen;
}
