import type { ProgrammeView } from '../programmes/programme-view';

/** Rows for the programme page: call-in, the Secretary of State notification, conditions (v3 programmes only). */
export function regimeSummary(view: ProgrammeView): Array<{ key: string; value: string }> | null {
  if (!('callIn' in view) || !view.callIn) return null;
  const rows: Array<{ key: string; value: string }> = [];
  rows.push({
    key: 'Call-in',
    value:
      view.callIn.reason ??
      (view.callIn.status === 'none'
        ? 'No call-in requested'
        : view.callIn.status === 'not-called-in'
          ? 'Not called in: the programme goes on'
          : 'Called in and decided by the Secretary of State'),
  });
  const sos = view.secretaryOfStateNotification!;
  const label: Record<string, string> = {
    skipped: 'Skipped',
    notified: 'Notified',
    required: 'Required',
    'not-required': 'Not required',
    'not-yet-known': 'Not yet known',
  };
  rows.push({ key: 'Secretary of State notification', value: `${label[sos.status] ?? sos.status}: ${sos.reason}` });
  const conditions = view.conditions ?? [];
  const open = conditions.filter((c) => !c.dischargedOn);
  rows.push({
    key: 'Conditions',
    value: conditions.length
      ? `${open.length} open of ${conditions.length}${open.length ? `: ${open.map((c) => c.text).join('; ')}` : ''}`
      : 'None',
  });
  const owed = (view.committeeNotifications ?? []).filter((n) => !n.sentOn);
  if (owed.length) rows.push({ key: 'Owed to the scrutiny committee', value: owed.map((n) => n.change).join('; ') });
  return rows;
}
