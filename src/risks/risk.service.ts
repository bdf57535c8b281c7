import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { Actor, actorLabel } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import { Clock, businessDate } from '../core/clock/clock';
import { UnitOfWork } from '../core/database/unit-of-work';
import { param } from '../core/database/sql';
import { FieldError, Forbidden, NotFound, ValidationFailed } from '../core/errors/domain-error';
import { ProgrammeService } from '../programmes/programme.service';
import { WorkflowEngine } from '../workflows/workflow-engine.service';
import { CreateRiskDto, UpdateRiskDto } from './risk.dto';
import { RiskChangeEntity } from './risk-change.entity';
import { RiskEntity } from './risk.entity';
import { riskScore } from './risk-rating';
import {
  RiskChangeView,
  RiskView,
  TRACKED_FIELDS,
  TrackedField,
  changeView,
  rankRisks,
  riskAsOf,
  riskView,
} from './risk-view';

/**
 * The risks and issues log of a programme. Each change is one transaction: the risk row, a
 * history row with the reason, and the programme's audit entry.
 */
@Injectable()
export class RiskService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async create(programmeId: string, body: CreateRiskDto, actor: Actor): Promise<RiskView> {
    this.programmes.checkScope(programmeId, actor);
    const gates = await this.gateIdsOf(programmeId);
    this.check(gates, body.gateIds, body.reviewOn);
    const now = this.clock.now();
    const who = actorLabel(actor);
    const risk: RiskEntity = {
      id: randomUUID(),
      programmeId,
      kind: body.kind,
      title: body.title,
      description: body.description ?? null,
      ownerName: body.owner.name,
      ownerEmail: body.owner.email.toLowerCase(),
      likelihood: body.likelihood,
      impact: body.impact,
      targetScore: body.targetScore ?? null,
      mitigation: body.mitigation ?? null,
      reviewOn: body.reviewOn ?? null,
      gateIds: [...new Set(body.gateIds ?? [])],
      status: 'open',
      closedOn: null,
      revision: 1,
      raisedBy: who,
      createdAt: now,
      updatedAt: now,
    };
    const changes = Object.fromEntries(
      TRACKED_FIELDS.map((f) => [f, { from: null, to: risk[f] }]).filter(([, v]) => (v as { to: unknown }).to !== null),
    );
    await this.uow.run(async (em) => {
      await em.insert(RiskEntity, risk);
      await this.history(em, risk, changes, `Raised: ${body.title}`, who, now);
      await this.audit.append(em, {
        programmeId,
        actor: who,
        action: `${risk.kind}.raised`,
        detail: { riskId: risk.id, title: risk.title, after: riskView(risk) },
      });
    });
    return riskView(risk);
  }

  async update(programmeId: string, riskId: string, body: UpdateRiskDto, actor: Actor): Promise<RiskView> {
    this.programmes.checkScope(programmeId, actor);
    const gates = await this.gateIdsOf(programmeId);
    this.check(gates, body.gateIds, body.reviewOn ?? undefined);
    const who = actorLabel(actor);
    return this.uow.run(async (em) => {
      const risk = await em.findOne(RiskEntity, {
        where: { id: riskId, programmeId },
        ...(this.uow.dialect === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      });
      if (!risk) throw new NotFound('Risk', riskId);
      risk.gateIds = riskView(risk).gateIds;
      if (actor.role === 'owner' && risk.ownerEmail !== actor.email.toLowerCase()) {
        throw new Forbidden(`Only the owner of '${risk.title}' (or the partnerships lead or SRO) may change it`);
      }
      const after: Partial<Record<TrackedField, unknown>> = {
        title: body.title,
        description: body.description,
        ownerName: body.owner?.name,
        ownerEmail: body.owner?.email.toLowerCase(),
        likelihood: body.likelihood,
        impact: body.impact,
        targetScore: body.targetScore,
        mitigation: body.mitigation,
        reviewOn: body.reviewOn,
        gateIds: body.gateIds ? [...new Set(body.gateIds)] : undefined,
        status: body.status,
      };
      if (body.status === 'closed' && risk.status !== 'closed') after.closedOn = this.clock.today();
      if (body.status === 'open' && risk.status === 'closed') after.closedOn = null;
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const field of TRACKED_FIELDS) {
        const to = after[field];
        if (to === undefined) continue;
        const from = risk[field];
        if (JSON.stringify(from) === JSON.stringify(to)) continue;
        changes[field] = { from, to };
        (risk as unknown as Record<string, unknown>)[field] = to;
      }
      if (Object.keys(changes).length === 0) {
        throw new ValidationFailed([
          { field: '(body)', message: 'nothing would change: every field given already has that value' },
        ]);
      }
      const now = this.clock.now();
      risk.revision += 1;
      risk.updatedAt = now;
      await em.update(
        RiskEntity,
        { id: risk.id },
        { ...pick(risk, Object.keys(changes)), revision: risk.revision, updatedAt: now },
      );
      await this.history(em, risk, changes, body.reason, who, now);
      const action = changes.status ? (risk.status === 'closed' ? 'closed' : 'reopened') : 'updated';
      await this.audit.append(em, {
        programmeId,
        actor: who,
        action: `${risk.kind}.${action}`,
        detail: { riskId: risk.id, title: risk.title, changes, reason: body.reason },
      });
      return riskView(risk);
    });
  }

  /** Open risks and issues, highest score first; `all` includes closed ones; `asOf` as they stood then. */
  async list(
    programmeId: string,
    actor: Actor | undefined,
    options: { all?: boolean; asOf?: string } = {},
  ): Promise<RiskView[]> {
    await this.programmes.get(programmeId, actor); // 404 for an unknown programme, scope for the actor
    const map = await this.listMany([programmeId], options);
    return map.get(programmeId) ?? [];
  }

  /** The logs of many programmes at once, for reports over a portfolio. */
  async listMany(
    programmeIds: string[],
    options: { all?: boolean; asOf?: string } = {},
  ): Promise<Map<string, RiskView[]>> {
    const byProgramme = new Map<string, RiskView[]>(programmeIds.map((id) => [id, []]));
    if (programmeIds.length === 0) return byProgramme;
    const repo = this.uow.read.getRepository(RiskEntity);
    const rows = await repo.find({ where: { programmeId: In(programmeIds) } });
    let risks = rows;
    if (options.asOf) {
      const asOf = options.asOf;
      const changes = await this.uow.read
        .getRepository(RiskChangeEntity)
        .find({ where: { programmeId: In(programmeIds) }, order: { id: 'ASC' } });
      const byRisk = new Map<string, RiskChangeEntity[]>();
      for (const c of changes) byRisk.set(c.riskId, [...(byRisk.get(c.riskId) ?? []), c]);
      risks = rows
        .map((r) => riskAsOf(r, byRisk.get(r.id) ?? [], asOf, (at) => businessDate(at, this.clock.timeZone)))
        .filter((r): r is RiskEntity => r !== null);
    }
    for (const r of risks) {
      if (!options.all && r.status !== 'open') continue;
      byProgramme.get(r.programmeId)?.push(riskView(r));
    }
    for (const [id, list] of byProgramme) byProgramme.set(id, rankRisks(list));
    return byProgramme;
  }

  async get(programmeId: string, riskId: string, actor?: Actor): Promise<RiskView & { history: RiskChangeView[] }> {
    this.programmes.checkScope(programmeId, actor);
    const risk = await this.uow.read.getRepository(RiskEntity).findOne({ where: { id: riskId, programmeId } });
    if (!risk) throw new NotFound('Risk', riskId);
    const changes = await this.uow.read
      .getRepository(RiskChangeEntity)
      .find({ where: { riskId }, order: { id: 'ASC' } });
    return { ...riskView(risk), history: changes.map(changeView) };
  }

  private async history(
    em: EntityManager,
    risk: RiskEntity,
    changes: Record<string, { from: unknown; to: unknown }>,
    reason: string,
    actor: string,
    at: Date,
  ): Promise<void> {
    const row: Omit<RiskChangeEntity, 'id'> = {
      programmeId: risk.programmeId,
      riskId: risk.id,
      likelihood: risk.likelihood,
      impact: risk.impact,
      score: riskScore(risk.likelihood, risk.impact),
      ownerName: risk.ownerName,
      ownerEmail: risk.ownerEmail,
      status: risk.status,
      changes,
      reason,
      actor,
      at,
    };
    await em.insert(RiskChangeEntity, row);
  }

  /** The gate ids of the programme's workflow; 404 when there is no such programme. */
  private async gateIdsOf(programmeId: string): Promise<Set<string>> {
    const rows: Array<{ workflow_id: string; workflow_version: number }> = await this.uow.read.query(
      `SELECT workflow_id, workflow_version FROM programme WHERE id = ${param(this.uow.read, 1)}`,
      [programmeId],
    );
    if (!rows.length) throw new NotFound('Programme', programmeId);
    const def = this.engine.definition(rows[0].workflow_id, Number(rows[0].workflow_version));
    return new Set(def.gates.map((g) => g.id));
  }

  private check(gates: Set<string>, gateIds: string[] | undefined, reviewOn: string | undefined): void {
    const errors: FieldError[] = [];
    (gateIds ?? []).forEach((id, i) => {
      if (!gates.has(id)) errors.push({ field: `gateIds.${i}`, message: `the programme has no gate '${id}'` });
    });
    const today = this.clock.today();
    if (reviewOn && reviewOn < today) {
      errors.push({ field: 'reviewOn', message: `a review date cannot be earlier than today (${today})` });
    }
    if (errors.length) throw new ValidationFailed(errors);
  }
}

function pick(risk: RiskEntity, fields: string[]): Partial<RiskEntity> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = (risk as unknown as Record<string, unknown>)[f];
  return out as Partial<RiskEntity>;
}
