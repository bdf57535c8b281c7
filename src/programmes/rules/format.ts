import { IsoDate } from '../../../workflows/types';
import { toDay } from '../../calendar/iso-date';

// One formatter for the process: building an Intl formatter per call costs more than the
// rest of a status read.
const SHORT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });

/** 26 Oct 2015: dates in reasons and messages, as NHS board papers write them. */
export function formatShort(date: IsoDate): string {
  return SHORT.format(new Date(toDay(date) * 86_400_000));
}
