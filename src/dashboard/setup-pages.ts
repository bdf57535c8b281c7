import { IsoDate, WorkflowDefinition } from '../../workflows/types';
import { addDays, daysBetween } from '../calendar/iso-date';
import { MigrationPreview } from '../programmes/programme-migration.service';
import { ProgrammeView } from '../programmes/programme-view';
import { MyGate } from '../programmes/my-gates.service';
import { PageError, fieldMessages } from './gate-forms';
import { KIND_TEXT, RAG_TAGS, STATUS_TEXT, formatDate } from './labels';
import { NewProgrammeValues, gateField, gateFieldId, partyField, partyFieldId } from './setup-forms';

// Page models for setting a programme up and running it. Pure: each takes what the service
// answered and what was typed, and returns what the template lays out. Nothing here knows a
// gate by name: gates, kinds, parties and evidence come from the workflow definition.

type Gate = ProgrammeView['gates'][number];

export interface FormState {
  values: Record<string, string>;
  errors: PageError[];
}

const programmeHref = (id: string) => `/programmes/${encodeURIComponent(id)}`;
const gatePath = (id: string, gateId: string, path: string) =>
  `${programmeHref(id)}/gates/${encodeURIComponent(gateId)}/${path}`;

/** Step one: which workflow, and which of its released versions (the newest first and preselected). */
export function chooseWorkflowPage(defs: WorkflowDefinition[], error?: string) {
  const ids = [...new Set(defs.map((d) => d.id))];
  const newest = new Map(ids.map((id) => [id, Math.max(...defs.filter((d) => d.id === id).map((d) => d.version))]));
  const items = [...defs]
    .sort((a, b) => (a.id === b.id ? b.version - a.version : ids.indexOf(a.id) - ids.indexOf(b.id)))
    .map((d, i) => ({
      value: `${d.id}@${d.version}`,
      text: `${d.title}, version ${d.version}${newest.get(d.id) === d.version ? ' (newest)' : ''}`,
      hint: `${d.gates.length} gates: ${d.gates.map((g) => g.title).join(', ')}`,
      checked: i === 0,
    }));
  return { items, errors: error ? [{ field: 'workflow', href: '#workflow', text: error }] : [] };
}

/** Step two: the programme's name, its SRO, and for each gate a target date, an owner and parties. */
export function newProgrammePage(def: WorkflowDefinition, values: NewProgrammeValues, errors: PageError[]) {
  const messages = fieldMessages(errors);
  const message = (field: string) => messages[field];
  return {
    workflow: { id: def.id, version: def.version, title: def.title, description: def.description },
    action: `/programmes/new?workflow=${encodeURIComponent(def.id)}&version=${def.version}`,
    values: { name: values.name, sroName: values.sroName, sroEmail: values.sroEmail },
    fieldErrors: { name: message('name'), sroName: message('sro.name'), sroEmail: message('sro.email') },
    errors,
    gates: def.gates.map((g, index) => {
      const v = values.gates[g.id];
      const f = (name: string) => `gates.${g.id}.${name}`;
      return {
        id: g.id,
        number: index + 1,
        title: g.title,
        kind: KIND_TEXT[g.kind],
        description: g.description,
        dependsOn: g.dependsOn.map((d) => def.gates.find((x) => x.id === d)?.title ?? d),
        approval: g.kind === 'approval',
        partyKind: g.partyKind ?? 'party',
        target: {
          id: gateFieldId(g.id, 'target'),
          namePrefix: gateField(g.id, 'target'),
          day: v.day,
          month: v.month,
          year: v.year,
          error: message(f('targetDate')),
        },
        owner: {
          nameId: gateFieldId(g.id, 'ownerName'),
          nameField: gateField(g.id, 'ownerName'),
          name: v.ownerName,
          nameError: message(f('owner.name')),
          emailId: gateFieldId(g.id, 'ownerEmail'),
          emailField: gateField(g.id, 'ownerEmail'),
          email: v.ownerEmail,
          emailError: message(f('owner.email')) ?? message(f('owner')),
        },
        rowsField: gateField(g.id, 'rows'),
        partiesError: message(f('parties')),
        parties: v.parties.map((p, row) => ({
          number: row + 1,
          nameId: partyFieldId(g.id, row, 'name'),
          nameField: partyField(g.id, row, 'name'),
          name: p.name,
          nameError: message(`${f('parties')}.${row}.name`),
          idId: partyFieldId(g.id, row, 'id'),
          idField: partyField(g.id, row, 'id'),
          id: p.id,
          idError: message(`${f('parties')}.${row}.id`),
          remove: `remove:${g.id}:${row}`,
        })),
        add: `add:${g.id}`,
      };
    }),
  };
}

