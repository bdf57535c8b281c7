import { IsoDate } from '../../workflows/types';
import { formatShort } from '../programmes/rules/format';
import { renderItemReminder } from './item-reminder-message';
import { DueReminder } from './reminder-policy';
import { Person, RenderedMessage } from './reminder-message';

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
  const what = f.risk.kind === 'issue' ? 'issue' : 'risk';
  const when = formatShort(f.risk.reviewOn);
  return renderItemReminder({
    reminder: f.reminder,
    programme: f.programme,
    what: `review of ${what} "${f.risk.title}"`,
    dueOn: f.risk.reviewOn,
    ask: `Please review this ${what} by ${when}: re-score it, update its mitigation and next review date, or close it.`,
    escalation: `the review of this ${what}, owned by ${f.owner.name}, was due on ${when} and has not been done.`,
    facts: [
      ['Programme', f.programme.name],
      [what === 'issue' ? 'Issue' : 'Risk', f.risk.title],
      ['Score', `${f.risk.score} (${f.risk.rating})`],
      ['Review due', when],
      ['Mitigation', f.risk.mitigation ?? 'none recorded'],
      ['Owner', `${f.owner.name} <${f.owner.email}>`],
    ],
    recipient: f.recipient,
    link: f.link,
    linkText: 'Re-score or close it',
  });
}
