import Holidays from 'date-holidays';
import fc from 'fast-check';
import { addDays, fromDay, toDay } from './iso-date';
import { WorkingCalendar } from './working-days';

describe('WorkingCalendar (England and Wales)', () => {
  const cal = new WorkingCalendar();

  it('knows weekends and bank holidays, including substitute days', () => {
    expect(cal.isWorkingDay('2015-10-26')).toBe(true); // Monday
    expect(cal.isWorkingDay('2015-10-24')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2015-08-31')).toBe(false); // Summer bank holiday
    expect(cal.isWorkingDay('2015-12-28')).toBe(false); // Boxing Day (substitute)
    expect(cal.isWorkingDay('2022-09-19')).toBe(false); // State funeral, proclaimed
    expect(cal.isWorkingDay('2022-06-03')).toBe(false); // Platinum Jubilee
  });

  it('counts Friday to Monday as one working day, and over Christmas skips the holidays', () => {
    expect(cal.workingDaysBetween('2015-10-23', '2015-10-26')).toBe(1);
    expect(cal.workingDaysBetween('2015-12-24', '2015-12-29')).toBe(1);
    expect(cal.workingDaysBetween('2015-12-29', '2015-12-24')).toBe(-1);
  });

  it('adds working days across a bank holiday', () => {
    expect(cal.addWorkingDays('2015-08-28', 1)).toBe('2015-09-01');
    expect(cal.addWorkingDays('2015-09-01', -1)).toBe('2015-08-28');
    expect(cal.addWorkingDays('2015-10-26', 0)).toBe('2015-10-26');
  });

  it('honours extra closure days from configuration', () => {
    const withClosure = new WorkingCalendar(['2015-10-27']);
    expect(withClosure.isWorkingDay('2015-10-27')).toBe(false);
    expect(withClosure.addWorkingDays('2015-10-26', 1)).toBe('2015-10-28');
  });

  it('finds the next working day on or after a date', () => {
    expect(cal.onOrAfter('2015-12-25')).toBe('2015-12-29');
    expect(cal.onOrAfter('2015-12-29')).toBe('2015-12-29');
  });

  it('adding the count between two working days gets back to the later one', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2014-01-01', n));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const from = cal.onOrAfter(a);
        const to = cal.onOrAfter(b);
        expect(cal.addWorkingDays(from, cal.workingDaysBetween(from, to))).toBe(to);
      }),
      { numRuns: 300 },
    );
  });
});

