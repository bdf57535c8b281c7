import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { instant, params } from '../core/database/sql';
import {
  Decision,
  GateStatus,
  IsoDate,
  ProgrammeContext,
  WorkflowDefinition,
  WorkflowEvent,
} from '../../workflows/types';
import { Actor, actorLabel } from '../auth/roles';
import { Clock } from '../core/clock/clock';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { UnitOfWork } from '../core/database/unit-of-work';
import { DomainError, Forbidden, NotFound, ValidationFailed, WorkflowConflict } from '../core/errors/domain-error';
import { WorkflowEngine } from '../workflows/workflow-engine.service';
import { ElectionRules } from '../elections/election-rules';
import { ElectionsService } from '../elections/elections.service';
import { DecisionEntity } from './decision.entity';
import { EvidenceEntity } from './evidence.entity';
import { ConditionEntity } from './condition.entity';
import { automaticEvents } from './regime-steps';
import { callInState, openConditionsRefusal, tracksConditionItems } from './rules/regime';
import { GateEntity } from './gate.entity';
import { PartyEntity } from './party.entity';
import {
  CompleteGateDto,
  RecordDecisionDto,
  RecordEvidenceDto,
  ReforecastDto,
  SetPartiesDto,
  StartConsultationDto,
} from './programme.dto';
import { ProgrammeService } from './programme.service';
import { ProgrammeAggregate, ProgrammeStore, inPartyOrder, persistedOf } from './programme.store';
import { ProgrammeView, plannedGates } from './programme-view';
import { CarriedChange, ProgrammeWriter } from './programme-writer';
import { reforecastPlan } from './rules/schedule';
import { WorkingCalendar } from '../calendar/working-days';

export interface ChangeContext {
  em: EntityManager;
  aggregate: ProgrammeAggregate;
  def: WorkflowDefinition;
  gate: GateEntity;
  statuses: Record<string, GateStatus>;
  context: ProgrammeContext;
  who: string;
}

/**
 * Every change to a gate: decisions, completion, consultation start, evidence, parties and
 * re-forecasts. Each runs in one transaction holding the programme's lock: workflow step,
 * rows, forecast history and audit entry land together or not at all.
 */
