import { WorkingCalendar } from '../calendar/working-days';
import {
  GateForReminders,
  QueuedCheck,
  ReminderKind,
  ReminderPolicy,
  Recipient,
  momentOf,
  policyReach,
  remindersDue,
  resolvePolicy,
  sendWindowOpen,
  slotsFor,
} from './reminder-policy';

const calendar = new WorkingCalendar();
const LONDON = 'Europe/London';
const DEFAULTS: ReminderPolicy = {
  enabled: true,
  ownerDaysBefore: [10, 5, 1],
  onTheDay: true,
  overdueDaysAfter: 1,
  escalateAfterWorkingDays: 3,
  escalateOnConsultationSlip: true,
};
// Partner approvals in Better Care Together: due Monday 26 October 2015.
const approvals: GateForReminders = {
  kind: 'approval',
  status: 'open',
  dueDate: '2015-10-26',
  baselineDate: '2015-10-26',
  hasOwner: true,
};

const nothingQueued: QueuedCheck = () => false;
const queuedOnly =
  (...keys: string[]) =>
  (kind: ReminderKind, recipient: Recipient) =>
    keys.includes(`${kind}:${recipient}`);
const dueAt = (instant: string, gate = approvals, isQueued = nothingQueued, policy = DEFAULTS) =>
  remindersDue(gate, policy, calendar, momentOf(new Date(instant), LONDON), 9, isQueued);

describe('slotsFor', () => {
  it('plans the owner 10, 5 and 1 working days before, on the day and the day after; the SRO 3 days after', () => {
    expect(slotsFor('2015-10-26', DEFAULTS, calendar).map((s) => `${s.kind}:${s.recipient}@${s.day}`)).toEqual([
      'due-in-10:owner@2015-10-12',
      'due-in-5:owner@2015-10-19',
      'due-in-1:owner@2015-10-23',
      'due-today:owner@2015-10-26',
      'overdue:owner@2015-10-27',
      'escalation:sro@2015-10-29',
    ]);
  });

  it('counts working days across bank holidays', () => {
    // Tuesday 29 December 2015: Christmas Day (Fri) and the Boxing Day substitute (Mon 28) are closed.
    const days = Object.fromEntries(slotsFor('2015-12-29', DEFAULTS, calendar).map((s) => [s.kind, s.day]));
    expect(days['due-in-1']).toBe('2015-12-24');
    expect(days['due-in-5']).toBe('2015-12-18');
    expect(days['overdue']).toBe('2015-12-30');
  });

  it('gives a date on a weekend no "on the day" reminder, and makes the next working day the overdue one', () => {
    const slots = slotsFor('2015-10-31', DEFAULTS, calendar); // a Saturday
    expect(slots.map((s) => s.kind)).not.toContain('due-today');
    expect(slots.find((s) => s.kind === 'due-in-1')!.day).toBe('2015-10-30');
    expect(slots.find((s) => s.kind === 'overdue')!.day).toBe('2015-11-02');
  });

  it('plans nothing when the policy is switched off', () => {
    expect(slotsFor('2015-10-26', { ...DEFAULTS, enabled: false }, calendar)).toEqual([]);
  });
});

