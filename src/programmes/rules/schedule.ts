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
  const byId = new Map(gates.map((g) => [g.id, g]));
  const projected = new Map<string, IsoDate | null>();

  const visit = (gate: PlannedGate, path: Set<string>): IsoDate | null => {
    if (projected.has(gate.id)) return projected.get(gate.id)!;
    if (path.has(gate.id)) throw new Error(`dependency cycle through ${gate.id}`);
    path.add(gate.id);
    let date: IsoDate | null;
    if (gate.status === 'complete' || (gate.status === 'running' && gate.actualDate)) {
      date = gate.actualDate ?? gate.forecastDate ?? gate.baselineDate;
    } else {
      date = gate.forecastDate ?? gate.baselineDate;
      if (date && today) date = maxDate(date, today);
      for (const depId of gate.dependsOn) {
        const dep = byId.get(depId);
        if (!dep) continue;
        const depDate = visit(dep, path);
        if (!depDate || !dep.baselineDate || !gate.baselineDate) continue;
        const gap = calendar.workingDaysBetween(dep.baselineDate, gate.baselineDate);
        const carried = calendar.addWorkingDays(calendar.onOrAfter(depDate), gap);
        date = date ? maxDate(date, carried) : carried;
      }
    }
    path.delete(gate.id);
    projected.set(gate.id, date);
    return date;
  };

  for (const gate of gates) visit(gate, new Set());
  return projected;
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
