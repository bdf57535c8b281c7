import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { IsoDate } from '../../workflows/types';
import { Actor } from '../auth/roles';
import { WorkingCalendar } from '../calendar/working-days';
import { Clock, businessDate } from '../core/clock/clock';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { UnitOfWork } from '../core/database/unit-of-work';
import { ValidationFailed } from '../core/errors/domain-error';
import { ForecastChangeEntity } from '../programmes/forecast-change.entity';
import { ProgrammeAggregate, ProgrammeStore, persistedOf } from '../programmes/programme.store';
import { ProgrammeService } from '../programmes/programme.service';
import { programmeView } from '../programmes/programme-view';
import { tracksConditionItems } from '../programmes/rules/regime';
import { RiskService } from '../risks/risk.service';
import { RiskView } from '../risks/risk-view';
import { WorkflowEngine } from '../workflows/workflow-engine.service';
import {
  ForecastPoint,
  HighlightReport,
  PortfolioReport,
  aggregateAsOf,
  highlightReport,
  portfolioReport,
} from './highlight-report';

/** Gathers the facts a highlight report is built from, and builds it as of a date. */
@Injectable()
export class ReportService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(ProgrammeStore) private readonly store: ProgrammeStore,
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
    @Inject(RiskService) private readonly risks: RiskService,
    @Inject(WorkingCalendar) private readonly calendar: WorkingCalendar,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `asOf` as given, or today; refused when after today (a report is of what has happened). */
  asOfOrToday(asOf: string | undefined): IsoDate {
    const today = this.clock.today();
    if (asOf === undefined) return today;
    if (asOf > today) {
      throw new ValidationFailed([{ field: 'asOf', message: `a report cannot be as of a day after today (${today})` }]);
    }
    return asOf;
  }

  async programmeReport(id: string, asOfParam: string | undefined, actor?: Actor): Promise<HighlightReport> {
    this.programmes.checkScope(id, actor);
    const asOf = this.asOfOrToday(asOfParam);
    const aggregate = await this.store.load(this.uow.read, id);
    const created = this.dayOf(aggregate.programme.createdAt);
    if (asOf < created) {
      throw new ValidationFailed([
        { field: 'asOf', message: `${aggregate.programme.name} did not exist before ${created}` },
      ]);
    }
    const [forecasts, risks] = await Promise.all([this.forecasts([id]), this.risks.listMany([id], { asOf })]);
    return this.build(aggregate, forecasts.get(id) ?? [], risks.get(id) ?? [], asOf);
  }

  /** Every programme the reader may see that existed at asOf, worst first. */
  async portfolioReport(asOfParam: string | undefined, actor?: Actor): Promise<PortfolioReport> {
    const asOf = this.asOfOrToday(asOfParam);
    const ids = actor?.programmeId && actor.role !== 'admin' ? [actor.programmeId] : undefined;
    const aggregates = (await this.store.loadAll(this.uow.read, ids)).filter(
      (a) => this.dayOf(a.programme.createdAt) <= asOf,
    );
    const found = aggregates.map((a) => a.programme.id);
    const [forecasts, risks] = await Promise.all([this.forecasts(found), this.risks.listMany(found, { asOf })]);
    return portfolioReport(
      asOf,
      aggregates.map((a) => this.build(a, forecasts.get(a.programme.id) ?? [], risks.get(a.programme.id) ?? [], asOf)),
    );
  }

  /** The reports of programmes already loaded, as of one date (the scheduled pack). */
  async reportsOf(aggregates: ProgrammeAggregate[], asOf: IsoDate): Promise<HighlightReport[]> {
    const ids = aggregates.map((a) => a.programme.id);
    const [forecasts, risks] = await Promise.all([this.forecasts(ids), this.risks.listMany(ids, { asOf })]);
    return aggregates.map((a) =>
      this.build(a, forecasts.get(a.programme.id) ?? [], risks.get(a.programme.id) ?? [], asOf),
    );
  }

  private build(aggregate: ProgrammeAggregate, forecasts: ForecastPoint[], risks: RiskView[], asOf: IsoDate) {
    const { def, statuses, context } = this.engine.inspect(persistedOf(aggregate.programme));
    const past = aggregateAsOf(aggregate, def, statuses, forecasts, asOf);
    const view = programmeView({
      aggregate: past.aggregate,
      def,
      statuses: past.statuses,
      context,
      today: asOf,
      calendar: this.calendar,
      thresholds: this.config.rag,
    });
    return highlightReport({
      view,
      aggregate: past.aggregate,
      forecasts,
      risks,
      asOf,
      calendar: this.calendar,
      tracksConditions: tracksConditionItems(def),
    });
  }

  private async forecasts(ids: string[]): Promise<Map<string, ForecastPoint[]>> {
    const map = new Map<string, ForecastPoint[]>(ids.map((id) => [id, []]));
    if (!ids.length) return map;
    const rows = await this.uow.read
      .getRepository(ForecastChangeEntity)
      .find({ where: { programmeId: In(ids) }, order: { id: 'ASC' } });
    for (const r of rows) map.get(r.programmeId)?.push({ gateId: r.gateId, on: this.dayOf(r.at), to: r.toDate });
    return map;
  }

  private dayOf(at: Date | string): IsoDate {
    return businessDate(new Date(at), this.clock.timeZone);
  }
}
