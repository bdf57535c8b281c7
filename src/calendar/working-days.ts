import Holidays from 'date-holidays';
import { IsoDate } from '../../workflows/types';
import { addDays, weekday } from './iso-date';

/**
 * Working days in England: Monday to Friday except England and Wales bank holidays
 * (date-holidays, GB/ENG, public type — substitute days included) and any extra closure
 * days configured for one-off proclaimed holidays the library does not know yet.
 */
export class WorkingCalendar {
  private readonly closed = new Set<string>();
  private readonly loadedYears = new Set<number>();
  private readonly holidays = new Holidays('GB', 'ENG');

  constructor(extraClosureDays: IsoDate[] = []) {
    for (const day of extraClosureDays) this.closed.add(day);
  }

  isWorkingDay(date: IsoDate): boolean {
    const dow = weekday(date);
    if (dow === 0 || dow === 6) return false;
    this.loadYear(Number(date.slice(0, 4)));
    return !this.closed.has(date);
  }

  /** The date itself when it is a working day, else the next working day. */
  onOrAfter(date: IsoDate): IsoDate {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  /** Moves n working days from `date` (negative n moves back). n = 0 returns `date` unchanged. */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    const step = n < 0 ? -1 : 1;
    let d = date;
    for (let left = Math.abs(n); left > 0;) {
      d = addDays(d, step);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /**
   * Working days from `from` to `to`: the number of working days after `from` up to and
   * including `to`; negative when `to` is earlier. Friday to the next Monday is 1.
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    if (from === to) return 0;
    const [a, b, sign] = from < to ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (this.isWorkingDay(d)) count++;
    return sign * count;
  }

  holidayName(date: IsoDate): string | undefined {
    const found = this.holidays.isHoliday(new Date(`${date}T12:00:00Z`));
    return found ? found.filter((h) => h.type === 'public').map((h) => h.name)[0] : undefined;
  }

  private loadYear(year: number): void {
    if (this.loadedYears.has(year)) return;
    this.loadedYears.add(year);
    for (const h of this.holidays.getHolidays(year)) {
      if (h.type === 'public') this.closed.add(h.date.slice(0, 10));
    }
  }
}