describe('the send window', () => {
  const open = (instant: string) => sendWindowOpen(momentOf(new Date(instant), LONDON), 9, calendar);

  it('opens at the send hour (09:00 here; the configured default is 08:00) London time on working days only', () => {
    expect(open('2015-10-27T08:59:59Z')).toBe(false);
    expect(open('2015-10-27T09:00:00Z')).toBe(true);
    expect(open('2015-10-27T23:30:00Z')).toBe(true); // late in the day still counts: a sweep that ran late catches up
    expect(open('2015-10-31T10:00:00Z')).toBe(false); // Saturday
    expect(open('2015-12-28T10:00:00Z')).toBe(false); // Boxing Day substitute bank holiday
  });

  it('keeps 09:00 local across the March clock change (BST from Sunday 29 March 2015)', () => {
    expect(open('2015-03-27T08:59:00Z')).toBe(false); // Friday, GMT: 08:59
    expect(open('2015-03-27T09:00:00Z')).toBe(true); // 09:00 GMT
    expect(open('2015-03-30T07:59:00Z')).toBe(false); // Monday, BST: 08:59
    expect(open('2015-03-30T08:00:00Z')).toBe(true); // 09:00 BST
  });

  it('keeps 09:00 local across the October clock change (GMT from Sunday 25 October 2015)', () => {
    expect(open('2015-10-23T07:59:00Z')).toBe(false); // Friday, BST: 08:59
    expect(open('2015-10-23T08:00:00Z')).toBe(true); // 09:00 BST
    expect(open('2015-10-26T08:30:00Z')).toBe(false); // Monday, GMT: 08:30 (would be 09:30 in BST)
    expect(open('2015-10-26T09:00:00Z')).toBe(true);
  });

  it('treats the date in London, not UTC, around midnight', () => {
    // 23:30 UTC on Sunday 29 March 2015 is 00:30 BST on Monday: a working day, but before 09:00.
    expect(momentOf(new Date('2015-03-29T23:30:00Z'), LONDON)).toEqual({ today: '2015-03-30', hour: 0 });
  });
});

