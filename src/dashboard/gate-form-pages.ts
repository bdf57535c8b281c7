import { IsoDate } from '../../workflows/types';
import { ProgrammeView } from '../programmes/programme-view';
import { PageError, fieldMessages } from './gate-forms';
import { DECISION_TAGS, formatDate } from './labels';

// What each gate form page shows around its fields: the programme and gate it is about,
// where it posts, the choices offered and what was typed, and any messages.

type Gate = ProgrammeView['gates'][number];

export interface FormState {
  values: Record<string, string>;
  errors: PageError[];
}

function common(view: ProgrammeView, gate: Gate, path: string, state: FormState) {
  return {
    programme: { id: view.id, name: view.name, href: `/programmes/${encodeURIComponent(view.id)}` },
    gate: { id: gate.id, title: gate.title, owner: gate.owner?.name ?? null },
    action: `/programmes/${encodeURIComponent(view.id)}/gates/${encodeURIComponent(gate.id)}/${path}`,
    values: state.values,
    errors: state.errors,
    fieldErrors: fieldMessages(state.errors),
  };
}

export function decisionPage(view: ProgrammeView, gate: Gate, state: FormState) {
  return {
    ...common(view, gate, 'decision', state),
    parties: (gate.parties ?? []).map((p) => ({
      value: p.id,
      text: p.name,
      hint: p.decision
        ? `Current decision: ${(DECISION_TAGS[p.decision as keyof typeof DECISION_TAGS]?.text ?? p.decision).toLowerCase()} on ${formatDate(p.decidedOn)}`
        : 'No decision recorded yet',
      checked: state.values.partyId === p.id,
    })),
    decisions: Object.entries(DECISION_TAGS).map(([value, tag]) => ({
      value,
      text: tag.text,
      checked: state.values.decision === value,
    })),
  };
}

export function completePage(view: ProgrammeView, gate: Gate, state: FormState) {
  return {
    ...common(view, gate, 'complete', state),
    consultation: gate.kind === 'consultation',
    target: formatDate(gate.baselineDate, 'not set'),
    forecast: formatDate(gate.forecastDate, 'not set'),
  };
}

export function reforecastPage(view: ProgrammeView, gate: Gate, state: FormState, today: IsoDate) {
  return {
    ...common(view, gate, 'reforecast', state),
    target: formatDate(gate.baselineDate, 'not set'),
    forecast: formatDate(gate.forecastDate, 'not set'),
    /** A date in the form's own day month year shape. */
    example: today.split('-').reverse().map(Number).join(' '),
  };
}
