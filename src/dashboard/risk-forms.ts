import { z } from 'zod';
import { IsoDate } from '../../workflows/types';
import { DomainError } from '../core/errors/domain-error';
import { toFieldErrors } from '../core/errors/validation';
import { CreateRiskDto, UpdateRiskDto } from '../risks/risk.dto';
import { RiskView } from '../risks/risk-view';
import { PageError, ParsedForm, dateParts, parseDateParts } from './gate-forms';

// The risk forms: add a risk or issue, and re-score, re-assign or close one. What was typed
// becomes the API's request body, checked by the API's own schema last.

export type RiskFormKind = 'add' | 'change';

const LABELS: Record<string, { label: string; href: string }> = {
  kind: { label: 'Risk or issue', href: '#kind' },
  title: { label: 'Title', href: '#title' },
  description: { label: 'Description', href: '#description' },
  ownerName: { label: "Owner's name", href: '#ownerName' },
  ownerEmail: { label: "Owner's email address", href: '#ownerEmail' },
  'owner.name': { label: "Owner's name", href: '#ownerName' },
  'owner.email': { label: "Owner's email address", href: '#ownerEmail' },
  likelihood: { label: 'Likelihood', href: '#likelihood' },
  impact: { label: 'Impact', href: '#impact' },
  targetScore: { label: 'Target score', href: '#targetScore' },
  mitigation: { label: 'Mitigation', href: '#mitigation' },
  reviewOn: { label: 'Review date', href: '#reviewOn-day' },
  gateIds: { label: 'Gates it bears on', href: '#gateIds' },
  status: { label: 'Open or closed', href: '#status' },
  reason: { label: 'Reason for the change', href: '#reason' },
};

type Body = Record<string, unknown>;

