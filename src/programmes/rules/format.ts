import { IsoDate } from '../../../workflows/types';
import { toDay } from '../../calendar/iso-date';

// One formatter for the process: building an Intl formatter per call costs more than the
// rest of a status read. Formatting is still microseconds a date, and a what-if writes the
// same few dates into dozens of reasons, so each date is formatted once (a bounded memo).
const SHORT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
const formatted = new Map<IsoDate, string>();
const MEMO_SIZE = 4096;

/** 26 Oct 2015: dates in reasons and messages, as NHS board papers write them. */
export function formatShort(date: IsoDate): string {
  let text = formatted.get(date);
  if (text === undefined) {
    text = SHORT.format(new Date(toDay(date) * 86_400_000));
    if (formatted.size >= MEMO_SIZE) formatted.clear();
    formatted.set(date, text);
  }
  return text;
}