describe('remindersDue', () => {
  const kinds = (instant: string, gate = approvals, isQueued = nothingQueued, policy = DEFAULTS) =>
    dueAt(instant, gate, isQueued, policy).map((r) => `${r.kind}:${r.recipient}`);

  it('sends each reminder on its day, from the send hour', () => {
    expect(kinds('2015-10-12T07:59:00Z')).toEqual([]); // 08:59 BST
    expect(kinds('2015-10-12T08:00:00Z')).toEqual(['due-in-10:owner']);
    expect(kinds('2015-10-19T08:05:00Z', approvals, queuedOnly('due-in-10:owner'))).toEqual(['due-in-5:owner']);
    // Monday 26 October is after the clock change: 09:00 GMT.
    expect(
      kinds('2015-10-26T08:55:00Z', approvals, queuedOnly('due-in-10:owner', 'due-in-5:owner', 'due-in-1:owner')),
    ).toEqual([]);
    expect(
      kinds('2015-10-26T09:00:00Z', approvals, queuedOnly('due-in-10:owner', 'due-in-5:owner', 'due-in-1:owner')),
    ).toEqual(['due-today:owner']);
  });

  it('sends nothing that is already queued: a second sweep is a no-op', () => {
    expect(kinds('2015-10-12T10:00:00Z', approvals, queuedOnly('due-in-10:owner'))).toEqual([]);
  });

  it('tells the owner the day after a missed date, then the SRO three working days after', () => {
    const sent = ['due-in-10:owner', 'due-in-5:owner', 'due-in-1:owner', 'due-today:owner'];
    const overdue = dueAt('2015-10-27T09:00:00Z', approvals, queuedOnly(...sent));
    expect(overdue).toEqual([
      {
        kind: 'overdue',
        recipient: 'owner',
        dueDate: '2015-10-26',
        workingDaysToDue: -1,
        replaces: [],
        escalatesOn: '2015-10-29',
      },
    ]);
    expect(kinds('2015-10-28T09:00:00Z', approvals, queuedOnly(...sent, 'overdue:owner'))).toEqual([]);
    expect(kinds('2015-10-29T09:00:00Z', approvals, queuedOnly(...sent, 'overdue:owner'))).toEqual(['escalation:sro']);
  });

  it('catches up after downtime with one overdue message standing in for the missed ones', () => {
    // Down from before the 5-day reminder until the Wednesday after the date.
    const [owner, ...rest] = dueAt('2015-10-28T11:00:00Z', approvals, queuedOnly('due-in-10:owner'));
    expect(rest).toEqual([]);
    expect(owner).toMatchObject({
      kind: 'overdue',
      recipient: 'owner',
      workingDaysToDue: -2,
      replaces: ['due-in-5', 'due-in-1', 'due-today'],
    });
  });

  it('after a long outage sends the owner one overdue message and the SRO one escalation', () => {
    expect(kinds('2015-11-20T09:00:00Z')).toEqual(['overdue:owner', 'escalation:sro']);
  });

  it('waits for the next working morning when the day came at a weekend or overnight', () => {
    expect(kinds('2015-10-24T10:00:00Z', approvals, queuedOnly('due-in-10:owner', 'due-in-5:owner'))).toEqual([]); // Saturday
    expect(kinds('2015-10-26T06:00:00Z', approvals, queuedOnly('due-in-10:owner', 'due-in-5:owner'))).toEqual([]);
    expect(
      dueAt('2015-10-26T09:10:00Z', approvals, queuedOnly('due-in-10:owner', 'due-in-5:owner')).map((r) => [
        r.kind,
        r.replaces,
      ]),
    ).toEqual([['due-today', ['due-in-1']]]);
  });

  it('reminds nobody about a complete or running gate, or a gate without a date', () => {
    expect(kinds('2015-10-27T09:00:00Z', { ...approvals, status: 'complete' })).toEqual([]);
    expect(kinds('2015-10-27T09:00:00Z', { ...approvals, status: 'running' })).toEqual([]);
    expect(kinds('2015-10-27T09:00:00Z', { ...approvals, dueDate: null })).toEqual([]);
  });

  it('still escalates a gate that has no owner', () => {
    expect(kinds('2015-10-29T09:00:00Z', { ...approvals, hasOwner: false })).toEqual(['escalation:sro']);
  });

  it('follows a re-forecast date: reminders start again for the new date', () => {
    const moved = { ...approvals, dueDate: '2015-11-09' };
    expect(kinds('2015-10-27T09:00:00Z', moved)).toEqual(['due-in-10:owner']);
  });

  it('tells the SRO once when the consultation start is forecast after its baseline', () => {
    const consultation: GateForReminders = {
      kind: 'consultation',
      status: 'not-started',
      dueDate: '2015-12-07',
      baselineDate: '2015-11-30',
      hasOwner: true,
    };
    expect(kinds('2015-10-13T09:00:00Z', consultation)).toEqual(['consultation-slip:sro']);
    expect(kinds('2015-10-13T09:00:00Z', consultation, queuedOnly('consultation-slip:sro'))).toEqual([]);
    expect(kinds('2015-10-13T09:00:00Z', { ...consultation, dueDate: '2015-11-30' })).toEqual([]);
    expect(
      kinds('2015-10-13T09:00:00Z', consultation, nothingQueued, { ...DEFAULTS, escalateOnConsultationSlip: false }),
    ).toEqual([]);
    expect(kinds('2015-10-10T09:00:00Z', consultation)).toEqual([]); // Saturday: waits for Monday
  });
});

describe('resolvePolicy', () => {
  it('layers workflow and programme overrides over the defaults, the last one winning', () => {
    const policy = resolvePolicy(
      DEFAULTS,
      { ownerDaysBefore: [20, 10, 5, 1], escalateAfterWorkingDays: 1 },
      { escalateAfterWorkingDays: 5, onTheDay: false },
    );
    expect(policy).toEqual({
      ...DEFAULTS,
      ownerDaysBefore: [20, 10, 5, 1],
      escalateAfterWorkingDays: 5,
      onTheDay: false,
    });
  });

  it('orders the days before, furthest first, and ignores missing layers', () => {
    expect(resolvePolicy(DEFAULTS, null, undefined, { ownerDaysBefore: [1, 15, 3] }).ownerDaysBefore).toEqual([
      15, 3, 1,
    ]);
  });

  it('reaches as far as the widest policy', () => {
    expect(
      policyReach([DEFAULTS, resolvePolicy(DEFAULTS, { ownerDaysBefore: [20], escalateAfterWorkingDays: 7 })]),
    ).toEqual({
      before: 20,
      after: 7,
    });
  });
});
