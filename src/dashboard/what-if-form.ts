import { IsoDate } from '../../workflows/types';
import { ProgrammeView } from '../programmes/programme-view';
import { WhatIfChange } from '../what-if/what-if.dto';
import { PageError, dateParts, parseDateParts } from './gate-forms';

// The what-if form: a new date for any open gate, a party's decision expected later, another
// consultation length, an extra election. Sent by GET (it changes nothing), so a what-if has
// an address that can be shared or reloaded. Dates as day, month and year fields.

type Query = Record<string, unknown>;
type Gate = ProgrammeView['gates'][number];

export interface WhatIfForm {
  /** Something was asked (any field filled in). */
  asked: boolean;
  values: Record<string, string>;
  errors: PageError[];
  changes: WhatIfChange[];
  /** The field each change came from, for the service's messages (`changes.N...`). */
  fieldOf: Array<{ field: string; href: string; label: string }>;
}

const str = (q: Query, name: string) => (typeof q[name] === 'string' ? (q[name] as string).trim() : '');

export const movable = (g: Gate) => g.status === 'open' || g.status === 'not-started';

/** Parties whose decision is still to come, as `gateId:partyId` options. */
export function undecidedParties(view: ProgrammeView) {
  return view.gates
    .filter((g) => g.kind === 'approval' && movable(g))
    .flatMap((g) =>
      (g.parties ?? [])
        .filter((p) => p.decision !== 'approved' && p.decision !== 'approved-with-conditions')
        .map((p) => ({ value: `${g.id}:${p.id}`, text: `${p.name} (${g.title})`, gateId: g.id, partyId: p.id })),
    );
}

export function parseWhatIfForm(q: Query, view: ProgrammeView, today: IsoDate): WhatIfForm {
  const form: WhatIfForm = { asked: false, values: {}, errors: [], changes: [], fieldOf: [] };
  const error = (field: string, href: string, text: string) => form.errors.push({ field, href, text });
  const date = (name: string, label: string, what: string) => {
    const parts = dateParts(q, name);
    form.values[`${name}-day`] = parts.day;
    form.values[`${name}-month`] = parts.month;
    form.values[`${name}-year`] = parts.year;
    if (!parts.day && !parts.month && !parts.year) return undefined;
    form.asked = true;
    const parsed = parseDateParts(parts, label, what);
    if (parsed.error) error(name, `#${name}-day`, parsed.error);
    return parsed.date;
  };
  const add = (change: WhatIfChange, field: string, href: string, label: string) => {
    form.changes.push(change);
    form.fieldOf.push({ field, href, label });
  };

  for (const gate of view.gates.filter(movable)) {
    const name = `forecast-${gate.id}`;
    const d = date(name, `New date for ${gate.title}`, `a new date for ${gate.title}`);
    if (!d) continue;
    if (d < today) error(name, `#${name}-day`, `New date for ${gate.title} must be today or later`);
    else add({ gateId: gate.id, forecastDate: d }, name, `#${name}-day`, `New date for ${gate.title}`);
  }

  const party = str(q, 'party');
  form.values.party = party;
  const partyOn = date('partyOn', 'Date of the decision', 'the date the decision is expected');
  if (party || partyOn) {
    form.asked = true;
    const option = undecidedParties(view).find((o) => o.value === party);
    if (!option) error('party', '#party', 'Select the board whose decision comes later');
    else if (!partyOn) {
      if (!form.errors.some((e) => e.field === 'partyOn')) {
        error('partyOn', '#partyOn-day', 'Enter the date the decision is expected');
      }
    } else {
      add(
        { gateId: option.gateId, partyId: option.partyId, expectedOn: partyOn },
        'partyOn',
        '#partyOn-day',
        'Date of the decision',
      );
    }
  }

  const weeks = str(q, 'consultationWeeks');
  form.values.consultationWeeks = weeks;
  if (weeks) {
    form.asked = true;
    const consultation = view.gates.find((g) => g.kind === 'consultation');
    if (!/^\d{1,2}$/.test(weeks) || Number(weeks) < 1 || Number(weeks) > 52) {
      error(
        'consultationWeeks',
        '#consultationWeeks',
        'Consultation length must be a whole number of weeks from 1 to 52',
      );
    } else if (consultation) {
      add(
        { gateId: consultation.id, consultationDays: Number(weeks) * 7 },
        'consultationWeeks',
        '#consultationWeeks',
        'Consultation length',
      );
    }
  }

  const electionName = str(q, 'electionName');
  form.values.electionName = electionName;
  const poll = date('electionPoll', 'Polling day', 'polling day');
  const start = date('electionStart', 'Start of the pre-election period', 'the start of the pre-election period');
  if (electionName || poll || start) {
    form.asked = true;
    if (!electionName) error('electionName', '#electionName', 'Enter the name of the election');
    else if (electionName.length > 200) error('electionName', '#electionName', 'Name must be 200 characters or fewer');
    if (!poll && !form.errors.some((e) => e.field === 'electionPoll'))
      error('electionPoll', '#electionPoll-day', 'Enter polling day');
    if (!start && !form.errors.some((e) => e.field === 'electionStart'))
      error('electionStart', '#electionStart-day', 'Enter the start of the pre-election period');
    if (electionName && poll && start) {
      if (start > poll) {
        error('electionStart', '#electionStart-day', 'The pre-election period must start on or before polling day');
      } else {
        add(
          { election: { name: electionName, pollDate: poll, periodStart: start } },
          'electionStart',
          '#electionStart-day',
          'Election',
        );
      }
    }
  }
  if (form.asked && !form.errors.length && !form.changes.length) {
    error('form', '#what-if-form', 'Enter at least one change');
  }
  return form;
}

/** The form filled in from saved changes (a scenario shown again). */
export function formValues(changes: WhatIfChange[]): Record<string, string> {
  const values: Record<string, string> = {};
  const put = (name: string, date: IsoDate) => {
    const [y, m, d] = date.split('-');
    values[`${name}-day`] = String(Number(d));
    values[`${name}-month`] = String(Number(m));
    values[`${name}-year`] = y;
  };
  for (const c of changes) {
    if (c.forecastDate) put(`forecast-${c.gateId}`, c.forecastDate);
    else if (c.expectedOn) {
      values.party = `${c.gateId}:${c.partyId}`;
      put('partyOn', c.expectedOn);
    } else if (c.consultationDays !== undefined) values.consultationWeeks = String(Math.round(c.consultationDays / 7));
    else if (c.election) {
      values.electionName = c.election.name;
      put('electionPoll', c.election.pollDate);
      put('electionStart', c.election.periodStart);
    }
  }
  return values;
}

/** The service's refusal of some changes, as messages on the fields they came from. */
export function whatIfErrors(form: WhatIfForm, errors: Array<{ field: string; message: string }>): PageError[] {
  return errors.map((e) => {
    const index = /^changes\.(\d+)/.exec(e.field)?.[1];
    const source = index !== undefined ? form.fieldOf[Number(index)] : undefined;
    return source
      ? { field: source.field, href: source.href, text: `${source.label}: ${e.message}` }
      : { text: e.message };
  });
}
