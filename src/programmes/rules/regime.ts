// The rules of the 2024 regime that sit beside the statechart: whether the Secretary of State must be
// notified, where a call-in stands in words, which conditions hold a gate back, when the judicial review window
// closes. Pure: the service passes in what it has loaded.
import { listOf } from '../../../workflows/guards';
import { CALL_IN_STATUSES } from '../../../workflows/types';
import type { CallInStatus, IsoDate, Refusal, WorkflowDefinition } from '../../../workflows/types';
import { formatShort } from './format';

/** Reg. 23 consultations that began on or after this day make a substantial variation notifiable. */
export const NOTIFIABLE_FROM: IsoDate = '2024-01-31';

export type NotificationRequirement =
  | { required: true; reason: string }
  | { required: false; reason: string }
  | { required: 'not-yet-known'; reason: string };

/**
 * Whether the Secretary of State must be notified of the proposal as a notifiable reconfiguration (NHS Act 2006
 * Sch. 10A): a substantial variation whose reg. 23 consultation started on or after 31 January 2024.
 */
export function secretaryOfStateNotification(
  substantialVariation: boolean | null,
  reg23StartedOn: IsoDate | null,
): NotificationRequirement {
  if (substantialVariation === false) {
    return {
      required: false,
      reason: 'Not a substantial variation, so not a notifiable reconfiguration: no reg. 23 consultation is needed',
    };
  }
  if (!reg23StartedOn) {
    return { required: 'not-yet-known', reason: 'Known once the health scrutiny consultation (reg. 23) has begun' };
  }
  if (reg23StartedOn < NOTIFIABLE_FROM) {
    return {
      required: false,
      reason: `The reg. 23 consultation began on ${formatShort(reg23StartedOn)}, before 31 January 2024: not a notifiable reconfiguration`,
    };
  }
  return {
    required: true,
    reason: `A substantial variation whose reg. 23 consultation began on ${formatShort(reg23StartedOn)}: the Secretary of State must be notified`,
  };
}

export interface CallInRecord {
  id: number;
  requestedBy: string;
  requestedOn: IsoDate;
  grounds: string;
  outcome: string | null;
  outcomeOn: IsoDate | null;
  decision: string | null;
  decidedOn: IsoDate | null;
}

/**
 * Where the call-in stands, in words: the status is the statechart's (its call-in region), the latest request
 * (who, when, grounds) the service's record. `paused` while a request awaits an answer or the proposal is
 * called in.
 */
export function callInState(
  status: CallInStatus,
  records: readonly CallInRecord[],
): { status: CallInStatus; paused: boolean; latest?: CallInRecord; reason?: string } {
  const latest = [...records].sort((a, b) => a.id - b.id).at(-1);
  if (status === 'requested') {
    return {
      status,
      paused: true,
      latest,
      reason: latest
        ? `A call-in was requested by ${latest.requestedBy} on ${formatShort(latest.requestedOn)}: the gates not yet complete are paused until the Secretary of State answers`
        : 'A call-in was requested: the gates not yet complete are paused until the Secretary of State answers',
    };
  }
  if (status === 'called-in') {
    const on = latest?.outcomeOn ? ` on ${formatShort(latest.outcomeOn)}` : '';
    return {
      status,
      paused: true,
      latest,
      reason: `Called in by the Secretary of State${on}: the gates not yet complete are paused until the decision is recorded`,
    };
  }
  return latest ? { status, paused: false, latest } : { status, paused: false };
}

/** The call-in status a stored snapshot holds (its context mirrors the call-in region). */
export function callInStatusOf(snapshot: unknown): CallInStatus {
  const status = (snapshot as { context?: { callIn?: { status?: unknown } } } | null)?.context?.callIn?.status;
  return CALL_IN_STATUSES.includes(status as CallInStatus) ? (status as CallInStatus) : 'none';
}

/**
 * The call-in status that records of the first v3 release say, for the upgrade of their snapshots (those
 * releases kept call-in beside the statechart, in rows only).
 */
export function callInStatusFromRecords(records: readonly CallInRecord[]): { status: CallInStatus; since?: IsoDate } {
  const latest = [...records].sort((a, b) => a.id - b.id).at(-1);
  if (!latest) return { status: 'none' };
  if (!latest.outcome) return { status: 'requested', since: latest.requestedOn };
  if (latest.outcome === 'called-in' && !latest.decidedOn) return { status: 'called-in', since: latest.outcomeOn! };
  return latest.outcome === 'called-in'
    ? { status: 'decided', since: latest.decidedOn! }
    : { status: 'not-called-in', since: latest.outcomeOn! };
}

export interface ConditionRecord {
  id: number;
  gateId: string;
  text: string;
  dischargedOn: IsoDate | null;
}

/** The conditions that hold a gate back: those of the gates it requires discharged, not yet discharged. */
export function openConditionsFor<C extends ConditionRecord>(
  def: WorkflowDefinition,
  gateId: string,
  conditions: readonly C[],
): C[] {
  const required = def.gates.find((g) => g.id === gateId)?.requiresConditionsDischarged ?? [];
  return conditions.filter((c) => required.includes(c.gateId) && !c.dischargedOn);
}

/**
 * Whether a workflow keeps each condition of an approval as an item to discharge with evidence
 * (v3 onwards: some gate waits for conditions to be discharged). Earlier versions keep only the
 * conditions' text on the decision.
 */
export function tracksConditionItems(def: WorkflowDefinition): boolean {
  return def.gates.some((g) => g.requiresConditionsDischarged);
}

/** A gate that requires earlier gates' conditions discharged, refused while any is open, naming them. */
export function openConditionsRefusal(
  def: WorkflowDefinition,
  gateId: string,
  conditions: readonly ConditionRecord[],
): Refusal | null {
  const open = openConditionsFor(def, gateId, conditions);
  if (!open.length) return null;
  const title = (id: string) => def.gates.find((g) => g.id === id)?.title ?? id;
  return {
    code: 'CONDITIONS_OPEN',
    reason:
      `${title(gateId)} cannot go ahead while conditions of ${listOf([...new Set(open.map((c) => title(c.gateId)))])} are open: ` +
      listOf(open.map((c) => `"${c.text}" (condition ${c.id})`)),
  };
}

/** The day `months` months after `date` (the last day of the month when it has no such day). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
