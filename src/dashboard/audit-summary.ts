import { Decision } from '../../workflows/types';
import { DECISION_TAGS, formatDate, formatInstant } from './labels';

// One line of plain English per audit entry, for the programme page. The full entry (every
// before and after) stays in the API's audit trail; this is what a board member reads.

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  gateId?: string;
  detail: object;
}

export interface AuditLine {
  id: number;
  when: string;
  who: string;
  what: string;
}

type Fields = 'decision' | 'decidedOn' | 'reference' | 'actualDate' | 'forecastDate' | 'baselineDate';
type MoreFields = 'startsOn' | 'closesOn' | 'itemId' | 'recordedOn';
/** What the services write into `detail`; JSON, so every part may be missing. */
interface Detail {
  partyId?: string;
  partyName?: string;
  reason?: string;
  before?: Partial<Record<Fields, string | null>> | null;
  /** An array for parties.set. */
  after?: Partial<Record<Fields | MoreFields, string | null>> | unknown[];
  carried?: unknown[];
}

export function describeAudit(entry: AuditEntry, gateTitle: (id: string) => string): string {
  const d = entry.detail as Detail;
  const gate = entry.gateId ? gateTitle(entry.gateId) : '';
  const carried = Array.isArray(d.carried) && d.carried.length ? movedLater(d.carried.length) : '';
  const after = d.after && !Array.isArray(d.after) ? d.after : {};
  const before = d.before ?? {};
  const decisionText = (value: string | null | undefined) =>
    (DECISION_TAGS[value as Decision]?.text ?? String(value ?? '')).toLowerCase();
  switch (entry.action) {
    case 'programme.created':
      return 'Programme created with its baseline dates';
    case 'decision.recorded': {
      const reference = after.reference ? ` (${after.reference})` : '';
      const was = before.decision ? `, replacing ${decisionText(before.decision)}` : '';
      const party = d.partyName ?? d.partyId;
      return `${gate}: ${party} ${decisionText(after.decision)} on ${formatDate(after.decidedOn)}${reference}${was}${carried}`;
    }
    case 'gate.completed':
      return `${gate} complete on ${formatDate(after.actualDate, 'the day recorded')}${carried}`;
    case 'gate.reforecast': {
      const from = formatDate(before.forecastDate ?? before.baselineDate, 'no date');
      return `${gate} re-forecast from ${from} to ${formatDate(after.forecastDate)}: ${d.reason ?? ''}${carried}`;
    }
    case 'consultation.started':
      return `${gate} launched on ${formatDate(after.startsOn)}, closing ${formatDate(after.closesOn)}${carried}`;
    case 'evidence.recorded':
      return `${gate}: evidence recorded (${after.itemId ?? 'item'}) on ${formatDate(after.recordedOn)}`;
    case 'parties.set':
      return `${gate}: ${Array.isArray(d.after) ? d.after.length : 'the'} deciding parties set`;
    case 'reminder-policy.set':
      return 'Reminder settings changed';
    default:
      return gate ? `${gate}: ${entry.action}` : entry.action;
  }
}

function movedLater(n: number): string {
  return `; ${n} later gate${n === 1 ? '' : 's'} re-forecast with it`;
}

export function auditLines(entries: AuditEntry[], gateTitle: (id: string) => string, timeZone: string): AuditLine[] {
  return [...entries].reverse().map((e) => ({
    id: e.id,
    when: formatInstant(e.at, timeZone),
    who: e.actor.replace(/\s*<[^>]*>$/, ''),
    what: describeAudit(e, gateTitle),
  }));
}
