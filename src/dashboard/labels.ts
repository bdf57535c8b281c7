import { Decision, GateKind, GateStatus, IsoDate } from '../../workflows/types';
import { formatShort } from '../programmes/rules/format';
import { Rag } from '../programmes/rules/rag';

/** An nhsuk tag: the words always say what the colour says, so colour is never the only signal. */
export interface Tag {
  text: string;
  colour: 'green' | 'yellow' | 'red' | 'blue' | 'grey' | 'white' | 'orange' | 'aqua-green';
}

// NHS PMOs' BRAG: Green on track, Amber at risk, Red missed or slipped badly, Blue complete.
export const RAG_TAGS: Record<Rag, Tag> = {
  green: { text: 'Green', colour: 'green' },
  amber: { text: 'Amber', colour: 'yellow' },
  red: { text: 'Red', colour: 'red' },
  blue: { text: 'Complete', colour: 'blue' },
};

export const DECISION_TAGS: Record<Decision, Tag> = {
  approved: { text: 'Approved', colour: 'green' },
  'approved-with-conditions': { text: 'Approved with conditions', colour: 'aqua-green' },
  'not-approved': { text: 'Not approved', colour: 'red' },
  deferred: { text: 'Deferred', colour: 'orange' },
};

export const AWAITING_DECISION: Tag = { text: 'Awaiting decision', colour: 'grey' };

export const STATUS_TEXT: Record<GateStatus, string> = {
  'not-started': 'Not started',
  open: 'Open',
  running: 'Under way',
  complete: 'Complete',
};

export const KIND_TEXT: Record<GateKind, string> = {
  task: 'Task',
  approval: 'Approval',
  consultation: 'Consultation',
};

/** 26 Oct 2015, or the fallback when there is no date. */
export function formatDate(date: IsoDate | null | undefined, fallback = ''): string {
  return date ? formatShort(date) : fallback;
}

const INSTANT_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** 27 Oct 2015, 09:00 in the business time zone: when an audit entry was written. */
export function formatInstant(iso: string, timeZone: string): string {
  let format = INSTANT_FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    INSTANT_FORMATS.set(timeZone, format);
  }
  return format.format(new Date(iso));
}
