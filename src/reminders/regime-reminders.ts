import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, LessThanOrEqual, Not } from 'typeorm';
import { IsoDate } from '../../workflows/types';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { CommitteeNotificationEntity, ConditionEntity } from '../programmes/condition.entity';
import { GateEntity } from '../programmes/gate.entity';
import { formatShort } from '../programmes/rules/format';
import { WorkflowEngine } from '../workflows/workflow-engine.service';
import { renderItemReminder } from './item-reminder-message';
import { Remindable, ReminderComposer } from './reminder-composer';
import { Person } from './reminder-message';
import { programmesById, queuedFor } from './risk-review-reminders';

/** The outbox's gate column for a condition's reminders: `condition:<id>`. */
export const conditionKey = (id: number) => `condition:${id}`;
/** The outbox's gate column for a notification owed to the committee: `committee:<id>`. */
export const committeeKey = (id: number) => `committee:${id}`;

/**
 * What the 2024 regime adds to the reminders, on a gate's schedule and through the same composer:
 * - a condition of an approval reminds its owner before its due date and when overdue, and the SRO when the
 *   gate reminders would escalate, until it is discharged;
 * - a changed date owed to the health scrutiny committee reminds the owner of the reg. 23 gate from the day
 *   it became owed (on the day, overdue, then the SRO) until it is marked sent.
 * Neither is held by a call-in: the pause is of the gates, and a condition or the committee's notice is owed
 * whatever the Secretary of State is asked. Called inside the sweep's transaction.
 */
@Injectable()
export class RegimeReminders {
  constructor(
    @Inject(ReminderComposer) private readonly composer: ReminderComposer,
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async items(em: EntityManager, until: IsoDate): Promise<Remindable[]> {
    const conditions = await em.find(ConditionEntity, {
      where: { dischargedOn: IsNull(), dueDate: LessThanOrEqual(until) },
      order: { id: 'ASC' },
    });
    const owed = await em.find(CommitteeNotificationEntity, {
      where: { sentOn: IsNull(), owedSince: LessThanOrEqual(until) },
      order: { id: 'ASC' },
    });
    if (!conditions.length && !owed.length) return [];
    const programmes = await programmesById(em, [...conditions, ...owed]);
    const queued = await queuedFor(em, [
      ...conditions.map((c) => conditionKey(c.id)),
      ...owed.map((n) => committeeKey(n.id)),
    ]);
    const link = (programmeId: string) => `${this.config.publicUrl}/programmes/${encodeURIComponent(programmeId)}`;
    const items: Remindable[] = [];

    for (const c of conditions) {
      const programme = programmes.get(c.programmeId);
      if (!programme || !c.dueDate) continue;
      const def = this.engine.definition(programme.workflowId, programme.workflowVersion);
      const gateTitle = def.gates.find((g) => g.id === c.gateId)?.title ?? c.gateId;
      const owner = this.composer.person(c.ownerName, c.ownerEmail);
      const due = formatShort(c.dueDate);
      items.push(
        this.composer.dated(programme, conditionKey(c.id), c.dueDate, owner, queued, (reminder, to) =>
          renderItemReminder({
            reminder,
            programme,
            what: `condition of ${gateTitle} "${c.text}"`,
            dueOn: c.dueDate!,
            ask: `Please discharge this condition of ${gateTitle} by ${due}, recording the evidence that it is met.`,
            escalation: `this condition of ${gateTitle}, owned by ${owner?.name ?? 'nobody'}, was due on ${due} and is not discharged.`,
            facts: [
              ['Programme', programme.name],
              ['Condition', c.text],
              ['Set at', gateTitle],
              ['Due', due],
              ['Owner', owner ? `${owner.name} <${owner.email}>` : 'none recorded'],
            ],
            recipient: to,
            link: link(programme.id),
            linkText: 'Discharge it',
          }),
        ),
      );
    }

    const owners = await this.scrutinyOwners(em, owed, programmes);
    for (const n of owed) {
      const programme = programmes.get(n.programmeId);
      if (!programme) continue;
      const owner = owners.get(n.programmeId) ?? null;
      const since = formatShort(n.owedSince);
      items.push(
        this.composer.dated(
          programme,
          committeeKey(n.id),
          n.owedSince,
          owner,
          queued,
          (reminder, to) =>
            renderItemReminder({
              reminder,
              programme,
              what: `notification to ${n.committee}`,
              dueOn: n.owedSince,
              ask: `The dates given to ${n.committee} have changed (${n.change}): tell the committee, then mark the notification sent.`,
              escalation: `${n.committee} has not been told of a change of the dates given to it (${n.change}), owed since ${since}.`,
              facts: [
                ['Programme', programme.name],
                ['Committee', n.committee],
                ['Change', n.change],
                ['Owed since', since],
              ],
              recipient: to,
              link: link(programme.id),
              linkText: 'Mark it sent',
            }),
          // Owed from the day the date changed: nothing to send before it.
          (policy) => ({ ...policy, ownerDaysBefore: [] }),
        ),
      );
    }
    return items;
  }

  /** The owner of each programme's reg. 23 gate (the gate that records the committee). */
  private async scrutinyOwners(
    em: EntityManager,
    owed: CommitteeNotificationEntity[],
    programmes: Map<string, { id: string; workflowId: string; workflowVersion: number }>,
  ): Promise<Map<string, Person | null>> {
    const ids = [...new Set(owed.map((n) => n.programmeId))];
    if (!ids.length) return new Map();
    const gates = await em.find(GateEntity, { where: { programmeId: In(ids), ownerEmail: Not(IsNull()) } });
    const owners = new Map<string, Person | null>();
    for (const id of ids) {
      const p = programmes.get(id);
      if (!p) continue;
      const gateId = this.engine.definition(p.workflowId, p.workflowVersion).gates.find((g) => g.recordsScrutiny)?.id;
      const gate = gates.find((g) => g.programmeId === id && g.gateId === gateId);
      owners.set(id, gate ? this.composer.person(gate.ownerName, gate.ownerEmail) : null);
    }
    return owners;
  }
}
