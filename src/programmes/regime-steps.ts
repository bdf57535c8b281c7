// The events the rules of the 2024 regime send by themselves. Pure: the service applies them.
import type { GateStatus, IsoDate, ProgrammeContext, WorkflowDefinition, WorkflowEvent } from '../../workflows/types';
import { addMonths, secretaryOfStateNotification } from './rules/regime';

/**
 * What happens without anyone asking, given the programme as it is now:
 * - a gate recording the reg. 23 consultation is skipped when the programme is not a substantial variation;
 * - the Secretary of State notification (the skippable gate after it) is skipped, with the reason, when the rule
 *   says it is not required;
 * - a gate that closes itself (the judicial review window) completes once its months have passed.
 */
export function automaticEvents(
  def: WorkflowDefinition,
  context: ProgrammeContext,
  statuses: Record<string, GateStatus>,
  programme: { substantialVariation: boolean | null },
  today: IsoDate,
): WorkflowEvent[] {
  const events: WorkflowEvent[] = [];
  const completed = (id: string) => context.gates[id]?.completedOn ?? null;
  const scrutiny = def.gates.find((g) => g.recordsScrutiny);
  let scrutinyDone = scrutiny ? completed(scrutiny.id) : null;
  if (scrutiny && statuses[scrutiny.id] === 'open' && scrutiny.skippable && programme.substantialVariation === false) {
    events.push({
      type: 'gate.skip',
      gateId: scrutiny.id,
      skippedOn: today,
      reason: 'Not a substantial variation: no health scrutiny consultation under reg. 23 is needed',
    });
    scrutinyDone = today;
  }
  const notification = scrutiny
    ? def.gates.find((g) => g.skippable && g.dependsOn.includes(scrutiny.id) && g.id !== scrutiny.id)
    : undefined;
  if (notification && scrutinyDone && statuses[notification.id] !== 'complete') {
    const rule = secretaryOfStateNotification(
      programme.substantialVariation,
      context.gates[scrutiny!.id]?.skipped ? null : scrutinyDone,
    );
    if (rule.required === false) {
      events.push({ type: 'gate.skip', gateId: notification.id, skippedOn: scrutinyDone, reason: rule.reason });
    }
  }
  for (const gate of def.gates) {
    const after = gate.closesItself;
    if (!after || statuses[gate.id] !== 'open') continue;
    const from = completed(after.monthsAfter);
    if (!from) continue;
    const closes = addMonths(from, after.months);
    if (closes <= today) events.push({ type: 'gate.complete', gateId: gate.id, completedOn: closes });
  }
  return events;
}
