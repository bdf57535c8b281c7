import { z } from 'zod';
import { IsoDate, WorkflowDefinition } from '../../workflows/types';
import { toFieldErrors } from '../core/errors/validation';
import { DomainError } from '../core/errors/domain-error';
import {
  AddPartyDto,
  CreateProgrammeDto,
  RecordEvidenceDto,
  SetOwnerDto,
  StartConsultationDto,
  WithdrawPartyDto,
} from '../programmes/programme.dto';
import { PageError, ParsedForm, dateParts, parseDateParts } from './gate-forms';

// The forms that set a programme up and run it: a new programme (gates and parties from the
// workflow definition, so any workflow and version works unchanged), a gate's owner, a party
// added or withdrawn, the consultation's launch and evidence. Each turns what was typed into
// the API's own request body (its schema runs last) or into NHS-style messages.

type Body = Record<string, unknown>;

const str = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');

/** A party id made from its name, as the API's ids look: `Leicester City CCG` -> `leicester-city-ccg`. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
const EMAIL = z.email();

class Errors {
  readonly list: PageError[] = [];
  add(field: string, href: string, text: string): void {
    if (this.list.some((e) => e.field === field)) return;
    this.list.push({ field, href, text });
  }
}

// ---- New programme ----

export interface PartyRow {
  name: string;
  id: string;
}

export interface GateValues {
  day: string;
  month: string;
  year: string;
  ownerName: string;
  ownerEmail: string;
  parties: PartyRow[];
}

export interface NewProgrammeValues {
  name: string;
  sroName: string;
  sroEmail: string;
  gates: Record<string, GateValues>;
}

export type NewProgrammeAction =
  { kind: 'create' } | { kind: 'add'; gateId: string } | { kind: 'remove'; gateId: string; row: number };

export interface ParsedNewProgramme {
  values: NewProgrammeValues;
  action: NewProgrammeAction;
  errors: PageError[];
  body?: CreateProgrammeDto;
}

/** Form field names of a gate's fields; gate ids are slugs, so a dot separates safely. */
export const gateField = (gateId: string, field: string) => `${gateId}.${field}`;
export const partyField = (gateId: string, row: number, field: 'name' | 'id') => `${gateId}.party.${row}.${field}`;
/** Element ids (and error summary anchors) of the same fields. */
export const gateFieldId = (gateId: string, field: string) => `gate-${gateId}-${field}`;
export const partyFieldId = (gateId: string, row: number, field: 'name' | 'id') =>
  `gate-${gateId}-party-${row}-${field}`;

const MAX_ROWS = 50;

/** The empty form for a workflow: one party row on each approval gate. */
export function blankProgramme(def: WorkflowDefinition): NewProgrammeValues {
  return {
    name: '',
    sroName: '',
    sroEmail: '',
    gates: Object.fromEntries(
      def.gates.map((g) => [
        g.id,
        {
          day: '',
          month: '',
          year: '',
          ownerName: '',
          ownerEmail: '',
          parties: g.kind === 'approval' ? [{ name: '', id: '' }] : [],
        },
      ]),
    ),
  };
}

function parseAction(raw: string, def: WorkflowDefinition): NewProgrammeAction {
  const [kind, gateId, row] = raw.split(':');
  const approval = def.gates.some((g) => g.id === gateId && g.kind === 'approval');
  if (kind === 'add' && approval) return { kind: 'add', gateId };
  if (kind === 'remove' && approval && /^\d+$/.test(row ?? '')) return { kind: 'remove', gateId, row: Number(row) };
  return { kind: 'create' };
}

/**
 * Reads the new-programme form. "Add another party" and "Remove" are submit buttons too (the
 * form works without JavaScript): they change the rows and show the form again, unchecked.
 */
