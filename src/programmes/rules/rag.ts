import { GateKind, GateStatus, IsoDate } from '../../../workflows/types';
import { formatShort } from './format';
import { WorkingCalendar } from '../../calendar/working-days';

export type Rag = 'green' | 'amber' | 'red' | 'blue';

export interface RagThresholds {
  /** A forecast this many working days past baseline is amber... */
  amberSlipWorkingDays: number;
  /** ...and this many is red. */
  redSlipWorkingDays: number;
  /** An approval gate due within this many working days with decisions outstanding is amber. */
  dueSoonWorkingDays: number;
}

export interface RagInput {
  kind: GateKind;
  status: GateStatus;
  baselineDate: IsoDate | null;
  /** The projected forecast (never earlier than today for gates not done). */
  forecastDate: IsoDate | null;
  actualDate: IsoDate | null;
  outstandingDecisions?: number;
  totalParties?: number;
}

export interface RagResult {
  rag: Rag;
  reason: string;
  /** Completed after its baseline: blue, but flagged. */
  completeLate?: boolean;
}

/**
 * The rating of one gate, with the rule that produced it in words. The rules, in order:
 * blue when complete (flagged when late); red when not done and the target has passed, or
 * the forecast is at least `redSlipWorkingDays` past the target; amber when the forecast is
 * past the target by at least `amberSlipWorkingDays`, or an approval is due within
 * `dueSoonWorkingDays` with decisions outstanding; green otherwise.
 */
export function gateRag(gate: RagInput, today: IsoDate, calendar: WorkingCalendar, t: RagThresholds): RagResult {
  const target = gate.baselineDate;
  if (gate.status === 'complete') {
    const done = gate.actualDate;
    if (done && target && done > target) {
      const late = calendar.workingDaysBetween(target, done);
      return {
        rag: 'blue',
        completeLate: true,
        reason: `Complete on ${formatShort(done)}, ${plural(late, 'working day')} after its target of ${formatShort(target)}`,
      };
    }
    return { rag: 'blue', reason: done ? `Complete on ${formatShort(done)}` : 'Complete' };
  }
  if (gate.status === 'running') {
    return {
      rag: 'green',
      reason: `Consultation running since ${gate.actualDate ? formatShort(gate.actualDate) : 'launch'}`,
    };
  }
  if (!target) return { rag: 'green', reason: 'No target date set yet' };
  if (target < today) {
    const overdue = calendar.workingDaysBetween(target, today);
    return {
      rag: 'red',
      reason: `Target ${formatShort(target)} has passed (${plural(overdue, 'working day')} overdue) and the gate is not complete`,
    };
  }
  const forecast = gate.forecastDate ?? target;
  const slip = calendar.workingDaysBetween(target, forecast);
  if (slip >= t.redSlipWorkingDays) {
    return {
      rag: 'red',
      reason: `Forecast ${formatShort(forecast)} is ${plural(slip, 'working day')} after the target ${formatShort(target)} (red from ${t.redSlipWorkingDays})`,
    };
  }
  if (slip >= t.amberSlipWorkingDays) {
    return {
      rag: 'amber',
      reason: `Forecast ${formatShort(forecast)} has slipped ${plural(slip, 'working day')} from the target ${formatShort(target)} (amber from ${t.amberSlipWorkingDays}, red from ${t.redSlipWorkingDays})`,
    };
  }
  const dueIn = calendar.workingDaysBetween(today, target);
  if (
    gate.kind === 'approval' &&
    gate.status === 'open' &&
    (gate.outstandingDecisions ?? 0) > 0 &&
    dueIn <= t.dueSoonWorkingDays
  ) {
    return {
      rag: 'amber',
      reason: `Due ${formatShort(target)} (in ${plural(dueIn, 'working day')}) with ${gate.outstandingDecisions} of ${gate.totalParties} decisions outstanding`,
    };
  }
  return { rag: 'green', reason: `On track for the target ${formatShort(target)}` };
}

const SEVERITY: Record<Rag, number> = { blue: 0, green: 1, amber: 2, red: 3 };

/** The programme's rating: the worst of the gates on its path to consultation; blue only when all are. */
export function worstRag(rags: Rag[]): Rag {
  if (rags.length === 0) return 'green';
  return rags.reduce((worst, r) => (SEVERITY[r] > SEVERITY[worst] ? r : worst), 'blue' as Rag);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
