import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InvalidInputError } from '../../workflows/engine';
import { GateStatus, ProgrammeContext, WorkflowDefinition } from '../../workflows/types';
import { Actor, actorLabel } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import { WorkingCalendar } from '../calendar/working-days';
import { Clock } from '../core/clock/clock';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { UnitOfWork } from '../core/database/unit-of-work';
import { param } from '../core/database/sql';
import { FieldError, Forbidden, NotFound, ValidationFailed } from '../core/errors/domain-error';
import { WorkflowEngine } from '../workflows/workflow-engine.service';
import { ElectionRules } from '../elections/election-rules';
import { ElectionsService } from '../elections/elections.service';
import { DecisionEntity } from './decision.entity';
import { ForecastChangeEntity } from './forecast-change.entity';
import { GateEntity } from './gate.entity';
import { PartyEntity } from './party.entity';
import { CreateProgrammeDto } from './programme.dto';
import { ProgrammeEntity } from './programme.entity';
import { ProgrammeAggregate, ProgrammeStore, persistedOf } from './programme.store';
import { ProgrammeView, programmeView } from './programme-view';
import { ProgrammeWriter } from './programme-writer';
import { RevisionCache } from './revision-cache';
import { automaticEvents } from './regime-steps';

/** Creating programmes and reading them: what the SRO and the board see. */
@Injectable()
export class ProgrammeService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(ProgrammeStore) private readonly store: ProgrammeStore,
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(WorkingCalendar) private readonly calendar: WorkingCalendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ElectionsService) private readonly elections: ElectionsService,
    @Inject(ProgrammeWriter) private readonly writer: ProgrammeWriter,
    @Inject(ElectionRules) private readonly electionRules: ElectionRules,
  ) {}

  private readonly views = new RevisionCache<ProgrammeView>(2000);

  async create(body: CreateProgrammeDto, actor: Actor | string): Promise<ProgrammeView> {
    if (typeof actor !== 'string' && actor.programmeId && actor.role !== 'admin') {
      throw new Forbidden('Your token is limited to one programme; creating programmes needs an unrestricted token');
    }
    const def = this.engine.definition(body.workflow, body.workflowVersion);
    const errors: FieldError[] = this.elections.unknownCouncils(body.councils ?? [], 'councils');
    const parties: Record<string, string[]> = {};
    for (const [gateId, plan] of Object.entries(body.gates)) {
      const gate = def.gates.find((g) => g.id === gateId);
      if (!gate) {
        errors.push({ field: `gates.${gateId}`, message: `${def.id} has no gate '${gateId}'` });
        continue;
      }
      if (plan.parties && gate.kind !== 'approval') {
        errors.push({ field: `gates.${gateId}.parties`, message: `${gate.title} is not an approval gate` });
      }
      if (plan.parties) {
        const ids = plan.parties.map((p) => p.id);
        const dup = ids.find((id, i) => ids.indexOf(id) !== i);
        if (dup) errors.push({ field: `gates.${gateId}.parties`, message: `party '${dup}' is listed twice` });
        parties[gateId] = ids;
      }
    }
    if (errors.length) throw new ValidationFailed(errors);

    let persisted;
    try {
      persisted = this.engine.start(def, { parties });
    } catch (error) {
      if (error instanceof InvalidInputError) {
        throw new ValidationFailed([{ field: 'gates', message: error.refusal.reason }]);
      }
      throw error;
    }
    // The rules that apply by themselves (a minor change skips the reg. 23 and Secretary of State gates).
    const automatic = automaticEvents(
      def,
      this.engine.inspect(persisted).context,
      this.engine.inspect(persisted).statuses,
      { substantialVariation: body.substantialVariation ?? null },
      this.clock.today(),
    );
    for (const event of automatic) persisted = this.engine.apply(persisted, event, (p) => p).persisted;
    const { statuses, context } = this.engine.inspect(persisted);
    const id = randomUUID();
    const now = this.clock.now();
    const who = typeof actor === 'string' ? actor : actorLabel(actor);

    await this.uow.run(async (em) => {
      await em.insert(ProgrammeEntity, {
        id,
        name: body.name,
        workflowId: def.id,
        workflowVersion: def.version,
        xstateVersion: persisted.xstateVersion,
        snapshot: persisted.snapshot as object,
        sroName: body.sro.name,
        sroEmail: body.sro.email.toLowerCase(),
        reminderPolicy: null,
        councils: body.councils ? [...new Set(body.councils)] : null,
        substantialVariation: body.substantialVariation ?? null,
        scrutiny: null,
        revision: 1,
        createdAt: now,
        updatedAt: now,
      });
      const gates = def.gates.map((g, position) => {
        const plan = body.gates[g.id];
        return em.create(GateEntity, {
          programmeId: id,
          gateId: g.id,
          position,
          status: statuses[g.id],
          ownerName: plan?.owner?.name ?? null,
          ownerEmail: plan?.owner?.email.toLowerCase() ?? null,
          baselineDate: plan?.targetDate ?? null,
          forecastDate: plan?.targetDate ?? null,
          actualDate: context.gates[g.id]?.completedOn ?? null,
          closesOn: null,
          note: null,
        });
      });
      await em.insert(GateEntity, gates);
      const partyRows = Object.entries(body.gates).flatMap(([gateId, plan]) =>
        (plan.parties ?? []).map((p, position) => ({ programmeId: id, gateId, partyId: p.id, name: p.name, position })),
      );
      if (partyRows.length) await em.insert(PartyEntity, partyRows);
      const baselines = gates.filter((g) => g.baselineDate);
      if (baselines.length) {
        await em.insert(
          ForecastChangeEntity,
          baselines.map((g) => ({
            programmeId: id,
            gateId: g.gateId,
            fromDate: null,
            toDate: g.baselineDate,
            reason: 'Baseline set when the programme was created',
            causedByGateId: null,
            actor: who,
            at: now,
          })),
        );
      }
      await this.audit.append(em, {
        programmeId: id,
        actor: who,
        action: 'programme.created',
        detail: {
          after: {
            name: body.name,
            workflow: { id: def.id, version: def.version },
            sro: body.sro,
            gates: body.gates,
            ...(body.councils ? { councils: body.councils } : {}),
            ...(body.substantialVariation !== undefined ? { substantialVariation: body.substantialVariation } : {}),
            ...(automatic.length ? { automatic } : {}),
          },
        },
      });
    });
    return this.get(id);
  }

  /** Replaces the list of councils the programme touches: which local polls apply to it. */
  async setCouncils(id: string, councils: string[], actor: Actor): Promise<ProgrammeView> {
    this.checkScope(id, actor);
    const errors = this.elections.unknownCouncils(councils, 'councils');
    if (errors.length) throw new ValidationFailed(errors);
    const after = [...new Set(councils)];
    await this.uow.run(async (em) => {
      const aggregate = await this.store.load(em, id, { lock: true });
      const before = aggregate.programme.councils ?? [];
      await em.update(ProgrammeEntity, { id }, { councils: after });
      await this.writer.touch(em, aggregate.programme);
      await this.audit.append(em, {
        programmeId: id,
        actor: actorLabel(actor),
        action: 'programme.councils-set',
        detail: { before, after, revision: aggregate.programme.revision },
      });
    });
    return this.get(id);
  }

  async get(id: string, actor?: Actor): Promise<ProgrammeView> {
    this.checkScope(id, actor);
    const revision = await this.revisionOf(id);
    await this.elections.refresh();
    const cached = this.views.get(id, this.viewKey(revision), this.clock.today());
    if (cached) return cached;
    return this.view(await this.loadForReading(id, revision));
  }

  /**
   * A programme as stored, to read and never to change: the copy loaded before for the same revision when
   * there is one, else loaded now. What-ifs and the programme page's critical path read it, after the view
   * has often just loaded it; a change loads its own inside its transaction, locked.
   */
  async loadForReading(id: string, knownRevision?: number): Promise<ProgrammeAggregate> {
    const revision = knownRevision ?? (await this.revisionOf(id));
    const kept = this.store.kept(id, revision);
    if (kept) return kept;
    const aggregate = await this.store.load(this.uow.read, id);
    this.store.keep(aggregate);
    return aggregate;
  }

  /**
   * Every change bumps the revision, so one indexed lookup tells whether what was worked out from a
   * programme earlier still holds; on several instances each checks the database, never itself.
   */
  private async revisionOf(id: string): Promise<number> {
    const rows: Array<{ revision: number }> = await this.uow.read.query(
      `SELECT revision FROM programme WHERE id = ${param(this.uow.read, 1)}`,
      [id],
    );
    if (!rows.length) throw new NotFound('Programme', id);
    return Number(rows[0].revision);
  }

  async list(actor?: Actor): Promise<ProgrammeView[]> {
    const ids = actor?.programmeId && actor.role !== 'admin' ? [actor.programmeId] : undefined;
    const aggregates = await this.store.loadAll(this.uow.read, ids);
    await this.elections.refresh();
    return aggregates.map((a) => this.view(a));
  }

  /** A gate's dates over time and every decision on it, superseded ones included. */
  async history(id: string, gateId: string, asOf: string | undefined, actor?: Actor) {
    const view = await this.get(id, actor);
    const gate = view.gates.find((g) => g.id === gateId);
    if (!gate) throw new NotFound('Gate', gateId);
    const [forecasts, decisions] = await Promise.all([
      this.uow.read
        .getRepository(ForecastChangeEntity)
        .find({ where: { programmeId: id, gateId }, order: { id: 'ASC' } }),
      this.uow.read.getRepository(DecisionEntity).find({ where: { programmeId: id, gateId }, order: { id: 'ASC' } }),
    ]);
    const changes = forecasts.map((f) => ({
      at: new Date(f.at).toISOString(),
      from: f.fromDate,
      to: f.toDate,
      reason: f.reason,
      actor: f.actor,
      ...(f.causedByGateId ? { causedByGateId: f.causedByGateId } : {}),
    }));
    const superseding = new Map<number, number>();
    for (const d of decisions) {
      const later = decisions.find((x) => x.id > d.id && x.partyId === d.partyId);
      if (later) superseding.set(d.id, later.id);
    }
    return {
      programmeId: id,
      gateId,
      baselineDate: gate.baselineDate,
      forecastDate: gate.forecastDate,
      ...(asOf ? { asOf, forecastAsOf: forecastAsOf(changes, asOf) } : {}),
      forecasts: changes,
      decisions: decisions.map((d) => ({
        id: d.id,
        partyId: d.partyId,
        decision: d.decision,
        decidedOn: d.decidedOn,
        reference: d.reference,
        conditions: d.conditions,
        recordedBy: d.recordedBy,
        recordedAt: new Date(d.recordedAt).toISOString(),
        supersededBy: superseding.get(d.id) ?? null,
      })),
    };
  }

  /** The view of a loaded programme; remembered until its revision or the date changes. */
  view(
    aggregate: ProgrammeAggregate,
    state?: { def: WorkflowDefinition; statuses: Record<string, GateStatus>; context: ProgrammeContext },
  ): ProgrammeView {
    const today = this.clock.today();
    const { def, statuses, context } = state ?? this.engine.inspect(persistedOf(aggregate.programme));
    const view = programmeView({
      aggregate,
      def,
      statuses,
      context,
      today,
      calendar: this.calendar,
      thresholds: this.config.rag,
      elections: { rules: this.electionRules, ...this.elections.current() },
    });
    this.views.set(aggregate.programme.id, this.viewKey(aggregate.programme.revision), today, view);
    return view;
  }

  /** The view GET shows of a programme already loaded: the cached one when it is of this revision, else worked out. */
  currentView(
    aggregate: ProgrammeAggregate,
    state?: { def: WorkflowDefinition; statuses: Record<string, GateStatus>; context: ProgrammeContext },
  ): ProgrammeView {
    const { id, revision } = aggregate.programme;
    return this.views.get(id, this.viewKey(revision), this.clock.today()) ?? this.view(aggregate, state);
  }

  /** A cached view holds for one revision of the programme and one version of the election data. */
  private viewKey(revision: number): string {
    return `${revision}/${this.elections.current().version}`;
  }

  checkScope(id: string, actor?: Actor): void {
    if (actor?.programmeId && actor.role !== 'admin' && actor.programmeId !== id) {
      throw new Forbidden('Your token is limited to another programme');
    }
  }
}

/** The forecast in force at the end of a given day: "forecast at last report". */
export function forecastAsOf(changes: Array<{ at: string; to: string | null }>, asOf: string): string | null {
  let value: string | null = null;
  for (const c of changes) if (c.at.slice(0, 10) <= asOf) value = c.to;
  return value;
}