export function parseNewProgrammeForm(body: Body, def: WorkflowDefinition): ParsedNewProgramme {
  const action = parseAction(str(body, 'action'), def);
  const values: NewProgrammeValues = {
    name: str(body, 'name'),
    sroName: str(body, 'sroName'),
    sroEmail: str(body, 'sroEmail'),
    gates: {},
  };
  for (const g of def.gates) {
    const target = dateParts(body, gateField(g.id, 'target'));
    const rows = Math.min(MAX_ROWS, Math.max(0, Number(str(body, gateField(g.id, 'rows'))) || 0));
    let parties: PartyRow[] = [];
    if (g.kind === 'approval') {
      for (let i = 0; i < rows; i++) {
        parties.push({ name: str(body, partyField(g.id, i, 'name')), id: str(body, partyField(g.id, i, 'id')) });
      }
      if (action.kind === 'remove' && action.gateId === g.id) parties = parties.filter((_, i) => i !== action.row);
      if (action.kind === 'add' && action.gateId === g.id && parties.length < MAX_ROWS) {
        parties.push({ name: '', id: '' });
      }
      if (!parties.length) parties.push({ name: '', id: '' });
    }
    values.gates[g.id] = {
      ...target,
      ownerName: str(body, gateField(g.id, 'ownerName')),
      ownerEmail: str(body, gateField(g.id, 'ownerEmail')),
      parties,
    };
  }
  if (action.kind !== 'create') return { values, action, errors: [] };

  const errors = new Errors();
  if (!values.name) errors.add('name', '#name', 'Enter the name of the programme');
  else if (values.name.length > 200) errors.add('name', '#name', 'Name must be 200 characters or fewer');
  if (!values.sroName) errors.add('sro.name', '#sroName', 'Enter the name of the senior responsible officer');
  if (!values.sroEmail)
    errors.add('sro.email', '#sroEmail', 'Enter the email address of the senior responsible officer');
  else if (!EMAIL.safeParse(values.sroEmail).success) {
    errors.add(
      'sro.email',
      '#sroEmail',
      'Enter the SRO’s email address in the correct format, like name@example.nhs.uk',
    );
  }
  const gates: Record<string, Record<string, unknown>> = {};
  for (const g of def.gates) {
    const v = values.gates[g.id];
    const plan: Record<string, unknown> = {};
    const field = (f: string) => `gates.${g.id}.${f}`;
    if (v.day || v.month || v.year) {
      const { date, error } = parseDateParts(v, `Target date for ${g.title}`, `the target date for ${g.title}`);
      if (error) errors.add(field('targetDate'), `#${gateFieldId(g.id, 'target')}-day`, error);
      else plan.targetDate = date;
    }
    if (v.ownerName || v.ownerEmail) {
      if (!v.ownerName)
        errors.add(
          field('owner.name'),
          `#${gateFieldId(g.id, 'ownerName')}`,
          `Enter the name of the owner of ${g.title}`,
        );
      if (!v.ownerEmail) {
        errors.add(
          field('owner.email'),
          `#${gateFieldId(g.id, 'ownerEmail')}`,
          `Enter the email address of the owner of ${g.title}`,
        );
      } else if (!EMAIL.safeParse(v.ownerEmail).success) {
        errors.add(
          field('owner.email'),
          `#${gateFieldId(g.id, 'ownerEmail')}`,
          `Enter the email address of the owner of ${g.title} in the correct format, like name@example.nhs.uk`,
        );
      }
      plan.owner = { name: v.ownerName, email: v.ownerEmail };
    }
    if (g.kind === 'approval') {
      const parties: PartyRow[] = [];
      v.parties.forEach((row, i) => {
        if (!row.name && !row.id) return;
        const id = row.id || slugify(row.name);
        if (!row.name) {
          errors.add(
            `${field('parties')}.${i}.name`,
            `#${partyFieldId(g.id, i, 'name')}`,
            `Enter the name of party ${i + 1} of ${g.title}`,
          );
        } else if (!SLUG.test(id)) {
          errors.add(
            `${field('parties')}.${i}.id`,
            `#${partyFieldId(g.id, i, 'id')}`,
            `Short name of party ${i + 1} of ${g.title} must use only lower-case letters, digits and hyphens`,
          );
        } else if (parties.some((p) => p.id === id)) {
          errors.add(
            `${field('parties')}.${i}.id`,
            `#${partyFieldId(g.id, i, 'id')}`,
            `${row.name} is listed twice for ${g.title}: give each party its own short name`,
          );
        }
        parties.push({ name: row.name, id });
      });
      if (parties.length) plan.parties = parties;
    }
    if (Object.keys(plan).length) gates[g.id] = plan;
  }
  const raw = {
    name: values.name,
    workflow: def.id,
    workflowVersion: def.version,
    sro: { name: values.sroName, email: values.sroEmail },
    gates,
  };
  if (errors.list.length) return { values, action, errors: errors.list };
  const result = CreateProgrammeDto.schema.safeParse(raw);
  if (!result.success) {
    return { values, action, errors: toFieldErrors(result.error).map((e) => programmeError(e.field, e.message)) };
  }
  return { values, action, errors: [], body: result.data as CreateProgrammeDto };
}

