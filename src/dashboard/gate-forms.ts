import { z } from 'zod';
import { DECISIONS, IsoDate } from '../../workflows/types';
import { isRealDate, toFieldErrors } from '../core/errors/validation';
import { DomainError } from '../core/errors/domain-error';
import { CompleteGateDto, RecordDecisionDto, ReforecastDto } from '../programmes/programme.dto';

// The three gate forms: what a person typed, turned into the API's request bodies, with
// messages in the NHS's words (error summary and field messages) when it will not do.
// Dates arrive as day, month and year fields (nhsuk date input) and leave as YYYY-MM-DD.

export type FormKind = 'decision' | 'complete' | 'reforecast';

export interface PageError {
  /** The form field the message belongs to; absent for a refusal about the whole form. */
  field?: string;
  href?: string;
  text: string;
}

export interface ParsedForm<T> {
  /** What was typed, to show again on error. Date parts are keyed like `decidedOn-day`. */
  values: Record<string, string>;
  errors: PageError[];
  body?: T;
}

interface FieldInfo {
  label: string;
  href: string;
}

/** Every field the forms have, with the element the error summary links to. */
export const FIELDS: Record<FormKind, Record<string, FieldInfo>> = {
  decision: {
    partyId: { label: 'Board or organisation', href: '#partyId' },
    decision: { label: 'Decision', href: '#decision' },
    decidedOn: { label: 'Date decided', href: '#decidedOn-day' },
    reference: { label: 'Minute reference', href: '#reference' },
    conditions: { label: 'Conditions', href: '#conditions' },
  },
  complete: {
    completedOn: { label: 'Date completed', href: '#completedOn-day' },
    note: { label: 'Note', href: '#note' },
  },
  reforecast: {
    forecastDate: { label: 'New forecast date', href: '#forecastDate-day' },
    reason: { label: 'Reason', href: '#reason' },
  },
};

type Body = Record<string, unknown>;

const str = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');

/** The day, month and year fields of a date input (`name[day]` etc.) as the user typed them. */
export function dateParts(body: Body, name: string): { day: string; month: string; year: string } {
  return { day: str(body, `${name}[day]`), month: str(body, `${name}[month]`), year: str(body, `${name}[year]`) };
}

