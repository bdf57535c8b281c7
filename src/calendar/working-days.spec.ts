import fc from 'fast-check';
import { addDays } from './iso-date';
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
