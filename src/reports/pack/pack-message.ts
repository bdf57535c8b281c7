import { IsoDate } from '../../../workflows/types';
import { headerText } from '../../mail/mail-headers';
import { escapeHtml } from '../../reminders/reminder-message';
import { formatShort } from '../../programmes/rules/format';
import { HighlightReport } from '../highlight-report';
import { RAG_LABEL } from '../render/report-text';

// The words of the scheduled pack: the monthly report's covering note, and the weekly digest.

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

export function renderMonthlyPack(report: HighlightReport, to: { name: string }, link: string): Rendered {
  const month = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(
    new Date(`${report.asOf}T00:00:00Z`),
  );
  const lines = [
    `Dear ${to.name},`,
    '',
    `The highlight report for ${report.programme.name} for ${month} is attached, as of ${formatShort(report.asOf)}.`,
    '',
    `Overall: ${RAG_LABEL[report.programme.rag]}. ${report.programme.ragReason}`,
    `Decisions in the period: ${report.decisions.length}. Open risks and issues: ${report.openRiskCount}.`,
    `Due in the next month: ${report.lookAhead.length ? report.lookAhead.map((i) => `${i.title} (${formatShort(i.date)})`).join('; ') : 'nothing'}.`,
    '',
    `The report online: ${link}`,
    '',
    'You receive this as the senior responsible owner. To stop it, change your mail preferences.',
    '',
  ];
  return {
    subject: headerText(`[${report.programme.name}] Highlight report for ${month}`, 400),
    text: lines.join('\n'),
    html: lines
      .filter((l) => l)
      .map((l) => `<p>${escapeHtml(l)}</p>`)
      .join('\n'),
  };
}

export interface Movement {
  programme: string;
  on: IsoDate;
  what: string;
}

export function renderWeeklyDigest(
  to: { name: string },
  period: { from: IsoDate; to: IsoDate },
  moves: Movement[],
  link: string,
): Rendered {
  const byProgramme = new Map<string, Movement[]>();
  for (const m of moves) byProgramme.set(m.programme, [...(byProgramme.get(m.programme) ?? []), m]);
  const span = `${formatShort(period.from)} to ${formatShort(period.to)}`;
  const text = [
    `Dear ${to.name},`,
    '',
    `What moved across your programmes from ${span}:`,
    ...[...byProgramme].flatMap(([name, list]) => ['', name, ...list.map((m) => `- ${formatShort(m.on)}: ${m.what}`)]),
    '',
    `Your programmes: ${link}`,
    '',
    'You receive this as a senior responsible owner. To stop it, change your mail preferences.',
    '',
  ].join('\n');
  const html = [
    `<p>Dear ${escapeHtml(to.name)},</p>`,
    `<p>What moved across your programmes from ${escapeHtml(span)}:</p>`,
    ...[...byProgramme].map(
      ([name, list]) =>
        `<h2>${escapeHtml(name)}</h2><ul>${list.map((m) => `<li>${escapeHtml(formatShort(m.on))}: ${escapeHtml(m.what)}</li>`).join('')}</ul>`,
    ),
    `<p><a href="${escapeHtml(link)}">Your programmes</a></p>`,
  ].join('\n');
  return { subject: headerText(`What moved in your programmes, ${span}`, 400), text, html };
}
