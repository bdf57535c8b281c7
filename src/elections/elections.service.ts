import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, actorLabel } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../core/clock/clock';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { UnitOfWork } from '../core/database/unit-of-work';
import { FieldError, ValidationFailed } from '../core/errors/domain-error';
import type { IsoDate } from '../../workflows/types';
import { Election, ElectionRules, NoPollsRecord, defaultPeriodEnd } from './election-rules';
import { CouncilNoPollsEntity, ElectionEntity } from './election.entity';
import { CreateElectionDto, NoPollsDto } from './elections.dto';

export interface ElectionData {
  entered: Election[];
  noPolls: NoPollsRecord[];
  /** Changes whenever the data does: part of the key of cached programme views. */
  version: number;
  loadedAt: number;
}

const CACHE_MS = 30_000;

/** Pre-election periods: the rule's, the configured ones and those an admin entered; no-polls records. */
@Injectable()
export class ElectionsService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(ElectionRules) private readonly rules: ElectionRules,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private cache: ElectionData = { entered: [], noPolls: [], version: 0, loadedAt: -Infinity };

  /**
   * What the programme views read, in memory: the entered periods and the no-polls records. Reloaded after
   * this instance writes, and at most `CACHE_MS` old otherwise (another instance's write shows within that).
   */
  current(): ElectionData {
    return this.cache;
  }

  async refresh(force = false): Promise<ElectionData> {
    const now = Date.now();
    if (!force && now - this.cache.loadedAt < CACHE_MS) return this.cache;
    const [entered, noPolls] = await Promise.all([this.entered(), this.noPolls()]);
    const same =
      JSON.stringify(entered) === JSON.stringify(this.cache.entered) &&
      JSON.stringify(noPolls) === JSON.stringify(this.cache.noPolls);
    this.cache = { entered, noPolls, version: same ? this.cache.version : this.cache.version + 1, loadedAt: now };
    return this.cache;
  }

  /** Known councils by id (own keys only). */
  councils(): Map<string, string> {
    return new Map(this.config.elections.councils.map((c) => [c.id, c.name]));
  }

  /** Field errors for council ids that are not configured. */
  unknownCouncils(ids: readonly string[], field: string): FieldError[] {
    const known = this.councils();
    return ids
      .map((id, i) => (known.has(id) ? null : { field: `${field}.${i}`, message: `unknown council '${id}'` }))
      .filter((e): e is FieldError => e !== null);
  }

  // Plain SQL, as the programme store reads: the launch guard and every what-if ask these, and the
  // ORM's find cost more than the queries.
  async entered(em: EntityManager = this.uow.read): Promise<Election[]> {
    const rows: Array<Record<string, unknown>> = await em.query(
      `SELECT id, name, CAST(poll_date AS TEXT) AS poll_date, CAST(period_start AS TEXT) AS period_start,
              CAST(period_end AS TEXT) AS period_end, scope, areas
         FROM election ORDER BY period_start, id`,
    );
    return rows.map((r) => {
      const areas = (typeof r.areas === 'string' ? JSON.parse(r.areas) : r.areas) as string[] | null;
      return {
        id: String(r.id),
        name: String(r.name),
        pollDate: String(r.poll_date),
        periodStart: String(r.period_start),
        periodEnd: String(r.period_end),
        scope: r.scope as Election['scope'],
        ...(areas ? { areas } : {}),
        source: 'entered' as const,
      };
    });
  }

  async noPolls(em: EntityManager = this.uow.read): Promise<NoPollsRecord[]> {
    const rows: Array<Record<string, unknown>> = await em.query(
      'SELECT council_id, year FROM council_no_polls ORDER BY year, council_id',
    );
    return rows.map((r) => ({ councilId: String(r.council_id), year: Number(r.year) }));
  }

  /**
   * The pre-election periods that apply to a programme between two dates: the one rule the consultation launch
   * guard and the what-if both ask, so that a what-if never promises a launch the guard would refuse. National
   * periods always; a scheduled May poll unless every council the programme touches is recorded as having no polls
   * that year (none named: every poll); a local period with areas when they share a council; configured periods
   * with the rule's. Inside a transaction (`em` given: the launch guard) read from the database there; otherwise
   * (the what-if, the programme page's critical path) from the same in-memory election data the programme views
   * are worked out from, so a what-if and the view it shows agree and neither costs a query.
   */
  async forProgramme(
    programme: { councils: string[] | null },
    from: IsoDate,
    to: IsoDate,
    em?: EntityManager,
  ): Promise<Election[]> {
    if (em) return this.periods(from, to, programme.councils ?? [], em);
    const data = await this.refresh();
    return this.periodsOf(data, from, to, programme.councils ?? []);
  }

  /** Every period overlapping from..to; with `areas` only those that apply to a programme touching them. */
  async periods(from: IsoDate, to: IsoDate, areas?: readonly string[], em?: EntityManager): Promise<Election[]> {
    const [extra, noPolls] = await Promise.all([this.entered(em), areas ? this.noPolls(em) : Promise.resolve([])]);
    return this.rules.preElectionPeriods(from, to, areas, noPolls, extra);
  }

  /** The last periods worked out from the in-memory data, by their question: what-ifs in a row ask the same one. */
  private readonly recentPeriods = new Map<string, Election[]>();
  private recentOf: ElectionData | undefined;

  private periodsOf(data: ElectionData, from: IsoDate, to: IsoDate, areas: readonly string[]): Election[] {
    if (this.recentOf !== data || this.recentPeriods.size >= 100) {
      this.recentPeriods.clear();
      this.recentOf = data;
    }
    const key = `${from}|${to}|${areas.join(',')}`;
    let periods = this.recentPeriods.get(key);
    if (!periods) {
      periods = this.rules.preElectionPeriods(from, to, areas, data.noPolls, data.entered);
      this.recentPeriods.set(key, periods);
    }
    // A copy of the list: callers may add to it; the periods themselves are never changed.
    return [...periods];
  }

  async create(body: CreateElectionDto, actor: Actor): Promise<Election> {
    const errors: FieldError[] = [];
    const periodEnd = body.periodEnd ?? defaultPeriodEnd(body.scope, body.pollDate);
    if (body.periodStart > body.pollDate) {
      errors.push({ field: 'periodStart', message: `the period cannot start after polling day (${body.pollDate})` });
    }
    if (periodEnd < body.pollDate) {
      errors.push({ field: 'periodEnd', message: `the period cannot end before polling day (${body.pollDate})` });
    }
    if (body.areas) errors.push(...this.unknownCouncils(body.areas, 'areas'));
    if (body.areas && body.scope === 'national') {
      errors.push({ field: 'areas', message: 'a national election applies everywhere: leave areas out' });
    }
    if (errors.length) throw new ValidationFailed(errors);
    const row: ElectionEntity = {
      id: randomUUID(),
      name: body.name,
      pollDate: body.pollDate,
      periodStart: body.periodStart,
      periodEnd,
      scope: body.scope,
      areas: body.areas ?? null,
      createdBy: actorLabel(actor),
      createdAt: this.clock.now(),
    };
    await this.uow.run(async (em) => {
      await em.insert(ElectionEntity, row);
      await this.audit.append(em, {
        programmeId: null,
        actor: row.createdBy,
        action: 'election.added',
        detail: { after: { ...body, periodEnd } },
      });
    });
    await this.refresh(true);
    return {
      id: row.id,
      name: row.name,
      pollDate: row.pollDate,
      periodStart: row.periodStart,
      periodEnd,
      scope: row.scope,
      ...(body.areas ? { areas: body.areas } : {}),
      source: 'entered',
    };
  }

  /** Records that these councils hold no polls in `year` (idempotent: a council already recorded stays as it was). */
  async recordNoPolls(body: NoPollsDto, actor: Actor): Promise<NoPollsRecord[]> {
    const errors = this.unknownCouncils(body.councils, 'councils');
    if (errors.length) throw new ValidationFailed(errors);
    const who = actorLabel(actor);
    await this.uow.run(async (em) => {
      const existing = await em.getRepository(CouncilNoPollsEntity).find({ where: { year: body.year } });
      const added = [...new Set(body.councils)].filter((id) => !existing.some((e) => e.councilId === id));
      if (added.length) {
        await em.insert(
          CouncilNoPollsEntity,
          added.map((councilId) => ({ councilId, year: body.year, recordedBy: who, recordedAt: this.clock.now() })),
        );
      }
      await this.audit.append(em, {
        programmeId: null,
        actor: who,
        action: 'elections.no-polls-recorded',
        detail: { year: body.year, councils: body.councils, added },
      });
    });
    return (await this.refresh(true)).noPolls.filter((r) => r.year === body.year);
  }
}
