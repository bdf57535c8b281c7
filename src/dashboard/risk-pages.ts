import { Actor } from '../auth/roles';
import { RiskRating } from '../risks/risk-rating';
import { RiskChangeView, RiskView } from '../risks/risk-view';
import { PageError, fieldMessages } from './gate-forms';
import { Tag, formatDate, formatInstant } from './labels';

// The risks and issues pages: the log, the add form and the change form. Pure page builders.

export const RATING_TAGS: Record<RiskRating, Tag> = {
  low: { text: 'Low', colour: 'green' },
  moderate: { text: 'Moderate', colour: 'yellow' },
  high: { text: 'High', colour: 'orange' },
  extreme: { text: 'Extreme', colour: 'red' },
};

export const LIKELIHOOD = ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'];
export const IMPACT = ['Negligible', 'Minor', 'Moderate', 'Major', 'Catastrophic'];

interface Programme {
  id: string;
  name: string;
  gates: Array<{ id: string; title: string }>;
}

/** Who may add risks, and change which. The service checks the same again. */
export function riskActions(actor: Pick<Actor, 'role' | 'email'>, risk?: RiskView) {
  const writer = ['admin', 'partnerships', 'sro', 'owner'].includes(actor.role);
  return {
    add: writer,
    change: !!risk && writer && (actor.role !== 'owner' || risk.owner.email === actor.email.toLowerCase()),
  };
}

function base(programme: Programme) {
  const href = `/programmes/${encodeURIComponent(programme.id)}`;
  return { programme: { id: programme.id, name: programme.name, href, risksHref: `${href}/risks` } };
}

export function riskRow(r: RiskView, programme: Programme, actor: Pick<Actor, 'role' | 'email'>) {
  const titles = new Map(programme.gates.map((g) => [g.id, g.title]));
  return {
    id: r.id,
    kind: r.kind === 'issue' ? 'Issue' : 'Risk',
    title: r.title,
    owner: r.owner.name,
    score: r.score,
    scoreText: `${r.score} (${LIKELIHOOD[r.likelihood - 1].toLowerCase()} × ${IMPACT[r.impact - 1].toLowerCase()})`,
    rating: RATING_TAGS[r.rating],
    target: r.targetScore === null ? '' : `${r.targetScore} (${RATING_TAGS[r.targetRating!].text.toLowerCase()})`,
    mitigation: r.mitigation ?? '',
    review: formatDate(r.reviewOn, 'none set'),
    closed: r.status === 'closed' ? formatDate(r.closedOn) : null,
    gates: r.gateIds.map((id) => titles.get(id) ?? id).join(', '),
    href: `/programmes/${encodeURIComponent(programme.id)}/risks/${encodeURIComponent(r.id)}`,
    canChange: riskActions(actor, r).change,
  };
}

export function riskLogPage(
  programme: Programme,
  risks: RiskView[],
  actor: Pick<Actor, 'role' | 'email'>,
  notice: Record<string, unknown>,
) {
  const open = risks.filter((r) => r.status === 'open');
  const closed = risks.filter((r) => r.status === 'closed');
  const changed = typeof notice.changed === 'string' ? risks.find((r) => r.id === notice.risk) : undefined;
  return {
    ...base(programme),
    open: open.map((r) => riskRow(r, programme, actor)),
    closed: closed.map((r) => riskRow(r, programme, actor)),
    canAdd: riskActions(actor).add,
    addHref: `/programmes/${encodeURIComponent(programme.id)}/risks/new`,
    banner: changed
      ? {
          title: notice.changed === 'added' ? `${changed.kind === 'issue' ? 'Issue' : 'Risk'} added` : 'Change saved',
          text: `${changed.title}: score ${changed.score}, ${changed.rating}${changed.status === 'closed' ? ', closed' : ''}`,
        }
      : null,
  };
}

interface FormState {
  values: Record<string, string>;
  errors: PageError[];
}

function choices(labels: string[], selected: string) {
  return [
    { value: '', text: 'Select', selected: !selected },
    ...labels.map((text, i) => ({
      value: String(i + 1),
      text: `${i + 1} – ${text}`,
      selected: selected === String(i + 1),
    })),
  ];
}

export function addRiskPage(programme: Programme, state: FormState) {
  const chosen = new Set(state.values.gateIds ? state.values.gateIds.split(',') : []);
  return {
    ...base(programme),
    action: `/programmes/${encodeURIComponent(programme.id)}/risks/new`,
    values: state.values,
    errors: state.errors,
    fieldErrors: fieldMessages(state.errors),
    kinds: [
      {
        value: 'risk',
        text: 'Risk',
        hint: { text: 'Something that may happen' },
        checked: state.values.kind === 'risk',
      },
      {
        value: 'issue',
        text: 'Issue',
        hint: { text: 'Something that has happened' },
        checked: state.values.kind === 'issue',
      },
    ],
    likelihoods: choices(LIKELIHOOD, state.values.likelihood ?? ''),
    impacts: choices(IMPACT, state.values.impact ?? ''),
    targets: [
      { value: '', text: 'None', selected: !state.values.targetScore },
      ...[1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25].map((s) => ({
        value: String(s),
        text: String(s),
        selected: state.values.targetScore === String(s),
      })),
    ],
    gates: programme.gates.map((g) => ({ value: g.id, text: g.title, checked: chosen.has(g.id) })),
  };
}

export function changeRiskPage(
  programme: Programme,
  risk: RiskView,
  history: RiskChangeView[],
  state: FormState,
  timeZone: string,
) {
  return {
    ...base(programme),
    risk: riskRow(risk, programme, { role: 'admin', email: '' }),
    action: `/programmes/${encodeURIComponent(programme.id)}/risks/${encodeURIComponent(risk.id)}`,
    values: state.values,
    errors: state.errors,
    fieldErrors: fieldMessages(state.errors),
    likelihoods: choices(LIKELIHOOD, state.values.likelihood ?? ''),
    impacts: choices(IMPACT, state.values.impact ?? ''),
    statuses: [
      { value: 'open', text: 'Open', checked: state.values.status === 'open' },
      { value: 'closed', text: 'Closed', checked: state.values.status === 'closed' },
    ],
    history: [...history].reverse().map((h) => ({
      at: formatInstant(h.at, timeZone),
      actor: h.actor.replace(/\s*<[^>]*>$/, ''),
      score: `${h.score}`,
      rating: RATING_TAGS[h.rating],
      owner: h.owner.name,
      status: h.status === 'closed' ? 'Closed' : 'Open',
      reason: h.reason,
    })),
  };
}
