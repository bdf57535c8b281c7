import fc from 'fast-check';
import { addMonths, fromDay, toDay } from './iso-date';

describe('addMonths', () => {
  it.each([
    ['2015-10-30', -1, '2015-09-30'],
    ['2015-10-31', -1, '2015-09-30'],
    ['2015-03-31', -1, '2015-02-28'],
    ['2016-03-31', -1, '2016-02-29'],
    ['2015-12-15', 1, '2016-01-15'],
    ['2015-01-31', 1, '2015-02-28'],
    ['2015-10-30', 1, '2015-11-30'],
  ])('%s %+i month(s) is %s', (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });
});

describe('toDay and fromDay', () => {
  it('agree with Date at UTC midnight, both ways, from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: toDay('1900-01-01'), max: toDay('2200-12-31') }), (day) => {
        const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(fromDay(day)).toBe(date);
        expect(toDay(date)).toBe(day);
      }),
      { numRuns: 2000 },
    );
  });

  it('runs a day past the end of a month on into the next, as Date.UTC does', () => {
    expect(fromDay(toDay('2015-11-31'))).toBe('2015-12-01');
    expect(fromDay(toDay('2016-02-30'))).toBe('2016-03-01');
  });
});