@Injectable()
export class GateChangeService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(ProgrammeStore) private readonly store: ProgrammeStore,
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
    @Inject(ProgrammeWriter) private readonly writer: ProgrammeWriter,
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ElectionsService) private readonly elections: ElectionsService,
    @Inject(ElectionRules) private readonly electionRules: ElectionRules,
    @Inject(WorkingCalendar) private readonly calendar: WorkingCalendar,
  ) {}

  recordDecision(id: string, gateId: string, body: RecordDecisionDto, actor: Actor): Promise<ProgrammeView> {
    this.notInFuture('decidedOn', body.decidedOn);
    return this.change(id, gateId, actor, async (c) => {
      const party = c.aggregate.parties.find((p) => p.gateId === gateId && p.partyId === body.partyId);
      const event: WorkflowEvent = {
        type: 'gate.decide',
        gateId,
        partyId: body.partyId,
        decision: body.decision as Decision,
        decidedOn: body.decidedOn,
      };
      const previous = [...c.aggregate.decisions]
        .reverse()
        .find((d) => d.gateId === gateId && d.partyId === body.partyId);
      const carried = await this.step(c, event, `${party?.name ?? body.partyId} decided ${body.decision}`);
      const decision = c.em.create(DecisionEntity, {
        programmeId: id,
        gateId,
        partyId: body.partyId,
        decision: body.decision,
        decidedOn: body.decidedOn,
        reference: body.reference ?? null,
        conditions: body.conditions ?? null,
        recordedBy: c.who,
        recordedAt: this.clock.now(),
      });
      await insertDecision(c.em, decision);
      c.aggregate.decisions.push(decision);
      const conditions =
        body.decision === 'approved-with-conditions' && tracksConditionItems(c.def)
          ? await this.addConditions(c, body)
          : [];
      return {
        action: 'decision.recorded',
        detail: {
          partyId: body.partyId,
          partyName: party?.name,
          before: previous ? { decision: previous.decision, decidedOn: previous.decidedOn } : null,
          after: {
            decision: body.decision,
            decidedOn: body.decidedOn,
            reference: body.reference,
            conditions: body.conditions,
          },
          ...(conditions.length ? { conditionItems: conditions } : {}),
          gateStatus: c.gate.status,
          carried,
        },
      };
    });
  }

  completeGate(id: string, gateId: string, body: CompleteGateDto, actor: Actor): Promise<ProgrammeView> {
    this.notInFuture('completedOn', body.completedOn);
    return this.change(id, gateId, actor, async (c) => {
      this.mustOwn(c, actor);
      const before = { status: c.gate.status, actualDate: c.gate.actualDate };
      const kind = c.def.gates.find((g) => g.id === gateId)?.kind;
      this.conditionsMet(c, gateId);
      if (c.def.gates.find((g) => g.id === gateId)?.recordsScrutiny && !c.aggregate.programme.scrutiny) {
        throw new WorkflowConflict(
          'SCRUTINY_NOT_RECORDED',
          `${this.title(c, gateId)} needs the committee and the dates given to it recorded first (PUT /api/programmes/${id}/scrutiny)`,
        );
      }
      // Closing a running consultation is how a consultation gate completes.
      const event: WorkflowEvent =
        kind === 'consultation' && c.statuses[gateId] === 'running'
          ? { type: 'consultation.close', gateId, closedOn: body.completedOn }
          : { type: 'gate.complete', gateId, completedOn: body.completedOn };
      const carried = await this.step(c, event, 'completed');
      if (body.note) {
        c.gate.note = body.note;
        await c.em.update(GateEntity, { programmeId: id, gateId }, { note: body.note });
      }
      return {
        action: 'gate.completed',
        detail: { before, after: { status: c.gate.status, actualDate: c.gate.actualDate, note: body.note }, carried },
      };
    });
  }

  /**
   * Records a consultation's launch: today, in the past, or announced for a later date. The pre-election
   * periods that apply to the programme (its councils, their no-polls records, national periods) come
   * from the election rules; the workflow refuses a start inside one.
   */
  startConsultation(id: string, gateId: string, body: StartConsultationDto, actor: Actor): Promise<ProgrammeView> {
    return this.change(id, gateId, actor, async (c) => {
      this.mustOwn(c, actor);
      this.conditionsMet(c, gateId);
      const periods = await this.elections.forProgramme(c.aggregate.programme, body.startsOn, body.startsOn, c.em);
      const event: WorkflowEvent = {
        type: 'consultation.start',
        gateId,
        startsOn: body.startsOn,
        closesOn: body.closesOn,
        justification: body.justification,
        preElectionPeriods: periods.map((p) => ({
          name: p.name,
          from: p.periodStart,
          to: p.periodEnd,
          firstWorkingDayAfter: this.electionRules.firstWorkingDayAfter(p),
        })),
      };
      const carried = await this.step(c, event, 'launched');
      return { action: 'consultation.started', detail: { after: body, carried } };
    });
  }

  recordEvidence(id: string, gateId: string, body: RecordEvidenceDto, actor: Actor): Promise<ProgrammeView> {
    this.notInFuture('recordedOn', body.recordedOn);
    return this.change(id, gateId, actor, async (c) => {
      this.mustOwn(c, actor);
      await this.step(c, { type: 'gate.evidence', gateId, itemId: body.itemId, recordedOn: body.recordedOn }, '');
      const row = c.em.create(EvidenceEntity, {
        programmeId: id,
        gateId,
        itemId: body.itemId,
        recordedOn: body.recordedOn,
        reference: body.reference ?? null,
        link: body.link ?? null,
        note: body.note ?? null,
        recordedBy: c.who,
        recordedAt: this.clock.now(),
      });
      await c.em.insert(EvidenceEntity, row);
      c.aggregate.evidence.push(row);
      return { action: 'evidence.recorded', detail: { after: body } };
    });
  }

  setParties(id: string, gateId: string, body: SetPartiesDto, actor: Actor): Promise<ProgrammeView> {
    const ids = body.parties.map((p) => p.id);
    const dup = ids.find((p, i) => ids.indexOf(p) !== i);
    if (dup) throw new ValidationFailed([{ field: 'parties', message: `party '${dup}' is listed twice` }]);
    return this.change(id, gateId, actor, async (c) => {
      const before = c.aggregate.parties
        .filter((p) => p.gateId === gateId)
        .map((p) => ({ id: p.partyId, name: p.name }));
      await this.step(c, { type: 'gate.parties', gateId, parties: ids }, '');
      await c.em.delete(PartyEntity, { programmeId: id, gateId });
      const rows = body.parties.map((p, position) =>
        c.em.create(PartyEntity, {
          programmeId: id,
          gateId,
          partyId: p.id,
          name: p.name,
          position,
          withdrawnOn: null,
          withdrawnReason: null,
          withdrawnBy: null,
        }),
      );
      await c.em.insert(PartyEntity, rows);
      c.aggregate.parties = inPartyOrder([...c.aggregate.parties.filter((p) => p.gateId !== gateId), ...rows]);
      return { action: 'parties.set', detail: { before, after: body.parties } };
    });
  }

  reforecast(id: string, gateId: string, body: ReforecastDto, actor: Actor): Promise<ProgrammeView> {
    const today = this.clock.today();
    if (body.forecastDate < today) {
      throw new ValidationFailed([
        { field: 'forecastDate', message: `a forecast cannot be earlier than today (${today})` },
      ]);
    }
    return this.change(id, gateId, actor, async (c) => {
      this.mustOwn(c, actor);
      if (c.statuses[gateId] === 'complete' || c.statuses[gateId] === 'running') {
        throw new WorkflowConflict(
          'GATE_COMPLETE',
          `${this.title(c, gateId)} is already ${c.statuses[gateId] === 'running' ? 'under way' : 'complete'}: its dates are actuals now, not forecasts`,
        );
      }
      const before = { baselineDate: c.gate.baselineDate, forecastDate: c.gate.forecastDate };
      const plan = reforecastPlan(
        plannedGates(c.aggregate, c.def, c.statuses),
        gateId,
        body.forecastDate,
        this.calendar,
      );
      const carried = await this.writer.writeReforecast(
        c.em,
        c.aggregate,
        plan,
        body.reason,
        `Carried from ${this.title(c, gateId)}: ${body.reason}`,
        c.who,
      );
      return {
        action: 'gate.reforecast',
        detail: {
          before,
          after: { baselineDate: c.gate.baselineDate, forecastDate: body.forecastDate },
          reason: body.reason,
          carried,
        },
      };
    });
  }

  /**
   * Runs one change in a transaction holding the programme lock, and audits it. Also the frame
   * of the changes to a gate's people (GatePeopleService).
   */
  async change(
    id: string,
    gateId: string,
    actor: Actor,
    work: (c: ChangeContext) => Promise<{ action: string; detail: Record<string, unknown> }>,
  ): Promise<ProgrammeView> {
    this.programmes.checkScope(id, actor);
    const changed = await this.uow.run(async (em) => {
      const aggregate = await this.store.loadForChange(em, id);
      const gate = aggregate.gates.find((g) => g.gateId === gateId);
      if (!gate) throw new NotFound('Gate', gateId);
      const { def, statuses, context } = this.engine.inspect(persistedOf(aggregate.programme));
      const c: ChangeContext = { em, aggregate, def, gate, statuses, context, who: actorLabel(actor) };
      const callIn = def.callIn ? callInState(context.callIn?.status ?? 'none', aggregate.callIns) : undefined;
      if (callIn?.paused && statuses[gateId] !== 'complete') {
        throw new WorkflowConflict('CALLED_IN', `${this.title(c, gateId)} is paused. ${callIn.reason}`);
      }
      const { action, detail } = await work(c);
      await this.automaticSteps(c);
      await this.writer.touch(em, aggregate.programme);
      await this.writer.audit.append(em, {
        programmeId: id,
        actor: c.who,
        action,
        gateId,
        detail: { ...detail, revision: aggregate.programme.revision },
      });
      return c;
    });
    // What is in hand is what was committed: kept for the next change, and answered from rather than read back.
    this.store.keep(changed.aggregate);
    return this.programmes.view(changed.aggregate, {
      def: changed.def,
      statuses: changed.statuses,
      context: changed.context,
    });
  }

  /** Takes the workflow step, saves it, and carries any slip its date causes. */
  async step(c: ChangeContext, event: WorkflowEvent, what: string): Promise<CarriedChange[]> {
    const partyName = (pid: string) =>
      c.aggregate.parties.find((p) => p.gateId === c.gate.gateId && p.partyId === pid)?.name ?? pid;
    const result = this.engine.apply(persistedOf(c.aggregate.programme), event, partyName);
    const wasDone = c.statuses[c.gate.gateId] === 'complete';
    await this.writer.saveState(c.em, c.aggregate, result.persisted, result.statuses, result.context);
    c.statuses = result.statuses;
    c.context = result.context;
    const nowDone = result.statuses[c.gate.gateId];
    if (!wasDone && (nowDone === 'complete' || nowDone === 'running') && what) {
      const title = this.title(c, c.gate.gateId);
      return this.writer.carrySlip(
        c.em,
        c.aggregate,
        c.def,
        c.statuses,
        c.gate.gateId,
        `Carried from ${title}: ${what} on ${c.gate.actualDate}`,
        c.who,
      );
    }
    return [];
  }

  /** Refuses a step on a gate that requires earlier gates' conditions discharged while any is open. */
  private conditionsMet(c: ChangeContext, gateId: string): void {
    const refusal = openConditionsRefusal(c.def, gateId, c.aggregate.conditions);
    if (refusal) throw new WorkflowConflict(refusal.code, refusal.reason);
  }

  /** One condition item per line of the decision's conditions, owned by the gate's owner unless said otherwise. */
  private async addConditions(c: ChangeContext, body: RecordDecisionDto) {
    const lines = (body.conditions ?? '')
      .split(/\r?\n/)
      .map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
      .filter(Boolean);
    const owner =
      body.conditionsOwner ??
      (c.gate.ownerName && c.gate.ownerEmail ? { name: c.gate.ownerName, email: c.gate.ownerEmail } : null);
    const added: ConditionEntity[] = [];
    for (const text of lines) {
      const row = c.em.create(ConditionEntity, {
        programmeId: c.aggregate.programme.id,
        gateId: c.gate.gateId,
        partyId: body.partyId,
        text,
        ownerName: owner?.name ?? null,
        ownerEmail: owner?.email.toLowerCase() ?? null,
        dueDate: body.conditionsDueDate ?? null,
        dischargedOn: null,
        evidence: null,
        createdBy: c.who,
        createdAt: this.clock.now(),
      });
      const saved = await c.em.save(ConditionEntity, row);
      added.push(saved);
      c.aggregate.conditions.push(saved);
    }
    return added.map((a) => ({ id: a.id, text: a.text, owner, dueDate: a.dueDate }));
  }

  /**
   * The steps the rules take by themselves after a change, in the same transaction and audited: skipping the
   * reg. 23 and Secretary of State gates that do not apply, and closing a judicial review window that has passed.
   */
  private async automaticSteps(c: ChangeContext): Promise<void> {
    for (const event of automaticEvents(c.def, c.context, c.statuses, c.aggregate.programme, this.clock.today())) {
      const result = this.engine.apply(persistedOf(c.aggregate.programme), event, (p) => p);
      await this.writer.saveState(c.em, c.aggregate, result.persisted, result.statuses, result.context);
      c.statuses = result.statuses;
      c.context = result.context;
      await this.writer.audit.append(c.em, {
        programmeId: c.aggregate.programme.id,
        actor: 'system',
        action: event.type === 'gate.skip' ? 'gate.skipped' : 'gate.completed',
        gateId: event.gateId,
        detail: { after: event, causedBy: c.who },
      });
    }
  }

  private mustOwn(c: ChangeContext, actor: Actor): void {
    if (actor.role !== 'owner') return;
    if (!c.gate.ownerEmail || c.gate.ownerEmail.toLowerCase() !== actor.email.toLowerCase()) {
      throw new Forbidden(`Only the owner of ${this.title(c, c.gate.gateId)} (or the partnerships lead) may change it`);
    }
  }

  private notInFuture(field: string, date: IsoDate): void {
    const today = this.clock.today();
    if (date > today) {
      throw new DomainError(422, 'DATE_IN_FUTURE', 'Invalid request', `${field} ${date} is after today (${today})`, [
        { field, message: `must not be after today (${today})` },
      ]);
    }
  }

  private title(c: ChangeContext, gateId: string): string {
    return c.def.gates.find((g) => g.id === gateId)?.title ?? gateId;
  }
}

/**
 * Inserts a decision row and sets its id. Plain SQL, as the other writes of every change are:
 * the ORM's insert builder cost about 6% of recording a decision in a CPU profile.
 */
async function insertDecision(em: EntityManager, d: DecisionEntity): Promise<void> {
  const [row] = (await em.query(
    `INSERT INTO decision (programme_id, gate_id, party_id, decision, decided_on, reference, conditions, recorded_by, recorded_at)
     VALUES (${params(em, 9)}) RETURNING id`,
    [
      d.programmeId,
      d.gateId,
      d.partyId,
      d.decision,
      d.decidedOn,
      d.reference,
      d.conditions,
      d.recordedBy,
      instant(em, d.recordedAt),
    ],
  )) as Array<{ id: number | string }>;
  d.id = Number(row.id);
}
