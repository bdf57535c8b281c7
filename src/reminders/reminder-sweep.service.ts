import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { GateStatus, IsoDate, isApproving } from '../../workflows/types';
import { addDays } from '../calendar/iso-date';
import { WorkingCalendar } from '../calendar/working-days';
import { Clock, businessDate } from '../core/clock/clock';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { UnitOfWork } from '../core/database/unit-of-work';
import { OutboxStore } from '../mail/outbox.store';
import { GateEntity } from '../programmes/gate.entity';
import { latestDecisionByParty } from '../programmes/rules/latest-decisions';
import { WorkflowEngine } from '../workflows/workflow-engine.service';
import { Candidates, ReminderCandidates, queuedKey } from './reminder-candidates';
import { Remindable, ReminderComposer } from './reminder-composer';
import { renderReminder } from './reminder-message';
import { ReminderPolicyService } from './reminder-policy.service';
import { RegimeReminders } from './regime-reminders';
import { RiskReviewReminders } from './risk-review-reminders';
import { BusinessMoment, momentOf, policyReach, sendWindowOpen } from './reminder-policy';
import { ReminderSweepEntity, SWEEP_STATE_ID, emptySweepState } from './reminder-sweep.entity';

export interface SweepResult {
  at: string;
  /** False outside the send hour or on a non-working day: nothing is due then. */
  sendWindowOpen: boolean;
  /** Gates looked at. */
  considered: number;
  /** Reminders the policy found due now and not yet queued. */
  due: number;
  /** Of those, how many this sweep wrote to the outbox (fewer when another instance got there first). */
  queued: number;
}

/** Forecast changes younger than this may sit behind an uncommitted one; look at them again next time. */
const SETTLE_MS = 5 * 60_000;
/** Slack, in calendar days, around the window of dates a sweep covers. */
const MARGIN_DAYS = 7;

/**
 * The reminder sweep: finds what has become due since the last sweep, asks the pure policy
 * which reminders are due now, and writes them to the outbox in one transaction with the
 * sweep's own progress. Sending is the dispatcher's job, after this commits.
 */
