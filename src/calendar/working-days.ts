import type Holidays from 'date-holidays';
import { IsoDate } from '../../workflows/types';
import { fromDay, toDay } from './iso-date';

/**
 * Working days in England: Monday to Friday except England and Wales bank holidays
 * (date-holidays, GB/ENG, public type — substitute days included) and any extra closure
 * days configured for one-off proclaimed holidays the library does not know yet.
 */
export class WorkingCalendar {
  // Day numbers (days since 1970-01-01) of closures; arithmetic runs on integers, not strings.
  private readonly closed = new Set<number>();
  private readonly loadedYears = new Set<number>();
  // date-holidays (and its calendars) loads on the first date asked about, not at start-up.
  private holidaysOfEngland: Holidays | undefined;
  /** The weekday closures, ascending: counting those between two days is a binary search, not a walk. */
  private closedWeekdays: number[] = [];
  private loadedFrom = Infinity;
  private loadedTo = -Infinity;
  /**
   * Answers already worked out, by their arguments. The closures never change once a year is loaded (a year's
   * bank holidays are fixed, extra closures are given at construction), so an answer never goes stale; the
   * schedule rules ask the same few hundred questions over and over (every what-if walks each dependency
   * several times). Nested maps keyed by the date strings, no key built per call; emptied past MEMO_LIMIT.
   */
  private readonly memo = {
    between: new Memo<number>(),
    add: new Memo<IsoDate>(),
    onOrAfter: new Memo<IsoDate>(),
    onOrBefore: new Memo<IsoDate>(),
  };

  constructor(extraClosureDays: IsoDate[] = []) {
    for (const day of extraClosureDays) this.closed.add(toDay(day));
    this.closedWeekdays = [...this.closed].filter(isWeekday).sort((x, y) => x - y);
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingDayNumber(toDay(date));
  }

  /** The date itself when it is a working day, else the next working day. */
  onOrAfter(date: IsoDate): IsoDate {
    return this.memo.onOrAfter.get(date, '') ?? this.memo.onOrAfter.set(date, '', this.computeOnOrAfter(date));
  }

  private computeOnOrAfter(date: IsoDate): IsoDate {
    let d = toDay(date);
    while (!this.isWorkingDayNumber(d)) d++;
    return fromDay(d);
  }

  /** The date itself when it is a working day, else the working day before it. */
  onOrBefore(date: IsoDate): IsoDate {
    return this.memo.onOrBefore.get(date, '') ?? this.memo.onOrBefore.set(date, '', this.computeOnOrBefore(date));
  }

  private computeOnOrBefore(date: IsoDate): IsoDate {
    let d = toDay(date);
    while (!this.isWorkingDayNumber(d)) d--;
    return fromDay(d);
  }

