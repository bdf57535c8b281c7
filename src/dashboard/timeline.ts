import { GateKind, GateStatus, IsoDate } from '../../workflows/types';
import { addDays, fromDay, toDay } from '../calendar/iso-date';
import { Rag } from '../programmes/rules/rag';
import { formatDate } from './labels';

// The programme timeline as geometry for an inline SVG: the template only draws what this
// computes, so the arithmetic is tested here and the picture cannot disagree with the table.

export interface TimelineGate {
  id: string;
  title: string;
  kind: GateKind;
  status: GateStatus;
  rag: Rag;
  baselineDate: IsoDate | null;
  forecastDate: IsoDate | null;
  actualDate: IsoDate | null;
  consultation?: { startsOn: IsoDate; closesOn: IsoDate };
  /** On the critical path: no slack before the consultation start moves. */
  critical?: boolean;
}

export interface TimelineInput {
  gates: TimelineGate[];
  today: IsoDate;
  /** A consultation not yet launched is drawn this long from its forecast start (12 weeks = 84). */
  consultationDays: number;
  /** More dates the scale must reach: another timeline's, so that two can be drawn one above the other. */
  alsoShow?: IsoDate[];
}

export interface Marker {
  x: number;
  date: IsoDate;
  label: string;
}

export interface TimelineRow {
  id: string;
  title: string;
  y: number;
  rag: Rag;
  critical: boolean;
  baseline?: Marker;
  forecast?: Marker;
  actual?: Marker;
  /** From the baseline to where the gate now falls, when they differ. */
  slip?: { x1: number; x2: number; late: boolean };
  /** The date the gate now falls on ("27 Oct", with the year on a long timeline); "No date yet" when undated. */
  note: { x: number; y: number; text: string; anchor: 'start' | 'end' };
}

export interface Timeline {
  width: number;
  height: number;
  chart: { x0: number; x1: number; top: number; bottom: number };
  ticks: Array<{ x: number; label: string }>;
  rows: TimelineRow[];
  today: { x: number; label: string; anchor: 'start' | 'middle' | 'end'; offscale: 'before' | 'after' | null };
  consultation?: { x1: number; x2: number; label: string; anchor: 'start' | 'end' };
  /** The gates marked as on the critical path, in order, for the picture's description and key. */
  criticalTitles: string[];
  from: IsoDate;
  to: IsoDate;
}

export const TIMELINE = { width: 960, labelX: 8, x0: 250, x1: 944, top: 44, rowHeight: 36, bottom: 30 };
/** Today is drawn in the range when it is this close to the programme's dates; otherwise as an arrow at the edge. */
const TODAY_REACH_DAYS = 92;
const PAD_DAYS = 7;

const MONTH = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'short', year: 'numeric' });
const DAY_MONTH = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' });
const YEAR = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric' });

/** The consultation window: as launched, or as forecast from the gate's dates for the normal length. */
export function consultationWindow(
  gates: TimelineGate[],
  days: number,
): { from: IsoDate; to: IsoDate; planned: boolean } | null {
  const gate = gates.find((g) => g.kind === 'consultation');
  if (!gate) return null;
  if (gate.consultation) {
    return { from: gate.consultation.startsOn, to: gate.actualDate ?? gate.consultation.closesOn, planned: false };
  }
  const from = gate.forecastDate ?? gate.baselineDate;
  return from ? { from, to: addDays(from, days), planned: true } : null;
}

