import { IsoDate } from '../../../workflows/types';
import { toDay } from '../../calendar/iso-date';

/** 26 Oct 2015: dates in reasons and messages, as NHS board papers write them. */
export function formatShort(date: IsoDate): string {
  return new Date(toDay(date) * 86_400_000).toLocaleDateString('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}
