import { WorkingCalendar } from '../../calendar/working-days';
import { firstWorkingDayOfMonth, mondayOf, packsDue } from './pack-schedule';

describe('the scheduled pack', () => {
  const cal = new WorkingCalendar();

  it('finds the first working day of a month', () => {
    expect(firstWorkingDayOfMonth('2015-11-20', cal)).toBe('2015-11-02'); // 1 Nov 2015 was a Sunday
    expect(firstWorkingDayOfMonth('2016-01-15', cal)).toBe('2016-01-04'); // New Year's Day, then a weekend
    expect(firstWorkingDayOfMonth('2015-12-01', cal)).toBe('2015-12-01');
  });

  it('finds the Monday of a week', () => {
    expect(mondayOf('2015-11-01')).toBe('2015-10-26');
    expect(mondayOf('2015-11-02')).toBe('2015-11-02');
    expect(mondayOf('2015-11-06')).toBe('2015-11-02');
  });

  it('is due from the send hour of the first working day, and stays due (catch-up) until the next', () => {
    expect(packsDue({ today: '2015-11-02', hour: 7 }, 8, cal)).toEqual({ monthly: null, weekly: null });
    expect(packsDue({ today: '2015-11-02', hour: 8 }, 8, cal)).toEqual({
      monthly: '2015-11-02',
      weekly: { day: '2015-11-02', from: '2015-10-26', to: '2015-11-01' },
    });
    // Down on the Monday: the Tuesday's first sweep sends this week's digest and this month's pack.
    expect(packsDue({ today: '2015-11-03', hour: 10 }, 8, cal).monthly).toBe('2015-11-02');
    expect(packsDue({ today: '2015-11-03', hour: 10 }, 8, cal).weekly?.day).toBe('2015-11-02');
    // Nothing on a Saturday, whatever the hour.
    expect(packsDue({ today: '2015-11-07', hour: 12 }, 8, cal)).toEqual({ monthly: null, weekly: null });
  });

  it('waits for the working day after a bank holiday Monday', () => {
    // Easter Monday 2016 was 28 March; the digest goes on the Tuesday.
    expect(packsDue({ today: '2016-03-29', hour: 8 }, 8, cal).weekly).toEqual({
      day: '2016-03-29',
      from: '2016-03-21',
      to: '2016-03-27',
    });
    // 1 Jan 2016 was a Friday bank holiday: December's pack still stands until 4 January.
    expect(packsDue({ today: '2016-01-01', hour: 9 }, 8, cal).monthly).toBeNull();
    expect(packsDue({ today: '2016-01-04', hour: 9 }, 8, cal).monthly).toBe('2016-01-04');
  });
});