function common(view: ProgrammeView, gate: Gate, path: string, state: FormState) {
  return {
    programme: { id: view.id, name: view.name, href: programmeHref(view.id) },
    gate: { id: gate.id, title: gate.title, owner: gate.owner?.name ?? null },
    action: gatePath(view.id, gate.id, path),
    values: state.values,
    errors: state.errors,
    fieldErrors: fieldMessages(state.errors),
  };
}

export function ownerPage(view: ProgrammeView, gate: Gate, state: FormState) {
  return {
    ...common(view, gate, 'owner', state),
    current: gate.owner ? `${gate.owner.name} (${gate.owner.email})` : null,
  };
}

/** An approval gate's parties: who decides, what each decided, who withdrew and why; add one. */
export function partiesPage(view: ProgrammeView, gate: Gate, state: FormState, canChange: boolean) {
  return {
    ...common(view, gate, 'parties', state),
    canChange,
    complete: gate.status === 'complete',
    parties: (gate.parties ?? []).map((p) => ({
      id: p.id,
      name: p.name,
      decision: p.decision ? `${p.decision.replace(/-/g, ' ')} on ${formatDate(p.decidedOn)}` : 'Not decided yet',
      withdrawHref:
        canChange && !p.decision && gate.status !== 'complete'
          ? `${gatePath(view.id, gate.id, 'parties')}/${encodeURIComponent(p.id)}/withdraw`
          : null,
    })),
    withdrawn: (gate.withdrawnParties ?? []).map((p) => ({
      name: p.name,
      on: formatDate(p.withdrawnOn),
      reason: p.reason,
    })),
  };
}

export function withdrawPage(view: ProgrammeView, gate: Gate, party: { id: string; name: string }, state: FormState) {
  return {
    ...common(view, gate, `parties/${encodeURIComponent(party.id)}/withdraw`, state),
    party,
    back: gatePath(view.id, gate.id, 'parties'),
  };
}

/** The consultation's launch, prefilled with its planned window: the forecast start and the normal length. */
export function startPage(view: ProgrammeView, gate: Gate, def: WorkflowDefinition, state: FormState, today: IsoDate) {
  const norm = def.consultation?.normalLengthDays ?? 84;
  const planned = gate.forecastDate ?? gate.baselineDate;
  const parts = (date: IsoDate | null, name: string) => {
    if (!date) return {};
    const [year, month, day] = date.split('-');
    return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
  };
  const values = Object.keys(state.values).length
    ? state.values
    : {
        ...parts(planned && planned <= today ? planned : today, 'startsOn'),
        ...parts(addDays(planned && planned <= today ? planned : today, norm), 'closesOn'),
      };
  const typedStart = isoOf(values, 'startsOn');
  const typedClose = isoOf(values, 'closesOn');
  const length = typedStart && typedClose ? daysBetween(typedStart, typedClose) : null;
  return {
    ...common(view, gate, 'start', { ...state, values }),
    planned: formatDate(planned, 'not set'),
    normWeeks: Math.round(norm / 7),
    notOpen: gate.status === 'not-started',
    shortWarning:
      length !== null && length > 0 && length < norm
        ? `${Math.floor(length / 7)} weeks and ${length % 7} days is shorter than the usual ${Math.round(norm / 7)} weeks: give the reason below`
        : null,
  };
}

export function evidencePage(view: ProgrammeView, gate: Gate, state: FormState) {
  const items = gate.evidence ?? [];
  return {
    ...common(view, gate, 'evidence', state),
    items: items.map((i) => ({
      value: i.id,
      text: i.title,
      hint: i.recordedOn
        ? `Recorded ${formatDate(i.recordedOn)}${'reference' in i && i.reference ? `, ${i.reference}` : ''}`
        : 'Not recorded yet',
      checked: state.values.itemId === i.id,
    })),
    missing: items.filter((i) => !i.recordedOn).map((i) => i.title),
    recorded: items
      .filter((i) => i.recordedOn)
      .map((i) => ({
        title: i.title,
        on: formatDate(i.recordedOn),
        reference: 'reference' in i ? (i.reference as string | undefined) : undefined,
        link: 'link' in i ? (i.link as string | undefined) : undefined,
      })),
  };
}

