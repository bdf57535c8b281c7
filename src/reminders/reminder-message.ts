import { GateKind, IsoDate } from '../../workflows/types';
import { toDay } from '../calendar/iso-date';
import { headerText } from '../mail/mail-headers';
import { formatShort } from '../programmes/rules/format';
import { DueReminder } from './reminder-policy';

// What a reminder says. Written for a busy NHS manager reading on a phone between meetings:
// the subject says which programme, which gate and how bad; the first line says what is
// needed; then the dates, who is still to decide, who to talk to and the link.

export interface Person {
  name: string;
  email: string;
}

export interface ReminderFacts {
  reminder: DueReminder;
  programme: { id: string; name: string };
  gate: { id: string; title: string; kind: GateKind; baselineDate: IsoDate | null };
  recipient: Person;
  owner: Person | null;
  sro: Person;
  /** Approval gates: the parties whose decision is still needed, and how many decide. */
  outstanding?: { names: string[]; total: number };
  link: string;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

// Built once: an Intl formatter costs more to make than a whole message does to render.
const LONG = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** Monday 26 October 2015. */
function formatLong(date: IsoDate): string {
  return LONG.format(new Date(toDay(date) * 86_400_000));
}

const KIND_LABEL: Record<string, string> = {
  'due-today': 'on the day',
  overdue: 'overdue',
};

export function renderReminder(given: ReminderFacts): RenderedMessage {
  const f = oneLineNames(given);
  const { reminder: r, gate } = f;
  const n = Math.abs(r.workingDaysToDue);
  const facts: Array<[string, string]> = [
    ['Programme', f.programme.name],
    ['Gate', gate.title],
    ['Target date', gate.baselineDate ? formatShort(gate.baselineDate) : 'not set'],
    [r.kind === 'consultation-slip' ? 'Forecast start' : 'Forecast date', formatShort(r.dueDate)],
  ];
  if (r.workingDaysToDue < 0) facts.push(['Overdue by', workingDays(n)]);
  else if (r.workingDaysToDue > 0)
    facts.push([r.kind === 'consultation-slip' ? 'Starts in' : 'Due in', workingDays(n)]);
  else facts.push(['Due', 'today']);
  if (r.recipient === 'sro')
    facts.push(['Gate owner', f.owner ? `${f.owner.name} <${f.owner.email}>` : 'none recorded']);

  const outstanding = f.outstanding && f.outstanding.names.length ? f.outstanding : undefined;
  const notes: string[] = [];
  if (r.replaces.length) {
    const missed = r.replaces.map(describeKind).join(', ');
    notes.push(`This one message stands in for earlier reminders that were not sent at the time (${missed}).`);
  }
  if (r.escalatesOn) {
    notes.push(`If the gate is still not complete on ${formatLong(r.escalatesOn)}, ${f.sro.name} (SRO) will be told.`);
  }
  const contact =
    r.recipient === 'owner'
      ? `${f.sro.name} (SRO), ${f.sro.email}`
      : f.owner
        ? `${f.owner.name} (gate owner), ${f.owner.email}`
        : 'No owner is recorded for this gate: assign one.';

  const parts = {
    subject: subjectOf(f, n, outstanding),
    lead: leadOf(f, n),
    facts,
    outstanding,
    action: actionOf(f),
    contact,
    notes,
    link: f.link,
  };
  return { subject: parts.subject, text: textOf(f.recipient, parts), html: htmlOf(f.recipient, parts) };
}

function subjectOf(f: ReminderFacts, n: number, outstanding?: { names: string[]; total: number }): string {
  const { reminder: r, gate } = f;
  const decisions = outstanding ? `, ${outstanding.names.length} of ${outstanding.total} decisions outstanding` : '';
  const when = formatShort(r.dueDate);
  let what: string;
  switch (r.kind) {
    case 'due-today':
      what = `${gate.title} due today (${when})${decisions}`;
      break;
    case 'overdue':
      what = `Overdue: ${gate.title} was due ${when}${decisions}`;
      break;
    case 'escalation':
      what = `Escalation: ${gate.title} is ${workingDays(n)} overdue${decisions}`;
      break;
    case 'consultation-slip':
      what = `Consultation start now forecast ${when}, planned ${gate.baselineDate ? formatShort(gate.baselineDate) : 'unset'}`;
      break;
    default:
      what =
        r.workingDaysToDue > 0
          ? `${gate.title} due in ${workingDays(n)} (${when})${decisions}`
          : `${gate.title} due ${when}${decisions}`;
  }
  return headerText(`[${f.programme.name}] ${what}`, 400);
}

function leadOf(f: ReminderFacts, n: number): string {
  const { reminder: r, gate } = f;
  const programme = f.programme.name;
  switch (r.kind) {
    case 'due-today':
      return `${gate.title} for ${programme} is due today, ${formatLong(r.dueDate)}.`;
    case 'overdue':
      return `${gate.title} for ${programme} was due on ${formatLong(r.dueDate)} and is not complete: it is ${workingDays(n)} overdue.`;
    case 'escalation':
      return `For your attention as SRO: ${gate.title} for ${programme} was due on ${formatLong(r.dueDate)} and is now ${workingDays(n)} overdue.`;
    case 'consultation-slip': {
      const planned = gate.baselineDate ? ` planned for ${formatLong(gate.baselineDate)}` : '';
      return `For your attention as SRO: the start of public consultation for ${programme},${planned}, is now forecast for ${formatLong(r.dueDate)}.`;
    }
    default:
      return `${gate.title} for ${programme} is due on ${formatLong(r.dueDate)}, in ${workingDays(n)}.`;
  }
}

function actionOf(f: ReminderFacts): string {
  const { reminder: r, gate } = f;
  if (r.kind === 'escalation') {
    return 'Agree a recovery date with the gate owner; once it is recorded as a re-forecast with a reason, the gates that depend on it move with it.';
  }
  if (r.kind === 'consultation-slip') {
    return 'Check the new dates against the consultation period and any pre-election period, and agree the response with the programme board.';
  }
  switch (gate.kind) {
    case 'approval':
      return 'Record each board decision as it is made, or re-forecast the gate with a reason if a board will decide later.';
    case 'consultation':
      return 'Record the consultation start when it launches, or re-forecast it with a reason if it will start later.';
    case 'task':
      return 'Mark the gate complete when it is done, or re-forecast it with a reason if the date will not be met.';
  }
}

interface Parts {
  lead: string;
  facts: Array<[string, string]>;
  outstanding?: { names: string[]; total: number };
  action: string;
  contact: string;
  notes: string[];
  link: string;
}

const FOOTER = 'Sent by Consultation Gates. This is an automatic message: replies are not read.';

function textOf(to: Person, p: Parts): string {
  const width = Math.max(...p.facts.map(([k]) => k.length)) + 2;
  const lines = [`Dear ${to.name},`, '', p.lead, '', ...p.facts.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}`)];
  if (p.outstanding) {
    lines.push('', `Decisions outstanding (${p.outstanding.names.length} of ${p.outstanding.total}):`);
    lines.push(...p.outstanding.names.map((name) => `  - ${name}`));
  }
  lines.push('', `What to do: ${p.action}`, `Open the programme: ${p.link}`, '', `Who to contact: ${p.contact}`);
  if (p.notes.length) lines.push('', ...p.notes);
  lines.push('', '-- ', FOOTER, '');
  return lines.join('\n');
}

function htmlOf(to: Person, p: Parts): string {
  const cell = 'style="padding:2px 12px 2px 0;vertical-align:top"';
  const rows = p.facts.map(
    ([k, v]) => `<tr><th align="left" ${cell}>${escapeHtml(k)}</th><td ${cell}>${escapeHtml(v)}</td></tr>`,
  );
  const outstanding = p.outstanding
    ? `<p><strong>Decisions outstanding (${p.outstanding.names.length} of ${p.outstanding.total}):</strong></p>\n<ul>${p.outstanding.names
        .map((name) => `<li>${escapeHtml(name)}</li>`)
        .join('')}</ul>`
    : '';
  const notes = p.notes.map((note) => `<p>${escapeHtml(note)}</p>`).join('\n');
  return [
    '<!doctype html>',
    '<html lang="en-GB"><head><meta charset="utf-8"></head>',
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#212b32">',
    `<p>Dear ${escapeHtml(to.name)},</p>`,
    `<p><strong>${escapeHtml(p.lead)}</strong></p>`,
    `<table role="presentation">${rows.join('')}</table>`,
    outstanding,
    `<p>${escapeHtml(p.action)}</p>`,
    `<p><a href="${escapeHtml(p.link)}" style="color:#005eb8">Open the programme</a></p>`,
    `<p>Who to contact: ${escapeHtml(p.contact)}</p>`,
    notes,
    `<p style="color:#4c6272;font-size:14px">${escapeHtml(FOOTER)}</p>`,
    '</body></html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** Names are one line everywhere, in the body as in the headers. */
function oneLineNames(f: ReminderFacts): ReminderFacts {
  const person = (p: Person): Person => ({ name: headerText(p.name, 200), email: p.email });
  return {
    ...f,
    programme: { ...f.programme, name: headerText(f.programme.name, 200) },
    gate: { ...f.gate, title: headerText(f.gate.title, 200) },
    recipient: person(f.recipient),
    owner: f.owner ? person(f.owner) : null,
    sro: person(f.sro),
    outstanding: f.outstanding
      ? { ...f.outstanding, names: f.outstanding.names.map((n) => headerText(n, 200)) }
      : undefined,
  };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function workingDays(n: number): string {
  return `${n} working day${n === 1 ? '' : 's'}`;
}

function describeKind(kind: string): string {
  const m = /^due-in-(\d+)$/.exec(kind);
  if (m) return `${workingDays(Number(m[1]))} before`;
  return KIND_LABEL[kind] ?? kind;
}
