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
  private loadedFrom = Infinity;
  private loadedTo = -Infinity;

  constructor(extraClosureDays: IsoDate[] = []) {
    for (const day of extraClosureDays) this.closed.add(toDay(day));
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingDayNumber(toDay(date));
  }

  /** The date itself when it is a working day, else the next working day. */
  onOrAfter(date: IsoDate): IsoDate {
    let d = toDay(date);
    while (!this.isWorkingDayNumber(d)) d++;
    return fromDay(d);
  }

  /** The date itself when it is a working day, else the working day before it. */
  onOrBefore(date: IsoDate): IsoDate {
    let d = toDay(date);
    while (!this.isWorkingDayNumber(d)) d--;
    return fromDay(d);
  }

  /** Moves n working days from `date` (negative n moves back). n = 0 returns `date` unchanged. */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    const step = n < 0 ? -1 : 1;
    let d = toDay(date);
    for (let left = Math.abs(n); left > 0;) {
      d += step;
      if (this.isWorkingDayNumber(d)) left--;
    }
    return fromDay(d);
  }

  /**
   * Working days from `from` to `to`: the number of working days after `from` up to and
   * including `to`; negative when `to` is earlier. Friday to the next Monday is 1.
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const a = toDay(from);
    const b = toDay(to);
    if (a === b) return 0;
    const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
    let count = 0;
    for (let d = lo + 1; d <= hi; d++) if (this.isWorkingDayNumber(d)) count++;
    return sign * count;
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
    const dow = (day + 4) % 7; // 1 January 1970 was a Thursday
    if (dow === 0 || dow === 6) return false;
    // Day loops call this millions of times: a range check, not a Date, while the year is loaded.
    if (day < this.loadedFrom || day > this.loadedTo) this.loadYear(new Date(day * 86_400_000).getUTCFullYear());
    return !this.closed.has(day);
  }

  /** Loads the bank holidays of `year`, and of any year between it and those loaded, so the loaded days stay one range. */
  private loadYear(year: number): void {
    const years = [...this.loadedYears];
    const lo = Math.min(year, ...years);
    const hi = Math.max(year, ...years);
    for (let y = lo; y <= hi; y++) {
      if (this.loadedYears.has(y)) continue;
      this.loadedYears.add(y);
      for (const h of this.holidays.getHolidays(y)) {
        if (h.type === 'public') this.closed.add(toDay(h.date.slice(0, 10)));
      }
    }
    this.loadedFrom = toDay(`${lo}-01-01`);
    this.loadedTo = toDay(`${hi}-12-31`);
  }
}
