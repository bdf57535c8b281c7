import { IsoDate } from '../../workflows/types';
import { headerText } from '../mail/mail-headers';
import { formatShort } from '../programmes/rules/format';
import { DueReminder } from './reminder-policy';
import { Person, RenderedMessage, escapeHtml } from './reminder-message';

// What a risk review reminder says: which risk, its score, when its review is due, and where
// to re-score or close it. The same schedule as a gate's reminders (reminder-policy.ts).

export interface RiskReviewFacts {
  reminder: DueReminder;
  programme: { name: string };
  risk: { title: string; kind: string; score: number; rating: string; reviewOn: IsoDate; mitigation: string | null };
  recipient: Person;
  owner: Person;
  link: string;
}

export function renderRiskReview(f: RiskReviewFacts): RenderedMessage {
  const r = f.reminder;
  const n = Math.abs(r.workingDaysToDue);
  const days = `${n} working day${n === 1 ? '' : 's'}`;
  const what = f.risk.kind === 'issue' ? 'issue' : 'risk';
  const when = formatShort(f.risk.reviewOn);
  const subject =
    r.kind === 'escalation'
      ? `Escalation: review of ${what} "${f.risk.title}" is ${days} overdue`
      : r.workingDaysToDue < 0
        ? `Overdue: review of ${what} "${f.risk.title}" was due ${when}`
        : r.workingDaysToDue === 0
          ? `Review of ${what} "${f.risk.title}" due today (${when})`
          : `Review of ${what} "${f.risk.title}" due in ${days} (${when})`;
  const lead =
    r.kind === 'escalation'
      ? `For your attention as SRO: the review of this ${what}, owned by ${f.owner.name}, was due on ${when} and has not been done.`
      : `Please review this ${what} by ${when}: re-score it, update its mitigation and next review date, or close it.`;
  const facts: Array<[string, string]> = [
    ['Programme', f.programme.name],
    [what === 'issue' ? 'Issue' : 'Risk', f.risk.title],
    ['Score', `${f.risk.score} (${f.risk.rating})`],
    ['Review due', when],
    ['Mitigation', f.risk.mitigation ?? 'none recorded'],
    ['Owner', `${f.owner.name} <${f.owner.email}>`],
  ];
  const notes = r.replaces.length
    ? ['This one message stands in for earlier reminders that were not sent at the time.']
    : [];
  const text = [
    `Dear ${f.recipient.name},`,
    '',
    lead,
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    ...(notes.length ? ['', ...notes] : []),
    '',
    `Re-score or close it: ${f.link}`,
    '',
  ].join('\n');
  const html = [
    `<p>Dear ${escapeHtml(f.recipient.name)},</p>`,
    `<p>${escapeHtml(lead)}</p>`,
    '<table>',
    ...facts.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`),
    '</table>',
    ...notes.map((n2) => `<p>${escapeHtml(n2)}</p>`),
    `<p><a href="${escapeHtml(f.link)}">Re-score or close it</a></p>`,
  ].join('\n');
  return { subject: headerText(`[${f.programme.name}] ${subject}`, 400), text, html };
}