  /** Moves n working days from `date` (negative n moves back). n = 0 returns `date` unchanged. */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (n === 0) return date;
    return this.memo.add.get(date, n) ?? this.memo.add.set(date, n, this.computeAddWorkingDays(date, n));
  }

  private computeAddWorkingDays(date: IsoDate, n: number): IsoDate {
    const a = toDay(date);
    this.cover(a);
    // Jump by weekdays, then by as many more as the closures on the way took back, until none did:
    // a few steps for any distance, where walking day by day would take one per day.
    if (n > 0) {
      let d = weekdayAt(weekdaysThrough(a) + n);
      for (;;) {
        this.cover(d);
        const counted = weekdaysThrough(d) - weekdaysThrough(a) - this.closedIn(a, d);
        if (counted === n) return fromDay(d);
        d = weekdayAt(weekdaysThrough(d) + n - counted);
      }
    }
    const m = -n;
    let d = weekdayAt(weekdaysThrough(a - 1) - m + 1);
    for (;;) {
      this.cover(d);
      // Working days from d up to the day before `date`, both counted.
      const counted = weekdaysThrough(a - 1) - weekdaysThrough(d - 1) - this.closedIn(d - 1, a - 1);
      if (counted === m) return fromDay(d);
      d = weekdayAt(weekdaysThrough(d) - (m - counted));
    }
  }

  /**
   * Working days from `from` to `to`: the number of working days after `from` up to and
   * including `to`; negative when `to` is earlier. Friday to the next Monday is 1.
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    return this.memo.between.get(from, to) ?? this.memo.between.set(from, to, this.computeWorkingDaysBetween(from, to));
  }

  private computeWorkingDaysBetween(from: IsoDate, to: IsoDate): number {
    const a = toDay(from);
    const b = toDay(to);
    if (a === b) return 0;
    const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
    this.cover(lo);
    this.cover(hi);
    return sign * (weekdaysThrough(hi) - weekdaysThrough(lo) - this.closedIn(lo, hi));
  }

  private get holidays(): Holidays {
    if (!this.holidaysOfEngland) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at start-up
      const loaded = require('date-holidays') as typeof Holidays | { default: typeof Holidays };
      const DateHolidays = 'default' in loaded ? loaded.default : loaded;
      this.holidaysOfEngland = new DateHolidays('GB', 'ENG');
    }
    return this.holidaysOfEngland;
  }

  holidayName(date: IsoDate): string | undefined {
    const found = this.holidays.isHoliday(new Date(`${date}T12:00:00Z`));
    return found ? found.filter((h) => h.type === 'public').map((h) => h.name)[0] : undefined;
  }

  private isWorkingDayNumber(day: number): boolean {
    if (!isWeekday(day)) return false;
    this.cover(day);
    return !this.closed.has(day);
  }

  /** Makes sure the bank holidays of the year of `day` are loaded: a range check, not a Date, once they are. */
  private cover(day: number): void {
    if (day < this.loadedFrom || day > this.loadedTo) this.loadYear(new Date(day * 86_400_000).getUTCFullYear());
  }

  /** Closures on weekdays after day `lo` up to and including day `hi` (both years loaded): two binary searches. */
  private closedIn(lo: number, hi: number): number {
    return countUpTo(this.closedWeekdays, hi) - countUpTo(this.closedWeekdays, lo);
  }

  /** Loads the bank holidays of `year`, and of any year between it and those loaded, so the loaded days stay one range. */
  private loadYear(year: number): void {
    const years = [...this.loadedYears];
    const lo = Math.min(year, ...years);
    const hi = Math.max(year, ...years);
    for (let y = lo; y <= hi; y++) {
      if (this.loadedYears.has(y)) continue;
      this.loadedYears.add(y);
      for (const day of bankHolidays(y, () => this.holidays)) this.closed.add(day);
    }
    this.loadedFrom = toDay(`${lo}-01-01`);
    this.loadedTo = toDay(`${hi}-12-31`);
    this.closedWeekdays = [...this.closed].filter(isWeekday).sort((x, y) => x - y);
  }
}

/** Bank holidays of England and Wales by year, as day numbers: asked of date-holidays once a year per process. */
const bankHolidaysByYear = new Map<number, readonly number[]>();

function bankHolidays(year: number, holidays: () => Holidays): readonly number[] {
  let days = bankHolidaysByYear.get(year);
  if (!days) {
    days = holidays()
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      .map((h) => toDay(h.date.slice(0, 10)));
    bankHolidaysByYear.set(year, days);
  }
  return days;
}

/** Past this many answers of one kind, a memo starts again (bounded memory whatever dates are asked about). */
const MEMO_LIMIT = 20_000;

/** Answers keyed by two arguments, in nested maps. */
class Memo<T> {
  private readonly answers = new Map<string, Map<string | number, T>>();
  private size = 0;

  get(a: string, b: string | number): T | undefined {
    return this.answers.get(a)?.get(b);
  }

  set(a: string, b: string | number, value: T): T {
    if (this.size >= MEMO_LIMIT) {
      this.answers.clear();
      this.size = 0;
    }
    let inner = this.answers.get(a);
    if (!inner) {
      inner = new Map();
      this.answers.set(a, inner);
    }
    inner.set(b, value);
    this.size++;
    return value;
  }
}

// Day numbers count from 1 January 1970, a Thursday; day 4 (5 January 1970) was a Monday.
const MONDAY = 4;

function isWeekday(day: number): boolean {
  return (((day - MONDAY) % 7) + 7) % 7 < 5;
}

/**
 * Weekdays from a fixed Monday up to and including `day`, shifted so that any two values differ by the
 * weekdays between them: weekdaysThrough(b) - weekdaysThrough(a) counts the weekdays after a up to b.
 */
function weekdaysThrough(day: number): number {
  const k = day - MONDAY;
  const weeks = Math.floor(k / 7);
  return weeks * 5 + Math.min(k - weeks * 7 + 1, 5);
}

/** The weekday w with weekdaysThrough(w) = count: the inverse of weekdaysThrough on weekdays. */
function weekdayAt(count: number): number {
  const weeks = Math.floor((count - 1) / 5);
  return MONDAY + weeks * 7 + (count - 1 - weeks * 5);
}

/** How many of the ascending `days` are on or before `day`. */
function countUpTo(days: readonly number[], day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
