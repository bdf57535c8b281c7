import { IsoDate, WorkflowDefinition } from '../../workflows/types';
import { Actor } from '../auth/roles';
import { ProgrammeView } from '../programmes/programme-view';
import { ScenarioSummary } from '../what-if/what-if-scenarios.service';
import { WhatIfAnswer } from '../what-if/what-if';
import { WhatIfChange } from '../what-if/what-if.dto';
import { PageError, fieldMessages } from './gate-forms';
import { RAG_TAGS, formatDate } from './labels';
import { gateActions } from './permissions';
import { criticalSummary, gateHref } from './programme-page';
import { buildTimeline, timelineDates } from './timeline';
import { movable, undecidedParties } from './what-if-form';

// The what-if page: the form, and when something was asked, the programme's timeline as it
// is and as it would be (one scale, one above the other), what moves and why, the clashes and
// refusals, and the ways on: discard, re-forecast for real (forms filled in), save.

export interface WhatIfPageInput {
  view: ProgrammeView;
  def: WorkflowDefinition;
  actor: Pick<Actor, 'role' | 'email'>;
  today: IsoDate;
  values: Record<string, string>;
  errors: PageError[];
  answer: WhatIfAnswer | null;
  /** The changes behind the answer, kept in the save form. */
  changes: WhatIfChange[];
  scenarios: ScenarioSummary[];
  /** The saved scenario being shown, if any. */
  scenario?: ScenarioSummary | null;
  saved?: boolean;
}

const days = (n: number | null) =>
  n === null ? '' : `${n > 0 ? '+' : ''}${n} working day${Math.abs(n) === 1 ? '' : 's'}`;

export function whatIfPage(input: WhatIfPageInput) {
  const { view, def, actor, today, answer } = input;
  const base = `/programmes/${encodeURIComponent(view.id)}`;
  const consultationDays = def.consultation?.normalLengthDays ?? 84;
  const mayReforecast = (gateId: string) => {
    const gate = view.gates.find((g) => g.id === gateId);
    return !!gate && gateActions(actor, gate).reforecast;
  };

  let result = null;
  if (answer) {
    const critical = new Set(answer.criticalPath);
    const wouldBe = answer.programme.gates.map((g) => ({ ...g, critical: critical.has(g.id) }));
    const asIsDates = timelineDates(view.gates, consultationDays);
    const wouldBeDates = timelineDates(wouldBe, answer.consultation?.after?.lengthDays ?? consultationDays);
    const before = answer.consultation?.before;
    const after = answer.consultation?.after;
    const startMoved = before && after && before.startsOn !== after.startsOn;
    result = {
      headline:
        before && after
          ? startMoved
            ? `The consultation would start on ${formatDate(after.startsOn)} instead of ${formatDate(before.startsOn)}, and close on ${formatDate(after.closesOn)}.`
            : `The consultation start would not move: ${formatDate(after.startsOn)}, closing on ${formatDate(after.closesOn)}.`
          : null,
      rag: { before: RAG_TAGS[view.rag], after: RAG_TAGS[answer.programme.rag as keyof typeof RAG_TAGS] },
      asIs: buildTimeline({ gates: view.gates, today, consultationDays, alsoShow: wouldBeDates }),
      wouldBe: buildTimeline({
        gates: wouldBe,
        today,
        consultationDays: after?.lengthDays ?? consultationDays,
        alsoShow: asIsDates,
      }),
      moves: answer.changes.map((m) => ({
        title: m.title,
        from: formatDate(m.from, 'not set'),
        to: formatDate(m.to, 'not set'),
        shift: days(m.workingDays),
        why: m.why,
        ragFrom: RAG_TAGS[m.ragFrom as keyof typeof RAG_TAGS],
        ragTo: RAG_TAGS[m.ragTo as keyof typeof RAG_TAGS],
      })),
      clashes: answer.clashes.map((c) => c.reason),
      refusals: answer.refusals.map((r) => ({
        title: view.gates.find((g) => g.id === r.gateId)?.title ?? r.gateId,
        reason: r.reason,
      })),
      notes: answer.notes,
      critical: criticalSummary(answer.programme, answer),
      reforecasts: answer.reforecasts.map((r) => {
        const title = view.gates.find((g) => g.id === r.gateId)?.title ?? r.gateId;
        const query = new URLSearchParams({ forecastDate: r.forecastDate, reason: r.reason.replace(/^What if: /, '') });
        return {
          text: `Re-forecast ${title} to ${formatDate(r.forecastDate)}`,
          href: mayReforecast(r.gateId) ? `${gateHref(view.id, r.gateId, 'reforecast')}?${query.toString()}` : null,
        };
      }),
      changesJson: JSON.stringify(input.changes),
    };
  }

  return {
    programme: { id: view.id, name: view.name, href: base },
    action: `${base}/what-if`,
    saveAction: `${base}/what-if/scenarios`,
    maySave: ['admin', 'sro', 'partnerships'].includes(actor.role),
    today: formatDate(today),
    values: input.values,
    errors: input.errors,
    fieldErrors: fieldMessages(input.errors),
    gates: view.gates.filter(movable).map((g) => ({
      id: g.id,
      title: g.title,
      hint: `Forecast now ${formatDate(g.forecastDate, 'not set')}${g.baselineDate ? `, target ${formatDate(g.baselineDate)}` : ''}`,
    })),
    parties: [
      { value: '', text: 'Choose a board' },
      ...undecidedParties(view).map((p) => ({
        value: p.value,
        text: p.text,
        selected: input.values.party === p.value,
      })),
    ],
    hasConsultation: def.gates.some((g) => g.kind === 'consultation'),
    normalWeeks: Math.round(consultationDays / 7),
    result,
    scenario: input.scenario ?? null,
    saved: !!input.saved,
    scenarios: input.scenarios.map((s) => ({
      name: s.name,
      href: `${base}/what-if?scenario=${encodeURIComponent(s.id)}`,
      savedBy: s.savedBy,
      savedAt: formatDate(s.savedAt.slice(0, 10)),
      stale: s.stale,
      current: input.scenario?.id === s.id,
    })),
  };
}

export type WhatIfPage = ReturnType<typeof whatIfPage>;
