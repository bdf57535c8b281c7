import { FixedClock, businessDate, businessHour } from './clock';

describe('business dates in Europe/London', () => {
  it('is the next day in London shortly before midnight UTC in summer time', () => {
    expect(businessDate(new Date('2015-06-30T23:30:00Z'), 'Europe/London')).toBe('2015-07-01');
  });

  it('is the same day at 23:30 UTC in winter (GMT)', () => {
    expect(businessDate(new Date('2015-11-30T23:30:00Z'), 'Europe/London')).toBe('2015-11-30');
  });

  it('reads the local hour across the October clock change', () => {
    // 25 October 2015: clocks went back at 02:00 BST to 01:00 GMT.
    expect(businessHour(new Date('2015-10-24T08:00:00Z'), 'Europe/London')).toBe(9);
    expect(businessHour(new Date('2015-10-26T08:00:00Z'), 'Europe/London')).toBe(8);
  });

  it('a fixed clock stands still until moved', () => {
    const clock = new FixedClock('2015-10-27T09:00:00Z');
    expect(clock.today()).toBe('2015-10-27');
    clock.set('2015-11-10T09:00:00Z');
    expect(clock.now().toISOString()).toBe('2015-11-10T09:00:00.000Z');
  });
});
