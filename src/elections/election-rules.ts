// Pre-election periods as data and rule. Pure: no clock, no database, no I/O; the calendar and the
// configuration arrive through the constructor, everything else as arguments.
//
// Scheduled English local elections are worked out, not typed in: polling day is the first Thursday in May
// (unless configuration moves it), and the period starts when the notice of election may be published at
// the latest, the 25th working day before polling day, where weekends, bank holidays of England and Wales,
// Christmas Eve and Good Friday are not working days (Representation of the People Act 1983, Sch. 1 r. 1–2).
// General elections and by-elections are entered by an admin; a configured list overrides anything the rule
// gets wrong.
import { addDays, fromDay, toDay, weekday } from '../calendar/iso-date';
import { WorkingCalendar } from '../calendar/working-days';
import type { IsoDate } from '../../workflows/types';

export type ElectionScope = 'national' | 'local';

export interface Election {
  /** `local-YYYY` for a scheduled May poll; the stored id for an entered one; `config-N` for a configured one. */
  id: string;
  name: string;
  pollDate: IsoDate;
  periodStart: IsoDate;
  /** The last day of the period: polling day for local polls, the results day for national ones by default. */
  periodEnd: IsoDate;
  scope: ElectionScope;
  /** Council ids for a local election limited to some councils; absent: every council with polls that year. */
  areas?: string[];
  source: 'rule' | 'entered' | 'configured';
}

export interface ElectionRulesConfig {
  /** Years whose May poll is not on the first Thursday: `{ "2021": "2021-05-06" }`, or null for no poll that year. */
  movedLocalPolls?: Record<string, IsoDate | null>;
  /**
   * Periods that replace the rule (same `pollDate` and scope) or add to it. The older `{ name, from, to }`
   * form of `calendar.preElectionPeriods` is read as a national period from `from` to `to`.
   */
  overrides?: Array<Omit<Election, 'id' | 'source' | 'periodEnd'> & { periodEnd?: IsoDate }>;
}

/** A council that an admin recorded as having no polls in a year. */
export interface NoPollsRecord {
  councilId: string;
  year: number;
}

/** How many working days before polling day the notice of election is published at the latest. */
export const NOTICE_WORKING_DAYS = 25;

