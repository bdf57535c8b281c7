import { Inject, Injectable } from '@nestjs/common';
import { Actor, actorLabel } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import { AppConfig, ReminderPolicyOverrides } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { isPostgres } from '../core/database/sql';
import { UnitOfWork } from '../core/database/unit-of-work';
import { NotFound } from '../core/errors/domain-error';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { ProgrammeService } from '../programmes/programme.service';
import { ReminderPolicy, policyReach, resolvePolicy } from './reminder-policy';
import { ReminderSweepEntity, SWEEP_STATE_ID, emptySweepState } from './reminder-sweep.entity';

export interface ProgrammePolicyView {
  programmeId: string;
  /** The programme's own overrides ({} when it has none). */
  overrides: ReminderPolicyOverrides;
  /** Overrides for the programme's workflow, from the configuration. */
  workflowOverrides: ReminderPolicyOverrides;
  /** What applies: defaults, then the workflow's overrides, then the programme's. */
  effective: ReminderPolicy;
  sendHour: number;
  timeZone: string;
}

/** The reminder policy in its three layers: configured defaults, per workflow, per programme. */
@Injectable()
export class ReminderPolicyService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  defaults(): ReminderPolicy {
    const r = this.config.reminders;
    return {
      enabled: true,
      ownerDaysBefore: r.ownerDaysBefore,
      onTheDay: r.onTheDay,
      overdueDaysAfter: r.overdueDaysAfter,
      escalateAfterWorkingDays: r.escalateAfterWorkingDays,
      escalateOnConsultationSlip: r.escalateOnConsultationSlip,
    };
  }

  /** The defaults and every workflow's policy: what the configuration alone allows. */
  configured(): ReminderPolicy[] {
    return [
      this.defaults(),
      ...Object.values(this.config.reminders.workflows).map((o) => resolvePolicy(this.defaults(), o)),
    ];
  }

  forProgramme(programme: Pick<ProgrammeEntity, 'workflowId' | 'reminderPolicy'>): ReminderPolicy {
    return resolvePolicy(
      this.defaults(),
      this.config.reminders.workflows[programme.workflowId],
      programme.reminderPolicy as ReminderPolicyOverrides | null,
    );
  }

  async get(id: string, actor?: Actor): Promise<ProgrammePolicyView> {
    this.programmes.checkScope(id, actor);
    const programme = await this.uow.read.findOne(ProgrammeEntity, {
      select: { id: true, workflowId: true, reminderPolicy: true },
      where: { id },
    });
    if (!programme) throw new NotFound('Programme', id);
    return this.view(programme);
  }

  /** Replaces the programme's overrides ({} clears them), audited in the same transaction. */
  async set(id: string, overrides: ReminderPolicyOverrides, actor: Actor): Promise<ProgrammePolicyView> {
    this.programmes.checkScope(id, actor);
    const stored = Object.keys(overrides).length ? overrides : null;
    const programme = await this.uow.run(async (em) => {
      if (isPostgres(em)) await em.query('SELECT id FROM programme WHERE id = $1 FOR UPDATE', [id]);
      const row = await em.findOne(ProgrammeEntity, {
        select: { id: true, workflowId: true, reminderPolicy: true },
        where: { id },
      });
      if (!row) throw new NotFound('Programme', id);
      const before = row.reminderPolicy ?? {};
      // A new revision, as every change to a programme has: what was kept of the old one no longer holds.
      await em.update(
        ProgrammeEntity,
        { id },
        { reminderPolicy: stored as object | null, revision: () => 'revision + 1' },
      );
      row.reminderPolicy = stored;
      // The sweep's window must reach as far as the widest programme policy.
      const reach = policyReach([this.forProgramme(row)]);
      await em.createQueryBuilder().insert().into(ReminderSweepEntity).values(emptySweepState()).orIgnore().execute();
      const state = await em.findOneByOrFail(ReminderSweepEntity, { id: SWEEP_STATE_ID });
      await em.update(
        ReminderSweepEntity,
        { id: SWEEP_STATE_ID },
        {
          reachBefore: Math.max(state.reachBefore, reach.before),
          reachAfter: Math.max(state.reachAfter, reach.after),
        },
      );
      await this.audit.append(em, {
        programmeId: id,
        actor: actorLabel(actor),
        action: 'reminder-policy.set',
        detail: { before, after: overrides },
      });
      return row;
    });
    return this.view(programme);
  }

  private view(programme: Pick<ProgrammeEntity, 'id' | 'workflowId' | 'reminderPolicy'>): ProgrammePolicyView {
    return {
      programmeId: programme.id,
      overrides: (programme.reminderPolicy as ReminderPolicyOverrides | null) ?? {},
      workflowOverrides: this.config.reminders.workflows[programme.workflowId] ?? {},
      effective: this.forProgramme(programme),
      sendHour: this.config.reminders.sendHour,
      timeZone: this.config.timeZone,
    };
  }
}
