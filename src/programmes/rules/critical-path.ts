import { IsoDate } from '../../../workflows/types';
import { addDays } from '../../calendar/iso-date';
import { WorkingCalendar } from '../../calendar/working-days';
import type { Election } from '../../elections/election-rules';
import { PlannedGate, pathTo, plannedGap, projectSchedule } from './schedule';

/** A pre-election period as the schedule needs it: no consultation may launch from `periodStart` to `periodEnd`. */
export type ElectionPeriod = Pick<Election, 'name' | 'pollDate' | 'periodStart' | 'periodEnd'> &
  Partial<Pick<Election, 'id' | 'scope'>>;

export interface GateSlack {
  gateId: string;
  /** Where the gate falls now (the projected forecast). */
  forecastDate: IsoDate | null;
  /** Working days it can slip before the consultation starts later; null when nothing ties them. */
  slackWorkingDays: number | null;
  /** The latest date it can fall on without moving the consultation start. */
  latestDate: IsoDate | null;
  /** Working days it can slip before the final gate (the decision) moves. */
  decisionSlackWorkingDays: number | null;
  /** The latest date it can fall on without the consultation launch falling in the next pre-election period. */
  latestSafeDate: IsoDate | null;
  /** The period that latest safe date keeps clear of. */
  safeBefore: ElectionPeriod | null;
  /** No slack: any slip moves the consultation start (or, without a consultation, the final gate). */
  critical: boolean;
}

export interface CriticalPath {
  /** The gate the slack is measured against: the consultation, or the final gate when there is none. */
  targetGateId: string | null;
  /** Gates with no slack, in dependency order. */
  criticalPath: string[];
  slack: GateSlack[];
}

const done = (g: PlannedGate) => g.status === 'complete' || g.status === 'running';

/**
 * The latest date each gate not yet done can fall on without `targetId` falling later than
 * `targetLatest`, walking back along the same carry rule as projectSchedule: a gate keeping
 * `gap` working days after a dependency falls on addWorkingDays(onOrAfter(dep), gap), which
 * stays on or before L exactly while the dependency stays on or before
 * addWorkingDays(onOrBefore(L), -gap). Gates that cannot move the target are left out.
 */
export function latestDates(
  gates: PlannedGate[],
  targetId: string,
  targetLatest: IsoDate,
  calendar: WorkingCalendar,
): Map<string, IsoDate> {
  const onPath = pathTo(gates, targetId);
  const latest = new Map<string, IsoDate>([[targetId, targetLatest]]);
  // Definitions list gates in dependency order, so walking backwards sees every dependent first.
  for (let i = gates.length - 1; i >= 0; i--) {
    const gate = gates[i];
    if (gate.id === targetId || !onPath.has(gate.id) || done(gate)) continue;
    let bound: IsoDate | undefined;
    for (const dependent of gates) {
      if (!dependent.dependsOn.includes(gate.id) || done(dependent)) continue;
      const limit = latest.get(dependent.id);
      const gap = plannedGap(gate, dependent, calendar);
      if (!limit || gap === null) continue;
      const mine = calendar.addWorkingDays(calendar.onOrBefore(limit), -gap);
      if (!bound || mine < bound) bound = mine;
    }
    if (bound) latest.set(gate.id, bound);
  }
  return latest;
}

/**
 * Slack and the critical path: for every gate not yet done, how many working days it can slip
 * before the consultation start (and the decision) moves, and the latest date it can fall on
 * without the launch running into the next pre-election period. Pure.
 */
export function criticalPath(
  gates: PlannedGate[],
  calendar: WorkingCalendar,
  today: IsoDate,
  periods: ElectionPeriod[],
): CriticalPath {
  const projected = projectSchedule(gates, calendar, today);
  const consultation = gates.find((g) => g.kind === 'consultation');
  const last = gates[gates.length - 1];
  const target = consultation ?? last;
  const targetDate = target ? projected.get(target.id) : null;
  const empty = { targetGateId: target?.id ?? null, criticalPath: [], slack: [] };
  if (!target) return empty;

  const toTarget: Map<string, IsoDate> =
    targetDate && !done(target) ? latestDates(gates, target.id, targetDate, calendar) : new Map();
  const lastDate = last ? projected.get(last.id) : null;
  const toEnd: Map<string, IsoDate> =
    lastDate && !done(last) ? latestDates(gates, last.id, lastDate, calendar) : new Map();

  // The next period the launch could run into: the first that has not ended by the forecast start.
  const start = targetDate && consultation && !done(consultation) ? targetDate : null;
  const inside = start ? periods.find((p) => p.periodStart <= start && start <= p.periodEnd) : undefined;
  const next = start && !inside ? [...periods].filter((p) => p.periodStart > start).sort(byStart)[0] : undefined;
  const toSafe =
    next && consultation ? latestDates(gates, consultation.id, addDays(next.periodStart, -1), calendar) : null;

  const slack: GateSlack[] = gates
    .filter((g) => !done(g))
    .map((g) => {
      const date = projected.get(g.id) ?? null;
      const latestDate = toTarget.get(g.id) ?? null;
      const latestEnd = toEnd.get(g.id) ?? null;
      const between = (to: IsoDate | null) => (date && to ? calendar.workingDaysBetween(date, to) : null);
      const slackWorkingDays = between(latestDate);
      return {
        gateId: g.id,
        forecastDate: date,
        slackWorkingDays,
        latestDate,
        decisionSlackWorkingDays: between(latestEnd),
        latestSafeDate: toSafe?.get(g.id) ?? null,
        safeBefore: next && toSafe?.has(g.id) ? next : null,
        critical: slackWorkingDays === 0,
      };
    });
  return { targetGateId: target.id, criticalPath: slack.filter((s) => s.critical).map((s) => s.gateId), slack };
}

function byStart(a: ElectionPeriod, b: ElectionPeriod): number {
  return a.periodStart < b.periodStart ? -1 : a.periodStart > b.periodStart ? 1 : 0;
}
