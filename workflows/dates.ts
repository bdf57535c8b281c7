// Calendar arithmetic on business dates. Dates are plain `YYYY-MM-DD` strings so that they compare as
// strings and survive JSON untouched; the arithmetic goes through UTC midnight so no time zone can shift a day.
import type { IsoDate } from './types';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2015-02-30, 2015-9-1, timestamps). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function toUtc(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(toUtc(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The latest of some dates, or undefined when there are none. */
export function latest(dates: Array<IsoDate | undefined>): IsoDate | undefined {
  return dates.reduce<IsoDate | undefined>(
    (max, d) => (d !== undefined && (max === undefined || d > max) ? d : max),
    undefined,
  );
}

/** "12 weeks" when whole weeks, otherwise "80 days": how a PMO would say it. */
export function describeLength(days: number): string {
  if (days % 7 === 0) return `${days / 7} week${days === 7 ? '' : 's'}`;
  return `${days} day${days === 1 ? '' : 's'}`;
}

/** Adjectival form with its article: "a 10-week", "an 8-week", "an 11-day", "an 80-day". */
export function describeLengthAdjective(days: number): string {
  const [n, unit] = days % 7 === 0 ? [String(days / 7), 'week'] : [String(days), 'day'];
  const article = n.startsWith('8') || n === '11' || n === '18' ? 'an' : 'a';
  return `${article} ${n}-${unit}`;
}