/** An API field path (`gates.partner-approvals.parties.2.id`) as a message linked to its field. */
export function programmeError(field: string, message: string): PageError {
  const [, gateId, what, row, sub] = field.split('.');
  const href =
    field === 'name'
      ? '#name'
      : field === 'sro.name'
        ? '#sroName'
        : field === 'sro.email'
          ? '#sroEmail'
          : field.startsWith('gates.') && gateId
            ? what === 'parties' && row !== undefined
              ? `#${partyFieldId(gateId, Number(row), sub === 'id' ? 'id' : 'name')}`
              : what === 'owner'
                ? `#${gateFieldId(gateId, row === 'email' ? 'ownerEmail' : 'ownerName')}`
                : what === 'targetDate'
                  ? `#${gateFieldId(gateId, 'target')}-day`
                  : `#gate-${gateId}`
            : undefined;
  return { field, ...(href ? { href } : {}), text: message };
}

// ---- Owner, parties, start, evidence ----

function finish<T>(schema: z.ZodType, raw: unknown, errors: Errors, hrefs: Record<string, string>): T | undefined {
  if (errors.list.length) return undefined;
  const result = schema.safeParse(raw);
  if (result.success) return result.data as T;
  for (const e of toFieldErrors(result.error)) errors.add(e.field, hrefs[e.field] ?? '', e.message);
  return undefined;
}

export function parseOwnerForm(body: Body): ParsedForm<SetOwnerDto> {
  const errors = new Errors();
  const name = str(body, 'name');
  const email = str(body, 'email');
  if (!name) errors.add('name', '#name', 'Enter the name of the new owner');
  else if (name.length > 200) errors.add('name', '#name', 'Name must be 200 characters or fewer');
  if (!email) errors.add('email', '#email', 'Enter the email address of the new owner');
  else if (!EMAIL.safeParse(email).success) {
    errors.add('email', '#email', 'Enter an email address in the correct format, like name@example.nhs.uk');
  }
  const dto = finish<SetOwnerDto>(SetOwnerDto.schema, { name, email }, errors, { name: '#name', email: '#email' });
  return { values: { name, email }, errors: errors.list, body: dto };
}

export function parseAddPartyForm(body: Body): ParsedForm<AddPartyDto> {
  const errors = new Errors();
  const name = str(body, 'name');
  const typedId = str(body, 'id');
  const id = typedId || slugify(name);
  if (!name) errors.add('name', '#name', 'Enter the name of the board or organisation');
  else if (name.length > 200) errors.add('name', '#name', 'Name must be 200 characters or fewer');
  else if (!SLUG.test(id)) errors.add('id', '#id', 'Short name must use only lower-case letters, digits and hyphens');
  const dto = finish<AddPartyDto>(AddPartyDto.schema, { id, name }, errors, { name: '#name', id: '#id' });
  return { values: { name, id: typedId }, errors: errors.list, body: dto };
}

export function parseWithdrawForm(body: Body): ParsedForm<WithdrawPartyDto> {
  const errors = new Errors();
  const reason = str(body, 'reason');
  if (!reason) errors.add('reason', '#reason', 'Enter why the party is withdrawing');
  else if (reason.length < 3) errors.add('reason', '#reason', 'Reason must be at least 3 characters');
  else if (reason.length > 2000) errors.add('reason', '#reason', 'Reason must be 2,000 characters or fewer');
  const dto = finish<WithdrawPartyDto>(WithdrawPartyDto.schema, { reason }, errors, { reason: '#reason' });
  return { values: { reason }, errors: errors.list, body: dto };
}

function dateValues(name: string, parts: { day: string; month: string; year: string }): Record<string, string> {
  return { [`${name}-day`]: parts.day, [`${name}-month`]: parts.month, [`${name}-year`]: parts.year };
}

