import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In, LessThanOrEqual } from 'typeorm';
import { IsoDate } from '../../workflows/types';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { OutboxMessageEntity } from '../mail/outbox-message.entity';
import { keyOf } from '../mail/outbox.store';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { RiskEntity } from '../risks/risk.entity';
import { riskRating, riskScore } from '../risks/risk-rating';
import { Remindable, ReminderComposer } from './reminder-composer';
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
  constructor(
    @Inject(ReminderComposer) private readonly composer: ReminderComposer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Every open risk whose review date is on or before `until`: a review date is kept, not
   * slipped, so an overdue one stays a candidate until it is reviewed (moved) or closed.
   */
  async items(em: EntityManager, until: IsoDate): Promise<Remindable[]> {
    const risks = await em.find(RiskEntity, { where: { status: 'open', reviewOn: LessThanOrEqual(until) } });
    if (!risks.length) return [];
    const programmes = await programmesById(em, risks);
    const queued = await queuedFor(
      em,
      risks.map((r) => riskReviewKey(r.id)),
    );
    const items: Remindable[] = [];
    for (const risk of risks) {
      const programme = programmes.get(risk.programmeId);
      if (!programme || !risk.reviewOn) continue;
      const owner = this.composer.person(risk.ownerName, risk.ownerEmail);
      const score = riskScore(risk.likelihood, risk.impact);
      items.push(
        this.composer.dated(programme, riskReviewKey(risk.id), risk.reviewOn, owner, queued, (reminder, to) =>
          renderRiskReview({
            reminder,
            programme: { name: programme.name },
            risk: {
              title: risk.title,
              kind: risk.kind,
              score,
              rating: riskRating(score),
              reviewOn: risk.reviewOn!,
              mitigation: risk.mitigation,
            },
            recipient: to,
            owner: owner ?? { name: risk.ownerName, email: risk.ownerEmail },
            link: `${this.config.publicUrl}/programmes/${encodeURIComponent(programme.id)}/risks/${encodeURIComponent(risk.id)}`,
          }),
        ),
      );
    }
    return items;
  }
}

/** The programmes of some rows, by id, with what a reminder needs of them. */
export async function programmesById(
  em: EntityManager,
  rows: Array<{ programmeId: string }>,
): Promise<Map<string, ProgrammeEntity>> {
  const ids = [...new Set(rows.map((r) => r.programmeId))];
  return new Map((await em.find(ProgrammeEntity, { where: { id: In(ids) } })).map((p) => [p.id, p]));
}

/** The outbox keys already written for these items (the gate column of their key). */
export async function queuedFor(em: EntityManager, keys: string[]): Promise<Set<string>> {
  const rows = await em.find(OutboxMessageEntity, {
    select: { programmeId: true, gateId: true, kind: true, dueDate: true, recipient: true },
    where: { gateId: In(keys) },
  });
  return new Set(rows.map((m) => keyOf(m)));
}
