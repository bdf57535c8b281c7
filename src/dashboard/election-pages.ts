import type { Election } from '../elections/election-rules';
import type { FieldError } from '../core/errors/domain-error';
import { PageError, fieldMessages } from './gate-forms';
import { formatDate } from './labels';

// Page models for the elections an admin keeps (the scheduled May polls, general and by-elections, councils
// with no polls) and for the councils a programme touches. Pure: what the service answered and what was typed
// in, laid out for the templates.

export type FormValues = Record<string, string | string[]>;

const SOURCE: Record<Election['source'], string> = {
  rule: 'Scheduled by rule',
  entered: 'Added by an admin',
  configured: 'Configuration',
};

/** The form fields the service's field names stand for, so a refusal points at what was typed. */
const ELECTION_FIELDS: Record<string, string> = {
  name: 'name',
  pollDate: 'pollDate',
  periodStart: 'periodStart',
  periodEnd: 'periodEnd',
  scope: 'scope',
  areas: 'areas',
  year: 'year',
  councils: 'councils',
};

const LABELS: Record<string, string> = {
  name: 'Name',
  pollDate: 'Polling day',
  periodStart: 'Start of the pre-election period',
  periodEnd: 'End of the pre-election period',
  scope: 'Scope',
  areas: 'Councils',
  year: 'Year',
  councils: 'Councils',
};

/** Service or schema field errors as page errors, each linked to its field. */
export function pageErrors(errors: readonly FieldError[], prefix = ''): PageError[] {
  return errors.map((e) => {
    const field = Object.hasOwn(ELECTION_FIELDS, e.field.split('.')[0])
      ? ELECTION_FIELDS[e.field.split('.')[0]]
      : 'name';
    const label = Object.hasOwn(LABELS, field) ? LABELS[field] : field;
    return { field: `${prefix}${field}`, href: `#${prefix}${field}`, text: `${label}: ${e.message}` };
  });
}

export function electionsPage(
  periods: readonly Election[],
  councils: ReadonlyArray<{ id: string; name: string; noPollsIn: number[] }>,
  state: { values: FormValues; errors: PageError[]; done?: string },
) {
  const name = new Map(councils.map((c) => [c.id, c.name]));
  const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
  const chosenAreas = new Set(list(state.values.areas));
  const chosenNoPolls = new Set(list(state.values['noPolls-councils']));
  return {
    elections: periods.map((e) => ({
      name: e.name,
      pollDate: formatDate(e.pollDate),
      period: `${formatDate(e.periodStart)} to ${formatDate(e.periodEnd)}`,
      scope:
        e.scope === 'national'
          ? 'National'
          : e.areas?.length
            ? `Local: ${e.areas.map((a) => name.get(a) ?? a).join(', ')}`
            : 'Local: every council with polls that year',
      source: SOURCE[e.source],
    })),
    councils: councils.map((c) => ({
      name: c.name,
      noPollsIn: c.noPollsIn.length ? c.noPollsIn.join(', ') : 'None recorded',
    })),
    areaItems: councils.map((c) => ({ value: c.id, text: c.name, checked: chosenAreas.has(c.id) })),
    noPollsItems: councils.map((c) => ({ value: c.id, text: c.name, checked: chosenNoPolls.has(c.id) })),
    scopeItems: [
      { value: 'national', text: 'National (a general election)', checked: state.values.scope === 'national' },
      { value: 'local', text: 'Local (a by-election)', checked: state.values.scope === 'local' },
    ],
    values: state.values,
    errors: state.errors,
    fieldErrors: fieldMessages(state.errors),
    done: state.done,
  };
}

export function councilsPage(
  programme: { id: string; name: string; councils: readonly string[] },
  councils: ReadonlyArray<{ id: string; name: string }>,
  errors: PageError[] = [],
) {
  const chosen = new Set(programme.councils);
  return {
    programme: { id: programme.id, name: programme.name },
    items: councils.map((c) => ({ value: c.id, text: c.name, checked: chosen.has(c.id) })),
    errors,
    fieldErrors: fieldMessages(errors),
  };
}