/** A launch may be recorded ahead of its day, as the API allows (decision 014): the guard is asked before it. */
export function parseStartForm(body: Body): ParsedForm<StartConsultationDto> {
  const errors = new Errors();
  const starts = dateParts(body, 'startsOn');
  const closes = dateParts(body, 'closesOn');
  const justification = str(body, 'justification');
  const s = parseDateParts(starts, 'Start date', 'the date the consultation starts');
  if (s.error) errors.add('startsOn', '#startsOn-day', s.error);
  const c = parseDateParts(closes, 'Closing date', 'the date the consultation closes');
  if (c.error) errors.add('closesOn', '#closesOn-day', c.error);
  else if (s.date && c.date! <= s.date)
    errors.add('closesOn', '#closesOn-day', 'Closing date must be after the start date');
  if (justification && justification.length < 3) {
    errors.add('justification', '#justification', 'Reason must be at least 3 characters');
  }
  const raw = { startsOn: s.date, closesOn: c.date, ...(justification ? { justification } : {}) };
  const dto = finish<StartConsultationDto>(StartConsultationDto.schema, raw, errors, {
    startsOn: '#startsOn-day',
    closesOn: '#closesOn-day',
    justification: '#justification',
  });
  return {
    values: { justification, ...dateValues('startsOn', starts), ...dateValues('closesOn', closes) },
    errors: errors.list,
    body: dto,
  };
}

export function parseEvidenceForm(body: Body, today: IsoDate, items: string[]): ParsedForm<RecordEvidenceDto> {
  const errors = new Errors();
  const itemId = str(body, 'itemId');
  const reference = str(body, 'reference');
  const link = str(body, 'link');
  const parts = dateParts(body, 'recordedOn');
  if (!itemId || !items.includes(itemId)) errors.add('itemId', '#itemId', 'Select the evidence you are recording');
  const d = parseDateParts(parts, 'Date', 'the date of the evidence');
  if (d.error) errors.add('recordedOn', '#recordedOn-day', d.error);
  else if (d.date! > today) errors.add('recordedOn', '#recordedOn-day', 'Date must be today or in the past');
  if (!reference && !link) errors.add('reference', '#reference', 'Enter a reference or a link to the evidence');
  if (reference.length > 200) errors.add('reference', '#reference', 'Reference must be 200 characters or fewer');
  if (link && !/^https?:\/\/\S+$/i.test(link)) {
    errors.add('link', '#link', 'Enter a link that starts with http:// or https://');
  }
  const raw = {
    itemId,
    recordedOn: d.date,
    ...(reference ? { reference } : {}),
    ...(link ? { link } : {}),
  };
  const dto = finish<RecordEvidenceDto>(RecordEvidenceDto.schema, raw, errors, {
    itemId: '#itemId',
    recordedOn: '#recordedOn-day',
    reference: '#reference',
    link: '#link',
  });
  return { values: { itemId, reference, link, ...dateValues('recordedOn', parts) }, errors: errors.list, body: dto };
}

/**
 * A refusal from the service on a form: on the field it names, or the field the workflow's
 * rule is about (a consultation refused for its length belongs to the reason, a pre-election
 * period or an unopened gate to the start date), otherwise on the whole form.
 */
export function refusalErrors(error: DomainError, fields: Record<string, string>): PageError[] {
  const CODE_FIELD: Record<string, string> = {
    CONSULTATION_TOO_SHORT: 'justification',
    PRE_ELECTION_PERIOD: 'startsOn',
    GATE_NOT_OPEN: 'startsOn',
    DATE_BEFORE_GATE_OPENED: 'startsOn',
    INVALID_DATES: 'closesOn',
    DATE_IN_FUTURE: 'startsOn',
    PARTY_EXISTS: 'name',
    UNKNOWN_EVIDENCE: 'itemId',
  };
  const named = (error.errors ?? []).filter((e) => Object.hasOwn(fields, e.field));
  if (named.length) return named.map((e) => ({ field: e.field, href: fields[e.field], text: e.message }));
  const field = Object.hasOwn(CODE_FIELD, error.code) ? CODE_FIELD[error.code] : undefined;
  if (field && Object.hasOwn(fields, field)) return [{ field, href: fields[field], text: error.detail }];
  return [{ text: error.detail }];
}
