import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, actorLabel } from '../auth/roles';
import { Clock } from '../core/clock/clock';
import { UnitOfWork } from '../core/database/unit-of-work';
import { DomainError, NotFound, WorkflowConflict } from '../core/errors/domain-error';
import { WorkflowEngine } from '../workflows/workflow-engine.service';
import { CallInEntity, CommitteeNotificationEntity, ConditionEntity } from './condition.entity';
import { ProgrammeEntity } from './programme.entity';
import { ProgrammeService } from './programme.service';
import { ProgrammeAggregate, ProgrammeStore, persistedOf } from './programme.store';
import { ProgrammeView } from './programme-view';
import { ProgrammeWriter } from './programme-writer';
import {
  CallInDecisionDto,
  CallInOutcomeDto,
  CallInRequestDto,
  DischargeConditionDto,
  NotificationSentDto,
  ScrutinyDto,
  UpdateConditionDto,
} from './regime.dto';
import type { CallInEvent } from '../../workflows/types';

/**
 * The 2024 regime beside the gates: call-in, conditions, and the dates given to the health scrutiny committee.
 * Each change is one transaction holding the programme's lock, audited with its actor.
 */
@Injectable()
export class RegimeService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(ProgrammeStore) private readonly store: ProgrammeStore,
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
    @Inject(ProgrammeWriter) private readonly writer: ProgrammeWriter,
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  requestCallIn(id: string, body: CallInRequestDto, actor: Actor) {
    this.notInFuture('requestedOn', body.requestedOn);
    return this.change(id, actor, async (em, a, who) => {
      await this.callInStep(em, a, { type: 'callIn.request', requestedOn: body.requestedOn });
      const row = await em.save(
        CallInEntity,
        em.create(CallInEntity, {
          programmeId: id,
          requestedBy: body.requestedBy,
          requestedOn: body.requestedOn,
          grounds: body.grounds,
          outcome: null,
          outcomeOn: null,
          decision: null,
          decidedOn: null,
          recordedBy: who,
        }),
      );
      return { action: 'call-in.requested', detail: { after: { id: row.id, ...body } } };
    });
  }

  recordCallInOutcome(id: string, body: CallInOutcomeDto, actor: Actor) {
    this.notInFuture('decidedOn', body.decidedOn);
    return this.change(id, actor, async (em, a) => {
      await this.callInStep(em, a, {
        type: 'callIn.outcome',
        outcome: body.outcome as 'called-in' | 'not-called-in',
        decidedOn: body.decidedOn,
      });
      const latest = a.callIns[a.callIns.length - 1];
      this.notBefore('decidedOn', body.decidedOn, latest.requestedOn, 'the request');
      await em.update(CallInEntity, { id: latest.id }, { outcome: body.outcome, outcomeOn: body.decidedOn });
      return { action: 'call-in.outcome', detail: { id: latest.id, after: body } };
    });
  }

  recordCallInDecision(id: string, body: CallInDecisionDto, actor: Actor) {
    this.notInFuture('decidedOn', body.decidedOn);
    return this.change(id, actor, async (em, a) => {
      await this.callInStep(em, a, { type: 'callIn.decision', decidedOn: body.decidedOn });
      const latest = a.callIns[a.callIns.length - 1];
      this.notBefore('decidedOn', body.decidedOn, latest.outcomeOn!, 'the call-in');
      await em.update(CallInEntity, { id: latest.id }, { decision: body.decision, decidedOn: body.decidedOn });
      return { action: 'call-in.decided', detail: { id: latest.id, after: body } };
    });
  }

  dischargeCondition(id: string, conditionId: number, body: DischargeConditionDto, actor: Actor) {
    this.notInFuture('dischargedOn', body.dischargedOn);
    return this.change(id, actor, async (em, a) => {
      const condition = this.condition(a, conditionId);
      if (condition.dischargedOn) {
        throw new WorkflowConflict(
          'CONDITION_DISCHARGED',
          `Condition ${conditionId} was already discharged on ${condition.dischargedOn}`,
        );
      }
      await em.update(
        ConditionEntity,
        { id: conditionId },
        { dischargedOn: body.dischargedOn, evidence: body.evidence },
      );
      return {
        action: 'condition.discharged',
        gateId: condition.gateId,
        detail: { conditionId, text: condition.text, after: body },
      };
    });
  }

  updateCondition(id: string, conditionId: number, body: UpdateConditionDto, actor: Actor) {
    return this.change(id, actor, async (em, a) => {
      const condition = this.condition(a, conditionId);
      const before = { owner: { name: condition.ownerName, email: condition.ownerEmail }, dueDate: condition.dueDate };
      await em.update(
        ConditionEntity,
        { id: conditionId },
        {
          ...(body.owner ? { ownerName: body.owner.name, ownerEmail: body.owner.email.toLowerCase() } : {}),
          ...(body.dueDate ? { dueDate: body.dueDate } : {}),
        },
      );
      return { action: 'condition.updated', gateId: condition.gateId, detail: { conditionId, before, after: body } };
    });
  }

  /**
   * Records the committee and the dates given to it. Any later change of a date is a notification owed to the
   * committee (reg. 23(4)): listed, and reminded, until it is marked sent.
   */
  setScrutiny(id: string, body: ScrutinyDto, actor: Actor) {
    return this.change(id, actor, async (em, a) => {
      const def = this.engine.inspect(persistedOf(a.programme)).def;
      if (!def.gates.some((g) => g.recordsScrutiny)) {
        throw new WorkflowConflict(
          'NO_SCRUTINY_GATE',
          `${def.title} v${def.version} has no health scrutiny consultation gate: migrate the programme to the current version first`,
        );
      }
      const before = a.programme.scrutiny;
      const after = {
        committee: body.committee,
        proposedDecisionDate: body.proposedDecisionDate,
        commentsDueDate: body.commentsDueDate,
      };
      const changes: string[] = [];
      if (before && before.proposedDecisionDate !== after.proposedDecisionDate) {
        changes.push(`proposed decision date ${before.proposedDecisionDate} -> ${after.proposedDecisionDate}`);
      }
      if (before && before.commentsDueDate !== after.commentsDueDate) {
        changes.push(`comments due ${before.commentsDueDate} -> ${after.commentsDueDate}`);
      }
      if (before && changes.length && !body.reason) {
        throw new DomainError(422, 'VALIDATION_FAILED', 'Invalid request', 'a changed date needs a reason', [
          { field: 'reason', message: 'a reason is required when a date given to the committee changes' },
        ]);
      }
      await em.update(ProgrammeEntity, { id }, { scrutiny: after });
      a.programme.scrutiny = after;
      if (changes.length) {
        await em.insert(CommitteeNotificationEntity, {
          programmeId: id,
          committee: after.committee,
          change: `${changes.join('; ')}${body.reason ? ` (${body.reason})` : ''}`,
          owedSince: this.clock.today(),
          sentOn: null,
        });
      }
      return {
        action: 'scrutiny.set',
        detail: { before, after, reason: body.reason, notificationOwed: changes.length > 0 },
      };
    });
  }

  markNotificationSent(id: string, notificationId: number, body: NotificationSentDto, actor: Actor) {
    this.notInFuture('sentOn', body.sentOn);
    return this.change(id, actor, async (em, a) => {
      const n = a.notifications.find((x) => x.id === notificationId);
      if (!n) throw new NotFound('Committee notification', String(notificationId));
      if (n.sentOn)
        throw new WorkflowConflict(
          'NOTIFICATION_SENT',
          `Notification ${notificationId} was already sent on ${n.sentOn}`,
        );
      this.notBefore('sentOn', body.sentOn, n.owedSince, 'the change it tells of');
      await em.update(CommitteeNotificationEntity, { id: notificationId }, { sentOn: body.sentOn });
      return { action: 'committee.notified', detail: { notificationId, change: n.change, after: body } };
    });
  }

  private async change(
    id: string,
    actor: Actor,
    work: (
      em: EntityManager,
      aggregate: ProgrammeAggregate,
      who: string,
    ) => Promise<{ action: string; gateId?: string; detail: Record<string, unknown> }>,
  ): Promise<ProgrammeView> {
    this.programmes.checkScope(id, actor);
    const who = actorLabel(actor);
    await this.uow.run(async (em) => {
      const aggregate = await this.store.load(em, id, { lock: true });
      const def = this.engine.inspect(persistedOf(aggregate.programme)).def;
      if (!def.callIn) {
        throw new WorkflowConflict(
          'NOT_IN_THIS_VERSION',
          `${def.title} v${def.version} predates the 2024 regime: migrate the programme to the current version first`,
        );
      }
      const { action, gateId, detail } = await work(em, aggregate, who);
      await this.writer.touch(em, aggregate.programme);
      await this.writer.audit.append(em, {
        programmeId: id,
        actor: who,
        action,
        gateId: gateId ?? null,
        detail: { ...detail, revision: aggregate.programme.revision },
      });
    });
    return this.programmes.get(id);
  }

  /** The statechart's call-in region takes the step (or refuses it); the rows keep who, when and why. */
  private async callInStep(em: EntityManager, a: ProgrammeAggregate, event: CallInEvent): Promise<void> {
    const result = this.engine.applyCallIn(persistedOf(a.programme), event);
    await this.writer.saveState(em, a, result.persisted, result.statuses, result.context);
  }

  private condition(a: ProgrammeAggregate, conditionId: number): ConditionEntity {
    const condition = a.conditions.find((c) => c.id === conditionId);
    if (!condition) throw new NotFound('Condition', String(conditionId));
    return condition;
  }

  private notInFuture(field: string, date: string): void {
    const today = this.clock.today();
    if (date > today) {
      throw new DomainError(422, 'DATE_IN_FUTURE', 'Invalid request', `${field} ${date} is after today (${today})`, [
        { field, message: `must not be after today (${today})` },
      ]);
    }
  }

  private notBefore(field: string, date: string, earliest: string, what: string): void {
    if (date < earliest) {
      throw new DomainError(
        422,
        'DATE_TOO_EARLY',
        'Invalid request',
        `${field} ${date} is before ${what} (${earliest})`,
        [{ field, message: `must not be before ${what} (${earliest})` }],
      );
    }
  }
}
