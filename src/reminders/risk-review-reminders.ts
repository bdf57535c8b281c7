import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager, In, LessThanOrEqual } from 'typeorm';
import { IsoDate } from '../../workflows/types';
import { WorkingCalendar } from '../calendar/working-days';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { isSafeAddress, senderDomain, stableMessageId } from '../mail/mail-headers';
import { OutboxMessageEntity } from '../mail/outbox-message.entity';
import { NewOutboxMessage, keyOf } from '../mail/outbox.store';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { RiskEntity } from '../risks/risk.entity';
import { riskRating, riskScore } from '../risks/risk-rating';
import { Person } from './reminder-message';
import { BusinessMoment, remindersDue } from './reminder-policy';
import { ReminderPolicyService } from './reminder-policy.service';
import { renderRiskReview } from './risk-review-message';

/** The outbox's gate column names the risk for a review reminder: `risk:<id>`. */
export const riskReviewKey = (riskId: string) => `risk:${riskId}`;

/**
 * Review dates of open risks and issues, reminded on exactly the schedule of a gate's date:
 * the same pure policy (working days before, on the day, overdue, escalation to the SRO), the
 * same send hour, and the same outbox key, so each reminder goes once and a late sweep sends
 * one message standing in for the ones it missed. Called inside the sweep's transaction.
 */
@Injectable()
export class RiskReviewReminders {
  private readonly logger = new Logger(RiskReviewReminders.name);
  private readonly domain: string;

  constructor(
    @Inject(ReminderPolicyService) private readonly policies: ReminderPolicyService,
    @Inject(WorkingCalendar) private readonly calendar: WorkingCalendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.domain = senderDomain(config.mail.from);
  }

  /**
   * Every open risk whose review date is on or before `until`: a review date is kept, not
   * slipped, so an overdue one stays a candidate until it is reviewed (moved) or closed.
   */
  async messages(em: EntityManager, until: IsoDate, at: BusinessMoment): Promise<NewOutboxMessage[]> {
    const risks = await em.find(RiskEntity, { where: { status: 'open', reviewOn: LessThanOrEqual(until) } });
    if (!risks.length) return [];
    const programmeIds = [...new Set(risks.map((r) => r.programmeId))];
    const programmes = new Map(
      (await em.find(ProgrammeEntity, { where: { id: In(programmeIds) } })).map((p) => [p.id, p]),
    );
    const queued = new Set(
      (
        await em.find(OutboxMessageEntity, {
          select: { programmeId: true, gateId: true, kind: true, dueDate: true, recipient: true },
          where: { gateId: In(risks.map((r) => riskReviewKey(r.id))) },
        })
      ).map((m) => keyOf(m)),
    );
    const messages: NewOutboxMessage[] = [];
    for (const risk of risks) {
      const programme = programmes.get(risk.programmeId);
      if (!programme || !risk.reviewOn) continue;
      const owner: Person = { name: risk.ownerName, email: risk.ownerEmail.toLowerCase() };
      const sro: Person = { name: programme.sroName, email: programme.sroEmail.toLowerCase() };
      const recipients = { owner, sro };
      const gateId = riskReviewKey(risk.id);
      const dueDate = risk.reviewOn;
      const due = remindersDue(
        { kind: 'task', status: 'open', dueDate, baselineDate: dueDate, hasOwner: isSafeAddress(owner.email) },
        this.policies.forProgramme(programme),
        this.calendar,
        at,
        this.config.reminders.sendHour,
        (kind, recipient) =>
          queued.has(
            keyOf({ programmeId: programme.id, gateId, kind, dueDate, recipient: recipients[recipient].email }),
          ),
      );
      for (const reminder of due) {
        const to = recipients[reminder.recipient];
        if (!isSafeAddress(to.email)) {
          this.logger.warn(`no usable address for the ${reminder.recipient} of risk ${risk.id}; not queued`);
          continue;
        }
        const score = riskScore(risk.likelihood, risk.impact);
        const rendered = renderRiskReview({
          reminder,
          programme: { name: programme.name },
          risk: {
            title: risk.title,
            kind: risk.kind,
            score,
            rating: riskRating(score),
            reviewOn: dueDate,
            mitigation: risk.mitigation,
          },
          recipient: to,
          owner,
          link: `${this.config.publicUrl}/programmes/${encodeURIComponent(programme.id)}/risks/${encodeURIComponent(risk.id)}`,
        });
        const key = { programmeId: programme.id, gateId, kind: reminder.kind, dueDate, recipient: to.email };
        messages.push({
          ...key,
          recipientName: to.name,
          messageId: stableMessageId(keyOf(key), this.domain),
          subject: rendered.subject,
          bodyText: rendered.text,
          bodyHtml: rendered.html,
        });
      }
    }
    return messages;
  }
}
