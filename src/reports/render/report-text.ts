import { IsoDate } from '../../../workflows/types';
import { formatShort } from '../../programmes/rules/format';
import { HighlightReport, LookAheadItem, Milestone, OpenCondition, ReportDecision } from '../highlight-report';

// The words of a highlight report, shared by the page, the PDF and the Word document, so that
// the three say the same thing in the same way.

export const RAG_LABEL = { red: 'Red', amber: 'Amber', green: 'Green', blue: 'Complete' } as const;
export const RAG_COLOUR = { red: '#d5281b', amber: '#ffb81c', green: '#007f3b', blue: '#005eb8' } as const;

export const DECISION_LABEL: Record<string, string> = {
  approved: 'Approved',
  'approved-with-conditions': 'Approved with conditions',
  'not-approved': 'Not approved',
  deferred: 'Deferred',
};

export function day(date: IsoDate | null | undefined): string {
  return date ? formatShort(date) : '–';
}

export function movement(m: Milestone): string {
  if (m.movementWorkingDays === null) return m.previousDate === null ? 'new' : '–';
  const n = m.movementWorkingDays;
  if (n === 0) return 'no change';
  return `${n > 0 ? '+' : '−'}${Math.abs(n)} working day${Math.abs(n) === 1 ? '' : 's'}`;
}

export function title(report: HighlightReport): string {
  return `${report.programme.name}: highlight report`;
}

export function subtitle(report: HighlightReport): string {
  return `As of ${day(report.asOf)}. Movements since ${day(report.previousAsOf)}; look-ahead to ${day(report.lookAheadUntil)}.`;
}

export function milestoneRow(m: Milestone): string[] {
  return [m.title, day(m.baselineDate), day(m.forecastDate), day(m.actualDate), movement(m), RAG_LABEL[m.rag]];
}
export const MILESTONE_HEADERS = ['Gate', 'Baseline', 'Forecast', 'Actual', 'Movement', 'RAG'];

export function decisionRow(d: ReportDecision): string[] {
  return [
    day(d.decidedOn),
    d.partyName,
    DECISION_LABEL[d.decision] ?? d.decision,
    d.reference ?? '',
    d.conditions ?? '',
  ];
}
export const DECISION_HEADERS = ['Date', 'Party', 'Decision', 'Reference', 'Conditions'];

/** What the "Conditions still open" section lists, in the report's words. */
export function openConditionsNote(report: HighlightReport): string {
  return report.conditionsTracked
    ? `Each condition is tracked until it is discharged with evidence; these were not discharged by ${day(report.asOf)}.`
    : `This programme's workflow (version ${report.programme.workflow.version}) does not track conditions one by one: ` +
        'every approval with conditions still in force is listed, with its conditions as recorded.';
}

export function openConditionLine(c: OpenCondition): string {
  const extra = [c.owner ? `owner ${c.owner}` : '', c.dueDate ? `due ${day(c.dueDate)}` : ''].filter(Boolean);
  return `${c.partyName} (${day(c.decidedOn)}): ${c.conditions ?? ''}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

export function riskRow(r: HighlightReport['risks'][number]): string[] {
  return [
    `${r.score} ${r.rating}`,
    `${r.kind === 'issue' ? 'Issue: ' : ''}${r.title}`,
    r.owner.name,
    r.mitigation ?? '',
    r.targetScore === null ? '–' : String(r.targetScore),
    day(r.reviewOn),
  ];
}
export const RISK_HEADERS = ['Score', 'Risk', 'Owner', 'Mitigation', 'Target', 'Review'];

export function lookAheadRow(i: LookAheadItem): string[] {
  return [day(i.date), i.title, i.owner ?? ''];
}
export const LOOK_AHEAD_HEADERS = ['Date', 'What', 'Owner'];