// The counting functions jump by whole weeks and count closures by binary search; here they are held to
// the plain definition, walked one day at a time, over a wide span of years.
describe('WorkingCalendar against the day-by-day definition', () => {
  // The definition, from the sources and not from the calendar: a weekday by Date, not a bank holiday
  // of England and Wales by date-holidays itself, not one of the calendar's extra closures.
  const bankHolidays = new Map<number, Set<string>>();
  const holidaysOf = (year: number) => {
    if (!bankHolidays.has(year)) {
      const days = new Holidays('GB', 'ENG').getHolidays(year).filter((h) => h.type === 'public');
      bankHolidays.set(year, new Set(days.map((h) => h.date.slice(0, 10))));
    }
    return bankHolidays.get(year)!;
  };
  const extraOf = new WeakMap<WorkingCalendar, Set<string>>();
  const calendar = (extra: string[] = []) => {
    const cal = new WorkingCalendar(extra);
    extraOf.set(cal, new Set(extra));
    return cal;
  };
  const isWorking = (cal: WorkingCalendar, day: number) => {
    const date = fromDay(day);
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    return dow !== 0 && dow !== 6 && !holidaysOf(Number(date.slice(0, 4))).has(date) && !extraOf.get(cal)!.has(date);
  };
  const slowBetween = (cal: WorkingCalendar, from: string, to: string) => {
    const [a, b] = [toDay(from), toDay(to)];
    const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
    let count = 0;
    for (let d = lo + 1; d <= hi; d++) if (isWorking(cal, d)) count++;
    return sign * count;
  };
  const slowAdd = (cal: WorkingCalendar, date: string, n: number) => {
    const step = n < 0 ? -1 : 1;
    let d = toDay(date);
    for (let left = Math.abs(n); left > 0;) {
      d += step;
      if (isWorking(cal, d)) left--;
    }
    return fromDay(d);
  };

  // 1990 to 2060, weighted towards the days where the rules bite: year ends, Christmas, Easter, May.
  const FIRST = toDay('1990-01-01');
  const LAST = toDay('2060-12-31');
  const anyDay = fc.integer({ min: FIRST, max: LAST }).map(fromDay);
  const nearHoliday = fc
    .tuple(
      fc.integer({ min: 1990, max: 2060 }),
      fc.constantFrom('01-01', '03-25', '04-01', '04-15', '05-01', '05-31', '08-31', '12-20', '12-24', '12-31'),
      fc.integer({ min: -10, max: 10 }),
    )
    .map(([y, md, shift]) => addDays(`${y}-${md}`, shift));
  const day = fc.oneof(anyDay, nearHoliday);
  const offset = fc.oneof(fc.integer({ min: -40, max: 40 }), fc.integer({ min: -2000, max: 2000 }));
  // Some calendars with extra closures (a proclaimed holiday, one on a weekend, one at a year end).
  const closures = fc.array(day, { maxLength: 6 });

  it('counts working days between any two dates as the walk does', () => {
    fc.assert(
      fc.property(closures, day, offset, (extra, from, n) => {
        const cal = calendar(extra);
        const to = addDays(from, Math.round(n * 1.4));
        expect(cal.workingDaysBetween(from, to)).toBe(slowBetween(cal, from, to));
      }),
      { numRuns: 400 },
    );
  });

  it('adds working days, forwards and backwards, as the walk does', () => {
    const shared = calendar();
    fc.assert(
      fc.property(fc.boolean(), closures, day, offset, (fresh, extra, from, n) => {
        const cal = fresh ? calendar(extra) : shared;
        const fast = cal.addWorkingDays(from, n);
        expect(fast).toBe(n === 0 ? from : slowAdd(cal, from, n));
        if (n !== 0) expect(cal.isWorkingDay(fast)).toBe(true);
        // Counting back from where it landed gives the same number, from a working day.
        const start = cal.onOrAfter(from);
        expect(cal.workingDaysBetween(start, cal.addWorkingDays(start, n))).toBe(n);
      }),
      { numRuns: 400 },
    );
  });

  it('answers a question asked again as it did the first time, also after its memory of answers filled up', () => {
    // The calendar keeps its answers (bounded: it starts again past 20,000 of a kind). Ask 30,000 different
    // questions of one calendar, then the first ones again: the same answers, and the walk's.
    const cal = calendar();
    const asks = Array.from({ length: 30_000 }, (_, i) => ({
      from: fromDay(FIRST + ((i * 7919) % (LAST - FIRST))),
      n: (i % 81) - 40,
      to: fromDay(FIRST + ((i * 104_729) % (LAST - FIRST))),
    }));
    const first = asks
      .slice(0, 200)
      .map(({ from, n, to }) => [cal.addWorkingDays(from, n), cal.workingDaysBetween(from, to)]);
    for (const { from, n, to } of asks) {
      cal.addWorkingDays(from, n);
      cal.workingDaysBetween(from, to);
      cal.onOrAfter(from);
      cal.onOrBefore(to);
    }
    const again = asks
      .slice(0, 200)
      .map(({ from, n, to }) => [cal.addWorkingDays(from, n), cal.workingDaysBetween(from, to)]);
    expect(again).toEqual(first);
    for (const { from, n, to } of asks.slice(0, 40)) {
      expect(cal.addWorkingDays(from, n)).toBe(n === 0 ? from : slowAdd(cal, from, n));
      expect(cal.workingDaysBetween(from, to)).toBe(slowBetween(cal, from, to));
    }
  });

  it('gives the same answers whichever years were loaded first', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(day, offset), { minLength: 1, maxLength: 8 }), (asks) => {
        const forwards = new WorkingCalendar();
        const backwards = new WorkingCalendar();
        const a = asks.map(([d, n]) => forwards.addWorkingDays(d, n));
        const b = [...asks].reverse().map(([d, n]) => backwards.addWorkingDays(d, n));
        expect(a).toEqual(b.reverse());
      }),
      { numRuns: 200 },
    );
  });

  it('knows the rules that bite: Good Friday, Christmas, New Year and their substitute days', () => {
    const cal = calendar();
    expect(cal.addWorkingDays('2027-03-25', 1)).toBe('2027-03-30'); // Good Friday and Easter Monday 2027
    expect(cal.addWorkingDays('2027-03-30', -1)).toBe('2027-03-25');
    expect(cal.workingDaysBetween('2020-12-24', '2021-01-04')).toBe(4); // 29, 30, 31 Dec, 4 Jan (1 Jan off)
    expect(cal.addWorkingDays('2021-12-24', 1)).toBe('2021-12-29'); // substitute days for Christmas and Boxing Day
    expect(cal.addWorkingDays('2021-12-31', 1)).toBe('2022-01-04'); // New Year's Day substitute on Monday 3 January
    expect(cal.addWorkingDays('2016-01-04', -1)).toBe('2015-12-31');
    expect(cal.workingDaysBetween('1999-12-24', '2000-01-05')).toBe(slowBetween(cal, '1999-12-24', '2000-01-05'));
  });
});
