import { IsoDate } from '../../../workflows/types';

/**
 * The one source of time in the service. Everything that needs "now" asks a Clock, so a
 * frozen clock (APP_NOW) or a test can move the whole service through time at once.
 */
export abstract class Clock {
  constructor(readonly timeZone: string) {}

  abstract now(): Date;

  /**
   * Milliseconds for counting windows (rate limits, back-off, sign-in lock-outs): real time,
   * which keeps moving under a frozen clock (APP_NOW) so that no window lasts for ever, plus
   * however far a frozen clock has been moved, so that tests can end a window without waiting.
   */
  abstract ticking(): number;

  private lastMinute = NaN;
  private lastDate = '';

  /** Today's business date in the business time zone (Europe/London). */
  today(): IsoDate {
    // Formatting in a time zone is costly and asked for on every request; the date cannot
    // change within a minute (zone offsets are whole minutes), so remember the last answer.
    const minute = Math.floor(this.now().getTime() / 60_000);
    if (minute !== this.lastMinute) {
      this.lastDate = businessDate(new Date(minute * 60_000), this.timeZone);
      this.lastMinute = minute;
    }
    return this.lastDate;
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }

  ticking(): number {
    return Date.now();
  }
}

/** A clock that stands still, or moves only when told: APP_NOW and tests. */
export class FixedClock extends Clock {
  private instant: number;
  private readonly startedAt: number;

  constructor(at: Date | string, timeZone = 'Europe/London') {
    super(timeZone);
    this.instant = new Date(at).getTime();
    this.startedAt = this.instant;
  }

  now(): Date {
    return new Date(this.instant);
  }

  ticking(): number {
    return Date.now() + (this.instant - this.startedAt);
  }

  set(at: Date | string): void {
    this.instant = new Date(at).getTime();
  }
}

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function businessDate(instant: Date, timeZone: string): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
  return parts; // en-CA formats as YYYY-MM-DD
}

/** The wall-clock hour (0-23) of an instant in a time zone. */
export function businessHour(instant: Date, timeZone: string): number {
  return Number(formatter(HOUR_FORMATS, timeZone, { hour: '2-digit', hourCycle: 'h23' }, 'en-GB').format(instant));
}

// Intl formatters are costly to build and safe to share: one per time zone.
const HOUR_FORMATS = new Map<string, Intl.DateTimeFormat>();

function formatter(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
  locale: string,
): Intl.DateTimeFormat {
  let f = cache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    cache.set(timeZone, f);
  }
  return f;
}
