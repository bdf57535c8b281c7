import { GateKind, GateStatus, IsoDate } from '../../workflows/types';
import { addDays } from '../calendar/iso-date';

/** What the calendar needs to know about one gate: its stored dates, not the projected view. */
export interface CalendarGate {
  id: string;
  title: string;
  kind: GateKind;
  status: GateStatus;
  forecastDate: IsoDate | null;
  baselineDate: IsoDate | null;
  actualDate: IsoDate | null;
  /** Consultation gates: when the consultation started and closes (or closed). */
  consultation?: { startsOn: IsoDate; closesOn: IsoDate } | null;
  owner: { name: string; email: string } | null;
  rag?: string;
}

/** One row of the stored forecast history of a gate, oldest first. */
export interface ForecastHistoryEntry {
  gateId: string;
  toDate: IsoDate | null;
  at: Date;
}

export interface CalendarProgramme {
  id: string;
  name: string;
  gates: CalendarGate[];
  /** Every forecast change of the programme's gates, in the order they were recorded. */
  history: ForecastHistoryEntry[];
  /** When each gate became complete (or its consultation started), from the audit trail. */
  doneAt: Map<string, Date>;
  /** The planned length of a consultation (days) when it has not started yet. */
  consultationLengthDays?: number;
  createdAt: Date;
}

/** An all-day event: `end` is the day after the last day, as iCalendar counts it. */
export interface GateEvent {
  uid: string;
  gateId: string;
  programmeId: string;
  summary: string;
  description: string;
  start: IsoDate;
  end: IsoDate;
  sequence: number;
  lastModified: Date;
}

/** The UID of a gate's event: the gate and the programme, never anything that changes. */
export function gateUid(programmeId: string, gateId: string): string {
  return `${gateId}.${programmeId}@consultation-gates`;
}

interface Span {
  start: IsoDate;
  end: IsoDate;
}

/** The days an event covers for a given date of the gate (the window for a consultation). */
function spanOf(gate: CalendarGate, date: IsoDate, lengthDays: number | undefined, closesOn?: IsoDate): Span {
  if (gate.kind === 'consultation') {
    const closes = closesOn ?? (lengthDays ? addDays(date, lengthDays) : date);
    return { start: date, end: addDays(closes > date ? closes : date, 1) };
  }
  return { start: date, end: addDays(date, 1) };
}

/**
 * The events of one programme's gates. The date shown is the actual once a gate is done (a
 * consultation under way shows its window from the day it started), otherwise the forecast
 * as last recorded (by a person, or carried by a slip): not the view's projection, which for
 * an overdue gate moves to today every day without anybody changing anything (decision 012). SEQUENCE and LAST-MODIFIED are derived from what is stored, never from a counter:
 * the versions of an event are its forecast history in order, then its actual; SEQUENCE is
 * the number of times that version changed the event's days, LAST-MODIFIED when it last did.
 * History only grows, so SEQUENCE never goes down, and it rises on every re-forecast.
 */
export function gateEvents(programme: CalendarProgramme): GateEvent[] {
  const events: GateEvent[] = [];
  for (const gate of programme.gates) {
    const versions: Array<{ span: Span; at: Date }> = [];
    for (const entry of programme.history) {
      if (entry.gateId !== gate.id || !entry.toDate) continue;
      versions.push({ span: spanOf(gate, entry.toDate, programme.consultationLengthDays), at: entry.at });
    }
    const done = gate.status === 'complete' || gate.status === 'running';
    const startedOn = gate.consultation?.startsOn;
    const shown = done ? (gate.kind === 'consultation' && startedOn ? startedOn : gate.actualDate) : gate.forecastDate;
    const current = shown ?? gate.forecastDate ?? gate.baselineDate;
    if (!current) continue;
    // Only a consultation under way or closed has a close date of its own; forecasts get the planned length.
    const span = spanOf(
      gate,
      current,
      programme.consultationLengthDays,
      done ? gate.consultation?.closesOn : undefined,
    );
    const last = versions[versions.length - 1];
    if (!last || !sameSpan(last.span, span)) {
      const at = programme.doneAt.get(gate.id) ?? last?.at ?? programme.createdAt;
      versions.push({ span, at: last && at < last.at ? last.at : at });
    }
    let sequence = 0;
    let lastModified = versions[0].at;
    for (let i = 1; i < versions.length; i++) {
      if (sameSpan(versions[i].span, versions[i - 1].span)) continue;
      sequence += 1;
      lastModified = versions[i].at;
    }
    events.push({
      uid: gateUid(programme.id, gate.id),
      gateId: gate.id,
      programmeId: programme.id,
      summary: `${programme.name}: ${gate.title}${gate.kind === 'consultation' ? ' (consultation window)' : ''}`,
      description: describe(gate, done),
      start: span.start,
      end: span.end,
      sequence,
      lastModified,
    });
  }
  return events;
}

function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

function describe(gate: CalendarGate, done: boolean): string {
  const lines = [
    done
      ? gate.status === 'running'
        ? `Under way since ${gate.consultation?.startsOn ?? gate.actualDate}`
        : `Complete on ${gate.actualDate}`
      : `Forecast ${gate.forecastDate ?? gate.baselineDate}, as last recorded`,
    `Baseline ${gate.baselineDate ?? 'not set'}`,
  ];
  if (gate.consultation) lines.push(`Consultation ${gate.consultation.startsOn} to ${gate.consultation.closesOn}`);
  if (gate.owner) lines.push(`Owner ${gate.owner.name} <${gate.owner.email}>`);
  // The colour only: the reason in words names the forecast as projected to today, which a
  // calendar does not show (decision 012).
  if (gate.rag) lines.push(`RAG ${gate.rag}`);
  return lines.join('\n');
}