const str = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
const list = (body: Body, name: string): string[] => {
  const v = body[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
};

class Collector {
  readonly errors: PageError[] = [];
  add(field: string, text: string): void {
    const f = field === 'owner.name' ? 'ownerName' : field === 'owner.email' ? 'ownerEmail' : field.split('.')[0];
    if (this.errors.some((e) => e.field === f)) return;
    this.errors.push({ field: f, href: LABELS[f]?.href, text });
  }
}

function scale(c: Collector, value: string, field: 'likelihood' | 'impact', required: boolean): number | undefined {
  if (!value) {
    if (required) c.add(field, `Select the ${field}, from 1 to 5`);
    return undefined;
  }
  if (!/^[1-5]$/.test(value)) {
    c.add(field, `${LABELS[field].label} must be from 1 to 5`);
    return undefined;
  }
  return Number(value);
}

function reviewDate(c: Collector, body: Body, today: IsoDate): IsoDate | undefined {
  const parts = dateParts(body, 'reviewOn');
  if (!parts.day && !parts.month && !parts.year) return undefined;
  const { date, error } = parseDateParts(parts, 'Review date', 'the review date');
  if (error) c.add('reviewOn', error);
  else if (date! < today) c.add('reviewOn', 'Review date must be today or in the future');
  return date;
}

function finish<T>(schema: z.ZodType, raw: Record<string, unknown>, c: Collector): T | undefined {
  if (c.errors.length) return undefined;
  const result = schema.safeParse(raw);
  if (result.success) return result.data as T;
  for (const e of toFieldErrors(result.error)) {
    const info = LABELS[e.field] ?? LABELS[e.field.split('.')[0]];
    c.add(e.field, info ? `${info.label}: ${e.message}` : e.message);
  }
  return undefined;
}

function values(body: Body): Record<string, string> {
  const parts = dateParts(body, 'reviewOn');
  const out: Record<string, string> = {
    'reviewOn-day': parts.day,
    'reviewOn-month': parts.month,
    'reviewOn-year': parts.year,
  };
  for (const k of Object.keys(LABELS)) if (!k.includes('.') && k !== 'gateIds') out[k] = str(body, k);
  out.gateIds = list(body, 'gateIds').join(',');
  return out;
}

export function parseAddRiskForm(body: Body, today: IsoDate): ParsedForm<CreateRiskDto> {
  const c = new Collector();
  const kind = str(body, 'kind');
  if (kind !== 'risk' && kind !== 'issue') c.add('kind', 'Select whether this is a risk or an issue');
  if (!str(body, 'title')) c.add('title', 'Enter a title');
  if (!str(body, 'ownerName')) c.add('ownerName', "Enter the owner's name");
  if (!str(body, 'ownerEmail')) c.add('ownerEmail', "Enter the owner's email address");
  const likelihood = scale(c, str(body, 'likelihood'), 'likelihood', true);
  const impact = scale(c, str(body, 'impact'), 'impact', true);
  const target = str(body, 'targetScore');
  if (target && !/^\d{1,2}$/.test(target)) c.add('targetScore', 'Target score must be a whole number');
  const reviewOn = reviewDate(c, body, today);
  const optional = (name: string) => (str(body, name) ? { [name]: str(body, name) } : {});
  const gateIds = list(body, 'gateIds');
  const raw = {
    kind,
    title: str(body, 'title'),
    ...optional('description'),
    owner: { name: str(body, 'ownerName'), email: str(body, 'ownerEmail') },
    likelihood,
    impact,
    ...(target ? { targetScore: Number(target) } : {}),
    ...optional('mitigation'),
    ...(reviewOn ? { reviewOn } : {}),
    ...(gateIds.length ? { gateIds } : {}),
  };
  return { values: values(body), errors: c.errors, body: finish<CreateRiskDto>(CreateRiskDto.schema, raw, c) };
}

/**
 * The change form is filled in with the risk as it is; only what differs is sent, so the
 * history records what the person changed and nothing else.
 */
export function parseChangeRiskForm(body: Body, risk: RiskView, today: IsoDate): ParsedForm<UpdateRiskDto> {
  const c = new Collector();
  const likelihood = scale(c, str(body, 'likelihood'), 'likelihood', true);
  const impact = scale(c, str(body, 'impact'), 'impact', true);
  const ownerName = str(body, 'ownerName');
  const ownerEmail = str(body, 'ownerEmail');
  if (!ownerName) c.add('ownerName', "Enter the owner's name");
  if (!ownerEmail) c.add('ownerEmail', "Enter the owner's email address");
  const status = str(body, 'status');
  if (status !== 'open' && status !== 'closed') c.add('status', 'Select whether it stays open or is closed');
  const reviewOn = reviewDate(c, body, risk.reviewOn && risk.reviewOn < today ? risk.reviewOn : today);
  const mitigation = str(body, 'mitigation');
  const reason = str(body, 'reason');
  if (!reason) c.add('reason', 'Enter the reason for the change');
  const raw: Record<string, unknown> = { reason };
  if (likelihood !== undefined && likelihood !== risk.likelihood) raw.likelihood = likelihood;
  if (impact !== undefined && impact !== risk.impact) raw.impact = impact;
  if (ownerName !== risk.owner.name || ownerEmail.toLowerCase() !== risk.owner.email) {
    raw.owner = { name: ownerName, email: ownerEmail };
  }
  if ((mitigation || null) !== risk.mitigation) raw.mitigation = mitigation || null;
  if ((reviewOn ?? null) !== risk.reviewOn) raw.reviewOn = reviewOn ?? null;
  if (status && status !== risk.status) raw.status = status;
  if (!c.errors.length && Object.keys(raw).length === 1) {
    c.add('likelihood', 'Nothing has changed: change the scores, owner, mitigation, review date or status');
  }
  return { values: values(body), errors: c.errors, body: finish<UpdateRiskDto>(UpdateRiskDto.schema, raw, c) };
}

/** The form's values for a risk as it is now. */
export function riskValues(risk: RiskView): Record<string, string> {
  const [year, month, day] = risk.reviewOn ? risk.reviewOn.split('-') : ['', '', ''];
  return {
    likelihood: String(risk.likelihood),
    impact: String(risk.impact),
    ownerName: risk.owner.name,
    ownerEmail: risk.owner.email,
    mitigation: risk.mitigation ?? '',
    status: risk.status,
    reason: '',
    'reviewOn-day': day ? String(Number(day)) : '',
    'reviewOn-month': month ? String(Number(month)) : '',
    'reviewOn-year': year ?? '',
  };
}

/** A refusal from the service, as messages on the form: on a field when it names one. */
export function riskServiceErrors(error: DomainError): PageError[] {
  const known = (error.errors ?? []).filter((e) => LABELS[e.field] ?? LABELS[e.field.split('.')[0]]);
  if (!known.length) return [{ text: error.detail }];
  return known.map((e) => {
    const key =
      e.field === 'owner.name' ? 'ownerName' : e.field === 'owner.email' ? 'ownerEmail' : e.field.split('.')[0];
    const info = LABELS[key];
    return { field: key, href: info.href, text: `${info.label}: ${e.message}` };
  });
}