@Injectable()
export class ReminderSweepService {
  private readonly logger = new Logger(ReminderSweepService.name);

  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(ReminderCandidates) private readonly candidates: ReminderCandidates,
    @Inject(ReminderPolicyService) private readonly policies: ReminderPolicyService,
    @Inject(OutboxStore) private readonly outbox: OutboxStore,
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
    @Inject(WorkingCalendar) private readonly calendar: WorkingCalendar,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RiskReviewReminders) private readonly riskReviews: RiskReviewReminders,
    @Inject(RegimeReminders) private readonly regime: RegimeReminders,
    @Inject(ReminderComposer) private readonly composer: ReminderComposer,
  ) {}

  async sweep(): Promise<SweepResult> {
    const now = this.clock.now();
    const at = momentOf(now, this.config.timeZone);
    const result: SweepResult = { at: now.toISOString(), sendWindowOpen: false, considered: 0, due: 0, queued: 0 };
    if (!sendWindowOpen(at, this.config.reminders.sendHour, this.calendar)) return result;
    result.sendWindowOpen = true;

    return this.uow.run(async (em) => {
      const state = await this.readState(em);
      const window = this.window(state, at);
      const found = await this.candidates.load(
        em,
        window,
        state.changeWatermark,
        state.sweptUntil ? new Date(state.sweptUntil) : null,
      );
      const items = [
        ...this.gateItems(found),
        ...(await this.riskReviews.items(em, window.to)),
        ...(await this.regime.items(em, window.to)),
      ];
      const messages = this.composer.messages(items, at);
      result.considered = found.gates.length;
      result.due = messages.length;
      result.queued = await this.outbox.enqueue(em, messages, now);
      await this.advance(em, now, this.settledWatermark(found.changes, state.changeWatermark, now));
      if (result.queued) this.logger.log(`queued ${result.queued} reminder(s) from ${result.considered} gate(s)`);
      return result;
    });
  }

  /**
   * The dates whose reminders can have come due since the last sweep: from the last sweep's
   * day less the policy's reach after a date, to today plus its reach before one. Without a
   * previous sweep, every date up to the upper bound (a first start catches up everything).
   */
  private window(state: ReminderSweepEntity, at: BusinessMoment): { from: IsoDate | null; to: IsoDate } {
    const reach = policyReach([
      ...this.policies.configured(),
      { ...this.policies.defaults(), ownerDaysBefore: [state.reachBefore], escalateAfterWorkingDays: state.reachAfter },
    ]);
    const to = addDays(this.calendar.addWorkingDays(at.today, reach.before), MARGIN_DAYS);
    if (!state.sweptUntil) return { from: null, to };
    const last = businessDate(new Date(state.sweptUntil), this.config.timeZone);
    const since = last < at.today ? last : at.today;
    return { from: addDays(this.calendar.addWorkingDays(since, -reach.after), -MARGIN_DAYS), to };
  }

  private gateItems(found: Candidates): Remindable[] {
    const items: Remindable[] = [];
    for (const gate of found.gates) {
      // A programme paused by a call-in sends no reminders until the Secretary of State has answered.
      if (found.held.has(gate.programmeId)) continue;
      const programme = found.programmes.get(gate.programmeId)!;
      const def = this.engine.definition(programme.workflowId, programme.workflowVersion);
      const gateDef = def.gates.find((g) => g.id === gate.gateId);
      const dueDate = gate.forecastDate ?? gate.baselineDate;
      if (!gateDef || !dueDate) continue;
      const owner = this.composer.person(gate.ownerName, gate.ownerEmail);
      items.push({
        programme,
        key: gate.gateId,
        item: {
          kind: gateDef.kind,
          status: gate.status as GateStatus,
          dueDate,
          baselineDate: gate.baselineDate,
          hasOwner: !!owner,
        },
        owner,
        // By kind and date, not address: what the previous owner was sent is not sent again to the new one.
        queued: (kind) => found.queued.has(queuedKey(gate.programmeId, gate.gateId, kind, dueDate)),
        render: (reminder, to, sro) =>
          renderReminder({
            reminder,
            programme: { id: programme.id, name: programme.name },
            gate: { id: gate.gateId, title: gateDef.title, kind: gateDef.kind, baselineDate: gate.baselineDate },
            recipient: to,
            owner,
            sro,
            outstanding: gateDef.kind === 'approval' ? outstandingParties(found, gate) : undefined,
            link: `${this.config.publicUrl}/programmes/${encodeURIComponent(programme.id)}`,
          }),
      });
    }
    return items;
  }

  private async readState(em: EntityManager): Promise<ReminderSweepEntity> {
    return (await em.findOneBy(ReminderSweepEntity, { id: SWEEP_STATE_ID })) ?? emptySweepState();
  }

  /** Moves the sweep's progress forward only (two instances may finish in either order). */
  private async advance(em: EntityManager, now: Date, watermark: number): Promise<void> {
    await em.createQueryBuilder().insert().into(ReminderSweepEntity).values(emptySweepState()).orIgnore().execute();
    const current = await em.findOne(ReminderSweepEntity, {
      where: { id: SWEEP_STATE_ID },
      ...(this.uow.dialect === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    const sweptUntil = current?.sweptUntil && new Date(current.sweptUntil) > now ? new Date(current.sweptUntil) : now;
    await em.update(
      ReminderSweepEntity,
      { id: SWEEP_STATE_ID },
      { sweptUntil, changeWatermark: Math.max(current?.changeWatermark ?? 0, watermark) },
    );
  }

  /**
   * The highest change id below which every change is old enough to be settled: on PostgreSQL
   * ids are handed out before commit, so a young change may still have an older neighbour
   * about to appear. Young ones are simply looked at again by the next sweep.
   */
  private settledWatermark(changes: Array<{ id: number; at: Date }>, current: number, now: Date): number {
    let watermark = current;
    for (const change of changes) {
      if (now.getTime() - change.at.getTime() < SETTLE_MS) break;
      watermark = change.id;
    }
    return watermark;
  }
}

function outstandingParties(found: Candidates, gate: GateEntity): { names: string[]; total: number } {
  const parties = (found.parties.get(gate.programmeId) ?? []).filter((p) => p.gateId === gate.gateId && !p.withdrawnOn);
  const latest = latestDecisionByParty(found.decisions.get(gate.programmeId) ?? [], gate.gateId);
  const names = parties.filter((p) => !isApproving(latest.get(p.partyId)?.decision)).map((p) => p.name);
  return { names, total: parties.length };
}
