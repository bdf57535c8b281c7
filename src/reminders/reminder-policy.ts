import { GateKind, GateStatus, IsoDate } from '../../workflows/types';
import { WorkingCalendar } from '../calendar/working-days';
import { businessDate, businessHour } from '../core/clock/clock';
import { ReminderPolicyOverrides } from '../core/config/app-config';

// Which reminders are due at `now`: pure, so that every rule (working days, the send hour,
// clock changes, catching up after downtime) is tested without a database or a mail server.

export interface ReminderPolicy {
  enabled: boolean;
  /** Working days before the date on which the owner is reminded, e.g. [10, 5, 1]. */
  ownerDaysBefore: number[];
  onTheDay: boolean;
  /** Working days after a missed date before the owner's overdue reminder. */
  overdueDaysAfter: number;
  /** Working days overdue before the SRO is told. */
  escalateAfterWorkingDays: number;
  /** Tell the SRO when the consultation start is forecast later than planned. */
  escalateOnConsultationSlip: boolean;
}

export type Recipient = 'owner' | 'sro';
export type ReminderKind = `due-in-${number}` | 'due-today' | 'overdue' | 'escalation' | 'consultation-slip';

/** One planned reminder: who, what, and the working day it goes out (at the send hour). */
export interface Slot {
  kind: ReminderKind;
  recipient: Recipient;
  day: IsoDate;
}

export interface GateForReminders {
  kind: GateKind;
  status: GateStatus;
  /** The date in force: the stored forecast, which starts as the baseline target. */
  dueDate: IsoDate | null;
  baselineDate: IsoDate | null;
  hasOwner: boolean;
}

export interface DueReminder {
  kind: ReminderKind;
  recipient: Recipient;
  dueDate: IsoDate;
  /** Working days from today to the due date; negative when overdue. */
  workingDaysToDue: number;
  /** Earlier reminders for the same date and person, never sent, that this one stands in for. */
  replaces: ReminderKind[];
  /** For an owner's reminder: when the SRO will be told if the gate is still not done. */
  escalatesOn: IsoDate | null;
}

/** The business date and wall-clock hour of an instant: what the send rules are about. */
export interface BusinessMoment {
  today: IsoDate;
  hour: number;
}

/** Returns whether a reminder has already been queued for this gate's current date. */
export type QueuedCheck = (kind: ReminderKind, recipient: Recipient) => boolean;

export function resolvePolicy(
  base: ReminderPolicy,
  ...layers: Array<ReminderPolicyOverrides | null | undefined>
): ReminderPolicy {
  const policy = { ...base, ownerDaysBefore: [...base.ownerDaysBefore] };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value !== undefined) (policy as Record<string, unknown>)[key] = value;
    }
  }
  policy.ownerDaysBefore = [...new Set(policy.ownerDaysBefore)].sort((a, b) => b - a);
  return policy;
}

export function momentOf(now: Date, timeZone: string): BusinessMoment {
  return { today: businessDate(now, timeZone), hour: businessHour(now, timeZone) };
}

/**
 * Reminders go out from the send hour (local time, so 09:00 stays 09:00 across the clock
 * changes) on working days only. Outside that window nothing is due, so a reminder whose day
 * fell on a weekend, or during downtime, waits for the next working morning.
 */
export function sendWindowOpen(at: BusinessMoment, sendHour: number, calendar: WorkingCalendar): boolean {
  return calendar.isWorkingDay(at.today) && at.hour >= sendHour;
}

/** Every reminder a gate with this date gets under this policy, earliest first. */
export function slotsFor(dueDate: IsoDate, policy: ReminderPolicy, calendar: WorkingCalendar): Slot[] {
  if (!policy.enabled) return [];
  const slots: Slot[] = policy.ownerDaysBefore.map((n) => ({
    kind: `due-in-${n}` as ReminderKind,
    recipient: 'owner' as const,
    day: calendar.addWorkingDays(dueDate, -n),
  }));
  // A date on a weekend or bank holiday has no "on the day": the day-before reminder covers it.
  if (policy.onTheDay && calendar.isWorkingDay(dueDate))
    slots.push({ kind: 'due-today', recipient: 'owner', day: dueDate });
  slots.push({ kind: 'overdue', recipient: 'owner', day: calendar.addWorkingDays(dueDate, policy.overdueDaysAfter) });
  slots.push({
    kind: 'escalation',
    recipient: 'sro',
    day: calendar.addWorkingDays(dueDate, policy.escalateAfterWorkingDays),
  });
  return slots.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/**
 * The reminders to queue now for one gate. Per person, only the latest reminder whose day has
 * come is sent, and only if it has not been queued already: a sweep run late (after
 * downtime) sends one message standing in for the ones it missed, never a burst, and a
 * reminder superseded by a later one is never sent late.
 */
export function remindersDue(
  gate: GateForReminders,
  policy: ReminderPolicy,
  calendar: WorkingCalendar,
  at: BusinessMoment,
  sendHour: number,
  isQueued: QueuedCheck,
): DueReminder[] {
  if (!policy.enabled || !gate.dueDate || !isOutstanding(gate.status)) return [];
  if (!sendWindowOpen(at, sendHour, calendar)) return [];
  const dueDate = gate.dueDate;
  const slots = slotsFor(dueDate, policy, calendar);
  const escalatesOn = slots.find((s) => s.kind === 'escalation')?.day ?? null;
  const due: DueReminder[] = [];
  for (const recipient of ['owner', 'sro'] as const) {
    if (recipient === 'owner' && !gate.hasOwner) continue;
    const passed = slots.filter((s) => s.recipient === recipient && s.day <= at.today);
    const latest = passed[passed.length - 1];
    if (!latest || isQueued(latest.kind, recipient)) continue;
    due.push({
      kind: latest.kind,
      recipient,
      dueDate,
      workingDaysToDue: calendar.workingDaysBetween(at.today, dueDate),
      replaces: passed
        .slice(0, -1)
        .filter((s) => !isQueued(s.kind, recipient))
        .map((s) => s.kind),
      escalatesOn: recipient === 'owner' && escalatesOn && escalatesOn > at.today ? escalatesOn : null,
    });
  }
  const slip = consultationSlip(gate, policy);
  if (slip && !isQueued('consultation-slip', 'sro')) {
    due.push({
      kind: 'consultation-slip',
      recipient: 'sro',
      dueDate,
      workingDaysToDue: calendar.workingDaysBetween(at.today, dueDate),
      replaces: [],
      escalatesOn: null,
    });
  }
  return due;
}

/**
 * A consultation gate forecast to start after its baseline: the SRO hears once per new
 * forecast date (the date is part of the message's key, so a further slip is news again).
 */
export function consultationSlip(gate: GateForReminders, policy: ReminderPolicy): boolean {
  return (
    policy.enabled &&
    policy.escalateOnConsultationSlip &&
    gate.kind === 'consultation' &&
    isOutstanding(gate.status) &&
    !!gate.dueDate &&
    !!gate.baselineDate &&
    gate.dueDate > gate.baselineDate
  );
}

/**
 * How far, in working days, a reminder's day can lie before or after its gate's date: the
 * sweep looks only at gates whose dates fall within these reaches of the days it covers.
 */
export function policyReach(policies: ReminderPolicy[]): { before: number; after: number } {
  let before = 0;
  let after = 0;
  for (const p of policies) {
    before = Math.max(before, ...p.ownerDaysBefore);
    after = Math.max(after, p.overdueDaysAfter, p.escalateAfterWorkingDays);
  }
  return { before, after };
}

function isOutstanding(status: GateStatus): boolean {
  return status === 'not-started' || status === 'open';
}