export function buildTimeline(input: TimelineInput): Timeline | null {
  const { gates, today } = input;
  const window = consultationWindow(gates, input.consultationDays);
  const dates = gates
    .flatMap((g) => [g.baselineDate, g.forecastDate, g.actualDate])
    .concat(window ? [window.from, window.to] : [])
    .concat(input.alsoShow ?? [])
    .filter((d): d is IsoDate => !!d)
    .map(toDay);
  if (!dates.length) return null;

  const todayDay = toDay(today);
  let lo = Math.min(...dates);
  let hi = Math.max(...dates);
  const todayInReach = todayDay >= lo - TODAY_REACH_DAYS && todayDay <= hi + TODAY_REACH_DAYS;
  if (todayInReach) {
    lo = Math.min(lo, todayDay);
    hi = Math.max(hi, todayDay);
  }
  // Whole months either side, so the ticks fall on the edges.
  const start = monthStart(fromDay(lo - PAD_DAYS));
  const end = nextMonthStart(fromDay(hi + PAD_DAYS));
  const { x0, x1, top, rowHeight, bottom } = TIMELINE;
  const span = toDay(end) - toDay(start);
  const x = (date: IsoDate) => round(x0 + ((toDay(date) - toDay(start)) / span) * (x1 - x0));
  const chartBottom = top + gates.length * rowHeight;
  // Over more than a year a day and month alone would be ambiguous.
  const longSpan = span > 366;

  const rows = gates.map((g, i): TimelineRow => {
    const marker = (date: IsoDate | null, what: string): Marker | undefined =>
      date ? { x: x(date), date, label: `${what} ${formatDate(date)}` } : undefined;
    const now = g.actualDate ?? (g.status === 'complete' ? null : g.forecastDate);
    const rowY = top + i * rowHeight + rowHeight / 2;
    const row: TimelineRow = {
      id: g.id,
      title: g.title,
      y: rowY,
      rag: g.rag,
      critical: !!g.critical,
      baseline: marker(g.baselineDate, 'Target'),
      forecast: g.status === 'complete' ? undefined : marker(g.forecastDate, 'Forecast'),
      actual: marker(g.actualDate, 'Actual'),
      note: { x: x0, y: rowY + 5, text: 'No date yet', anchor: 'start' },
    };
    if (g.baselineDate && now && now !== g.baselineDate) {
      row.slip = { x1: x(g.baselineDate), x2: x(now), late: now > g.baselineDate };
    }
    const shown = now ?? g.baselineDate;
    if (shown) {
      // Beside the last marker; where that is too near the edge, before the date's own marker
      // and raised above the slip line.
      const text = longSpan ? formatDate(shown) : dayMonth(shown);
      const right = Math.max(x(shown), row.baseline?.x ?? 0);
      row.note =
        right > x1 - (longSpan ? 100 : 60)
          ? { x: x(shown) - 10, y: rowY - 7, text, anchor: 'end' }
          : { x: right + 12, y: rowY + 5, text, anchor: 'start' };
    }
    return row;
  });

  const todayX = todayInReach ? x(today) : todayDay < lo ? x0 : x1;
  const offscale = todayInReach ? null : todayDay < lo ? 'before' : 'after';
  const todayText = `Today, ${formatDate(today)}`;
  return {
    width: TIMELINE.width,
    height: chartBottom + bottom,
    chart: { x0, x1, top, bottom: chartBottom },
    ticks: monthTicks(start, end).map((m) => ({ x: x(m.date), label: m.label })),
    rows,
    criticalTitles: rows.filter((r) => r.critical).map((r) => r.title),
    today: {
      x: todayX,
      label: offscale === 'after' ? `${todayText} →` : offscale === 'before' ? `← ${todayText}` : todayText,
      anchor: anchorFor(todayX),
      offscale,
    },
    ...(window
      ? {
          consultation: {
            x1: x(window.from),
            x2: x(window.to),
            label: `Consultation ${formatDate(window.from)} to ${formatDate(window.to)}${window.planned ? ' (forecast)' : ''}`,
            anchor: x(window.from) > (x0 + x1) / 2 ? 'end' : 'start',
          },
        }
      : {}),
    from: start,
    to: end,
  };
}

/** Every date a timeline of these gates covers: what another timeline passes as `alsoShow` to share its scale. */
export function timelineDates(gates: TimelineGate[], consultationDays: number): IsoDate[] {
  const window = consultationWindow(gates, consultationDays);
  return gates
    .flatMap((g) => [g.baselineDate, g.forecastDate, g.actualDate])
    .concat(window ? [window.from, window.to] : [])
    .filter((d): d is IsoDate => !!d);
}

/** Month ticks, thinned to at most about ten; labelled by year once they are a year apart. */
export function monthTicks(start: IsoDate, end: IsoDate): Array<{ date: IsoDate; label: string }> {
  const months: IsoDate[] = [];
  for (let m = start; m <= end; m = nextMonthStart(m)) months.push(m);
  const step = months.length > 10 ? Math.ceil(months.length / 10) : 1;
  const yearly = step >= 12;
  return months
    .filter((m, i) => (yearly ? m.endsWith('-01-01') : i % step === 0))
    .map((date) => ({ date, label: (yearly ? YEAR : MONTH).format(new Date(toDay(date) * 86_400_000)) }));
}

function dayMonth(date: IsoDate): string {
  return DAY_MONTH.format(new Date(toDay(date) * 86_400_000));
}

function anchorFor(x: number): 'start' | 'middle' | 'end' {
  if (x < TIMELINE.x0 + 90) return 'start';
  if (x > TIMELINE.x1 - 90) return 'end';
  return 'middle';
}

function monthStart(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01`;
}

function nextMonthStart(date: IsoDate): IsoDate {
  const [y, m] = date.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
