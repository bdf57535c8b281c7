import { IsoDate } from '../../../workflows/types';
import { addDays, weekday } from '../../calendar/iso-date';
import { WorkingCalendar } from '../../calendar/working-days';
import { BusinessMoment, sendWindowOpen } from '../../reminders/reminder-policy';

// When the scheduled pack goes: pure, like the reminder policy whose send window it shares.
// Only the latest of each is ever due, so a sweep after downtime sends this month's pack and
// this week's digest once, never a burst of the ones missed.

export interface PacksDue {
  /** The first working day of this month, once it has come: the monthly report, as of that day. */
  monthly: IsoDate | null;
  /** The first working day of this week (Monday, or after a bank holiday), once it has come. */
  weekly: { day: IsoDate; from: IsoDate; to: IsoDate } | null;
}

export function firstWorkingDayOfMonth(date: IsoDate, calendar: WorkingCalendar): IsoDate {
  return calendar.onOrAfter(`${date.slice(0, 8)}01`);
}

export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, -((weekday(date) + 6) % 7));
}

export function packsDue(at: BusinessMoment, sendHour: number, calendar: WorkingCalendar): PacksDue {
  if (!sendWindowOpen(at, sendHour, calendar)) return { monthly: null, weekly: null };
  const monthDay = firstWorkingDayOfMonth(at.today, calendar);
  const monday = mondayOf(at.today);
  const weekDay = calendar.onOrAfter(monday);
  return {
    monthly: monthDay <= at.today ? monthDay : null,
    // The digest covers the seven days before the Monday.
    weekly: weekDay <= at.today ? { day: weekDay, from: addDays(monday, -7), to: addDays(monday, -1) } : null,
  };
}
