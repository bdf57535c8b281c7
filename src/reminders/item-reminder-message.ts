import { IsoDate } from '../../workflows/types';
import { headerText } from '../mail/mail-headers';
import { formatShort } from '../programmes/rules/format';
import { DueReminder } from './reminder-policy';
import { Person, RenderedMessage, escapeHtml } from './reminder-message';

// What a reminder about something other than a gate says (a risk review, a condition, a notification owed to
// the committee): what is due and when, the facts, and where to act. The schedule is a gate's.

export interface ItemReminderFacts {
  reminder: DueReminder;
  programme: { name: string };
  /** What is due, as the subject names it: `review of risk "Staffing"`. */
  what: string;
  dueOn: IsoDate;
  /** The owner's first line: what to do by the date. */
  ask: string;
  /** The SRO's first line, after "For your attention as SRO: ". */
  escalation: string;
  facts: Array<[string, string]>;
  recipient: Person;
  link: string;
  linkText: string;
}

export function renderItemReminder(f: ItemReminderFacts): RenderedMessage {
  const r = f.reminder;
  const n = Math.abs(r.workingDaysToDue);
  const days = `${n} working day${n === 1 ? '' : 's'}`;
  const when = formatShort(f.dueOn);
  const What = f.what.charAt(0).toUpperCase() + f.what.slice(1);
  const subject =
    r.kind === 'escalation'
      ? `Escalation: ${f.what} is ${days} overdue`
      : r.workingDaysToDue < 0
        ? `Overdue: ${f.what} was due ${when}`
        : r.workingDaysToDue === 0
          ? `${What} due today (${when})`
          : `${What} due in ${days} (${when})`;
  const lead = r.kind === 'escalation' ? `For your attention as SRO: ${f.escalation}` : f.ask;
  const notes = r.replaces.length
    ? ['This one message stands in for earlier reminders that were not sent at the time.']
    : [];
  const text = [
    `Dear ${f.recipient.name},`,
    '',
    lead,
    '',
    ...f.facts.map(([k, v]) => `${k}: ${v}`),
    ...(notes.length ? ['', ...notes] : []),
    '',
    `${f.linkText}: ${f.link}`,
    '',
  ].join('\n');
  const html = [
    `<p>Dear ${escapeHtml(f.recipient.name)},</p>`,
    `<p>${escapeHtml(lead)}</p>`,
    '<table>',
    ...f.facts.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`),
    '</table>',
    ...notes.map((note) => `<p>${escapeHtml(note)}</p>`),
    `<p><a href="${escapeHtml(f.link)}">${escapeHtml(f.linkText)}</a></p>`,
  ].join('\n');
  return { subject: headerText(`[${f.programme.name}] ${subject}`, 400), text, html };
}