/** GOV.UK/NHS date input rules: say which part is missing, or that it is not a real date. */
export function parseDateParts(
  parts: { day: string; month: string; year: string },
  name: string,
  what: string,
): { date?: IsoDate; error?: string } {
  const missing = (['day', 'month', 'year'] as const).filter((p) => !parts[p]);
  if (missing.length === 3) return { error: `Enter ${what}` };
  if (missing.length) return { error: `${name} must include a ${missing.join(' and a ')}` };
  if (![parts.day, parts.month, parts.year].every((p) => /^\d+$/.test(p)))
    return { error: `${name} must be a real date` };
  if (parts.year.length !== 4) return { error: 'Year must include 4 numbers' };
  const date = `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
  if (parts.day.length > 2 || parts.month.length > 2 || !isRealDate(date))
    return { error: `${name} must be a real date` };
  return { date };
}

class Collector {
  readonly errors: PageError[] = [];
  constructor(private readonly kind: FormKind) {}

  add(field: string, text: string): void {
    if (this.errors.some((e) => e.field === field)) return;
    this.errors.push({ field, href: FIELDS[this.kind][field]?.href, text });
  }
}

function dateValues(name: string, parts: { day: string; month: string; year: string }): Record<string, string> {
  return { [`${name}-day`]: parts.day, [`${name}-month`]: parts.month, [`${name}-year`]: parts.year };
}

/** Runs the API's own schema last, so that a page can never send what the API would refuse. */
function finish<T>(kind: FormKind, schema: z.ZodType, raw: Record<string, unknown>, c: Collector) {
  if (c.errors.length) return undefined;
  const result = schema.safeParse(raw);
  if (result.success) return result.data as T;
  for (const e of toFieldErrors(result.error)) {
    const info = FIELDS[kind][e.field];
    c.add(e.field, info ? `${info.label}: ${e.message}` : e.message);
  }
  return undefined;
}

export function parseDecisionForm(body: Body, today: IsoDate): ParsedForm<RecordDecisionDto> {
  const c = new Collector('decision');
  const partyId = str(body, 'partyId');
  const decision = str(body, 'decision');
  const reference = str(body, 'reference');
  const conditions = str(body, 'conditions');
  const parts = dateParts(body, 'decidedOn');
  if (!partyId) c.add('partyId', 'Select the board or organisation that decided');
  if (!decision) c.add('decision', 'Select the decision');
  else if (!(DECISIONS as readonly string[]).includes(decision)) c.add('decision', 'Select one of the decisions');
  const { date, error } = parseDateParts(parts, 'Date decided', 'the date of the decision');
  if (error) c.add('decidedOn', error);
  else if (date! > today) c.add('decidedOn', 'Date decided must be today or in the past');
  if (reference.length > 200) c.add('reference', 'Minute reference must be 200 characters or fewer');
  if (decision === 'approved-with-conditions' && !conditions) {
    c.add('conditions', 'Enter the conditions of the approval');
  }
  if (conditions.length > 4000) c.add('conditions', 'Conditions must be 4,000 characters or fewer');
  const raw = {
    partyId,
    decision,
    decidedOn: date,
    ...(reference ? { reference } : {}),
    ...(conditions ? { conditions } : {}),
  };
  return {
    values: { partyId, decision, reference, conditions, ...dateValues('decidedOn', parts) },
    errors: c.errors,
    body: finish<RecordDecisionDto>('decision', RecordDecisionDto.schema, raw, c),
  };
}

export function parseCompleteForm(body: Body, today: IsoDate): ParsedForm<CompleteGateDto> {
  const c = new Collector('complete');
  const note = str(body, 'note');
  const parts = dateParts(body, 'completedOn');
  const { date, error } = parseDateParts(parts, 'Date completed', 'the date the gate was completed');
  if (error) c.add('completedOn', error);
  else if (date! > today) c.add('completedOn', 'Date completed must be today or in the past');
  if (note.length > 4000) c.add('note', 'Note must be 4,000 characters or fewer');
  const raw = { completedOn: date, ...(note ? { note } : {}) };
  return {
    values: { note, ...dateValues('completedOn', parts) },
    errors: c.errors,
    body: finish<CompleteGateDto>('complete', CompleteGateDto.schema, raw, c),
  };
}

export function parseReforecastForm(body: Body, today: IsoDate): ParsedForm<ReforecastDto> {
  const c = new Collector('reforecast');
  const reason = str(body, 'reason');
  const parts = dateParts(body, 'forecastDate');
  const { date, error } = parseDateParts(parts, 'New forecast date', 'the new forecast date');
  if (error) c.add('forecastDate', error);
  else if (date! < today) c.add('forecastDate', 'New forecast date must be today or in the future');
  if (!reason) c.add('reason', 'Enter the reason for the new forecast');
  else if (reason.length < 3) c.add('reason', 'Reason must be at least 3 characters');
  else if (reason.length > 2000) c.add('reason', 'Reason must be 2,000 characters or fewer');
  return {
    values: { reason, ...dateValues('forecastDate', parts) },
    errors: c.errors,
    body: finish<ReforecastDto>('reforecast', ReforecastDto.schema, { forecastDate: date, reason }, c),
  };
}

/** A refusal from the service, as messages on the form: on a field when it names one. */
export function serviceErrors(kind: FormKind, error: DomainError): PageError[] {
  const known = (error.errors ?? []).filter((e) => FIELDS[kind][e.field]);
  if (!known.length) return [{ text: error.detail }];
  return known.map((e) => {
    const info = FIELDS[kind][e.field];
    return { field: e.field, href: info.href, text: `${info.label}: ${e.message}` };
  });
}

/** Field name to its message, for the field-level error messages. */
export function fieldMessages(errors: PageError[]): Record<string, string> {
  return Object.fromEntries(errors.filter((e) => e.field).map((e) => [e.field!, e.text]));
}