export class ElectionRules {
  /** The scheduled May poll of each year asked about: the rule walks 25 timetable days back, once a year. */
  private readonly scheduled = new Map<number, Election | null>();

  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly config: ElectionRulesConfig = {},
  ) {}

  /** Polling day of the scheduled English local elections of `year`; null when configuration says none. */
  localPollDate(year: number): IsoDate | null {
    const moved = this.config.movedLocalPolls;
    if (moved && Object.hasOwn(moved, String(year))) return moved[String(year)];
    const first = `${year}-05-01`;
    return addDays(first, (4 - weekday(first) + 7) % 7);
  }

  /** A day that counts in an election timetable: a working day that is not Christmas Eve (Good Friday is a bank holiday). */
  isTimetableDay(date: IsoDate): boolean {
    return this.calendar.isWorkingDay(date) && date.slice(5) !== '12-24';
  }

  /** The `n`th timetable day before `pollDate`. */
  timetableDaysBefore(pollDate: IsoDate, n: number): IsoDate {
    let day = toDay(pollDate);
    for (let left = n; left > 0;) {
      day--;
      if (this.isTimetableDay(fromDay(day))) left--;
    }
    return fromDay(day);
  }

  /** The scheduled local elections of `year`, by rule; null when the year has none. */
  scheduledLocal(year: number): Election | null {
    if (!this.scheduled.has(year)) {
      const pollDate = this.localPollDate(year);
      this.scheduled.set(
        year,
        pollDate
          ? {
              id: `local-${year}`,
              name: `Local elections ${year}`,
              pollDate,
              periodStart: this.timetableDaysBefore(pollDate, NOTICE_WORKING_DAYS),
              periodEnd: pollDate,
              scope: 'local',
              source: 'rule',
            }
          : null,
      );
    }
    const election = this.scheduled.get(year);
    return election ? { ...election } : null;
  }

  /**
   * Every pre-election period overlapping `from`..`to`, earliest first: the scheduled May polls, the configured
   * overrides (replacing a scheduled poll of the same date and scope) and `extra` (entered by an admin).
   *
   * With `areas` (a programme's council ids) only the periods that apply to it are kept: national ones always;
   * a scheduled May poll unless every one of its councils is recorded in `noPolls` for that year (with no
   * councils listed it applies, the safe reading); a local one with areas when they share a council.
   */
  preElectionPeriods(
    from: IsoDate,
    to: IsoDate,
    areas?: readonly string[],
    noPolls: readonly NoPollsRecord[] = [],
    extra: readonly Election[] = [],
  ): Election[] {
    const configured: Election[] = (this.config.overrides ?? []).map((o, i) => ({
      ...o,
      id: `config-${i + 1}`,
      periodEnd: o.periodEnd ?? defaultPeriodEnd(o.scope, o.pollDate),
      source: 'configured',
    }));
    const all: Election[] = [...configured, ...extra];
    const firstYear = Number(from.slice(0, 4));
    const lastYear = Number(addDays(to, 60).slice(0, 4));
    for (let year = firstYear; year <= lastYear; year++) {
      const scheduled = this.scheduledLocal(year);
      if (scheduled && !configured.some((c) => c.scope === 'local' && !c.areas && c.pollDate === scheduled.pollDate)) {
        all.push(scheduled);
      }
    }
    return all
      .filter((e) => e.periodStart <= to && e.periodEnd >= from)
      .filter((e) => areas === undefined || appliesTo(e, areas, noPolls))
      .sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.name.localeCompare(b.name));
  }

  /** The first working day after the period ends: the earliest day a consultation may launch. */
  firstWorkingDayAfter(period: Pick<Election, 'periodEnd'>): IsoDate {
    return this.calendar.onOrAfter(addDays(period.periodEnd, 1));
  }

  /** Working days of `startsOn`..`closesOn` that fall inside the period (both ends counted); 0 when apart. */
  overlapWorkingDays(
    period: Pick<Election, 'periodStart' | 'periodEnd'>,
    startsOn: IsoDate,
    closesOn: IsoDate,
  ): number {
    const lo = startsOn > period.periodStart ? startsOn : period.periodStart;
    const hi = closesOn < period.periodEnd ? closesOn : period.periodEnd;
    if (lo > hi) return 0;
    return this.calendar.workingDaysBetween(addDays(lo, -1), hi);
  }
}

export function defaultPeriodEnd(scope: ElectionScope, pollDate: IsoDate): IsoDate {
  // A general election's period runs until the results, declared through the night and the next day.
  return scope === 'national' ? addDays(pollDate, 1) : pollDate;
}

/** Whether an election's period applies to a programme touching `areas`. */
export function appliesTo(election: Election, areas: readonly string[], noPolls: readonly NoPollsRecord[]): boolean {
  if (election.scope === 'national') return true;
  if (election.areas) return election.areas.some((a) => areas.includes(a));
  const year = Number(election.pollDate.slice(0, 4));
  if (areas.length === 0) return true;
  return !areas.every((council) => noPolls.some((r) => r.year === year && r.councilId === council));
}

/** The period containing `date`, if any (earliest first). */
export function periodContaining(periods: readonly Election[], date: IsoDate): Election | undefined {
  return periods.find((p) => p.periodStart <= date && date <= p.periodEnd);
}

/** The rule's configuration from the service's settings: `elections.*`, and the first release's list. */
export function electionRulesConfig(config: {
  calendar: { preElectionPeriods: Array<{ name: string; from: IsoDate; to: IsoDate }> };
  elections: {
    movedLocalPolls: Record<string, IsoDate | null>;
    periods: NonNullable<ElectionRulesConfig['overrides']>;
  };
}): ElectionRulesConfig {
  return {
    movedLocalPolls: config.elections.movedLocalPolls,
    overrides: [
      ...config.calendar.preElectionPeriods.map((p) => ({
        name: p.name,
        pollDate: p.to,
        periodStart: p.from,
        periodEnd: p.to,
        scope: 'national' as const,
      })),
      ...config.elections.periods,
    ],
  };
}