export function migratePage(view: ProgrammeView, preview: MigrationPreview | null, refusal: string | null) {
  return {
    programme: { id: view.id, name: view.name, href: programmeHref(view.id) },
    action: `${programmeHref(view.id)}/migrate`,
    current: `${view.workflow.title}, version ${view.workflow.version}`,
    refusal,
    preview: preview && {
      toVersion: preview.workflow.toVersion,
      target: `${preview.workflow.title}, version ${preview.workflow.toVersion}`,
      kept: preview.kept.map((g) => ({
        title: g.title,
        status:
          g.statusBefore === g.statusAfter
            ? STATUS_TEXT[g.statusAfter as keyof typeof STATUS_TEXT]
            : `${STATUS_TEXT[g.statusBefore as keyof typeof STATUS_TEXT]} → ${STATUS_TEXT[g.statusAfter as keyof typeof STATUS_TEXT]}`,
        dates:
          [
            g.baselineDate && `target ${formatDate(g.baselineDate)}`,
            g.forecastDate && g.forecastDate !== g.baselineDate && `forecast ${formatDate(g.forecastDate)}`,
            g.actualDate && `actual ${formatDate(g.actualDate)}`,
          ]
            .filter(Boolean)
            .join(', ') || 'no dates yet',
      })),
      added: preview.added.map((g) => ({ title: g.title, status: STATUS_TEXT[g.status as keyof typeof STATUS_TEXT] })),
      removed: preview.removed.map((g) => g.title),
    },
  };
}

export function myGatesPage(gates: MyGate[]) {
  return {
    rows: gates.map((g) => ({
      programme: g.programmeName,
      programmeHref: programmeHref(g.programmeId),
      title: g.title,
      href: `${programmeHref(g.programmeId)}#gate-${encodeURIComponent(g.gateId)}`,
      status: STATUS_TEXT[g.status as keyof typeof STATUS_TEXT] ?? g.status,
      due:
        g.status === 'complete' ? `Completed ${formatDate(g.actualDate)}` : formatDate(g.forecastDate, 'No date set'),
      rag: RAG_TAGS[g.rag],
      ragReason: g.ragReason,
    })),
  };
}

export interface TokenRow {
  id: string;
  name: string;
  email: string;
  role: string;
  programmeId: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** People and their tokens, each person's tokens together, live ones first. */
export function peoplePage(
  tokens: TokenRow[],
  programmes: Array<{ id: string; name: string }>,
  format: (iso: string) => string,
  state: FormState & { created?: { token: string; name: string } | null },
) {
  const names = new Map(programmes.map((p) => [p.id, p.name]));
  const people = new Map<string, { name: string; email: string; tokens: TokenRow[] }>();
  for (const t of tokens) {
    const person = people.get(t.email) ?? { name: t.name, email: t.email, tokens: [] };
    person.tokens.push(t);
    people.set(t.email, person);
  }
  return {
    values: state.values,
    errors: state.errors,
    fieldErrors: fieldMessages(state.errors),
    created: state.created ?? null,
    roles: ['viewer', 'owner', 'sro', 'partnerships', 'admin'].map((r) => ({
      value: r,
      text: r,
      checked: state.values.role === r,
    })),
    programmes: [
      { value: '', text: 'Every programme', selected: !state.values.programmeId },
      ...programmes.map((p) => ({ value: p.id, text: p.name, selected: state.values.programmeId === p.id })),
    ],
    people: [...people.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => ({
        name: p.name,
        email: p.email,
        tokens: p.tokens.map((t) => ({
          id: t.id,
          role: t.role,
          scope: t.programmeId ? (names.get(t.programmeId) ?? t.programmeId) : 'Every programme',
          created: format(t.createdAt),
          lastUsed: t.lastUsedAt ? format(t.lastUsedAt) : 'Never',
          state: t.revokedAt
            ? `Revoked ${format(t.revokedAt)}`
            : t.expiresAt
              ? `Expires ${format(t.expiresAt)}`
              : 'Active',
          revokeAction: t.revokedAt ? null : `/admin/people/tokens/${encodeURIComponent(t.id)}/revoke`,
        })),
      })),
  };
}

function isoOf(values: Record<string, string>, name: string): IsoDate | null {
  const [d, m, y] = [values[`${name}-day`], values[`${name}-month`], values[`${name}-year`]];
  if (!d || !m || !y || !/^\d{4}$/.test(y)) return null;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : null;
}
