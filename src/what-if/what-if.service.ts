import { Inject, Injectable } from '@nestjs/common';
import { IsoDate } from '../../workflows/types';
import { Actor } from '../auth/roles';
import { addDays } from '../calendar/iso-date';
import { WorkingCalendar } from '../calendar/working-days';
import { Clock } from '../core/clock/clock';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { ElectionRules } from '../elections/election-rules';
import { ElectionsService } from '../elections/elections.service';
import { ValidationFailed } from '../core/errors/domain-error';
import { ProgrammeService } from '../programmes/programme.service';
import { ProgrammeAggregate, persistedOf } from '../programmes/programme.store';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { plannedGates } from '../programmes/programme-view';
import { CriticalPath, criticalPath } from '../programmes/rules/critical-path';
import { PlannedGate } from '../programmes/rules/schedule';
import { WorkflowEngine } from '../workflows/workflow-engine.service';
import { WhatIfChange } from './what-if.dto';
import { WhatIfAnswer, checkChanges, whatIf } from './what-if';

/** How far past a programme's last date the pre-election periods are looked up. */
const HORIZON_DAYS = 730;

/**
 * Runs a what-if: reads the programme (outside any transaction: nothing is written, nothing
 * locked), checks the changes, and asks the pure rules what would happen.
 */
@Injectable()
export class WhatIfService {
  constructor(
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
    @Inject(ElectionsService) private readonly elections: ElectionsService,
    @Inject(ElectionRules) private readonly electionRules: ElectionRules,
    @Inject(WorkingCalendar) private readonly calendar: WorkingCalendar,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Per programme row: its workflow state, and what holds each gate back (which nothing in a what-if changes),
   * each worked out on first need.
   */
  private readonly inspected = new WeakMap<
    ProgrammeEntity,
    { state: ReturnType<WorkflowEngine['inspect']>; blockers?: ReturnType<WorkflowEngine['blockersOf']> }
  >();

  async run(id: string, changes: WhatIfChange[], actor: Actor): Promise<WhatIfAnswer> {
    this.programmes.checkScope(id, actor);
    return this.answer(await this.programmes.loadForReading(id), changes);
  }

  /** The what-if for a programme already loaded; 422 naming each change that cannot be run. */
  async answer(aggregate: ProgrammeAggregate, changes: WhatIfChange[]): Promise<WhatIfAnswer> {
    const state = this.inspect(aggregate.programme);
    const { def, statuses, context } = state;
    const today = this.clock.today();
    const errors = checkChanges({ aggregate, def, statuses, today, changes });
    if (errors.length) throw new ValidationFailed(errors);
    const dates = changes.flatMap((c) => [c.forecastDate, c.expectedOn]).filter((d): d is IsoDate => !!d);
    const planned = plannedGates(aggregate, def, statuses);
    const periods = await this.periodsFor(aggregate.programme, planned, today, dates);
    // The programme as it is, exactly as GET shows it (from the view cache when this revision's is there).
    await this.elections.refresh();
    const before = this.programmes.currentView(aggregate, state);
    return whatIf({
      aggregate,
      def,
      statuses,
      context,
      today,
      calendar: this.calendar,
      thresholds: this.config.rag,
      elections: { rules: this.electionRules, ...this.elections.current() },
      before,
      periods,
      blockers: this.blockersOf(aggregate),
      changes,
    });
  }

  /** Slack and the critical path of the programme as it is, for the programme page. */
  async criticalPath(aggregate: ProgrammeAggregate): Promise<CriticalPath> {
    const { def, statuses } = this.inspect(aggregate.programme);
    const today = this.clock.today();
    const planned = plannedGates(aggregate, def, statuses);
    return criticalPath(planned, this.calendar, today, await this.periodsFor(aggregate.programme, planned, today, []));
  }

  /**
   * The workflow's state of a programme row, restored once per row: a programme loaded for reading is kept
   * for its revision (ProgrammeService.loadForReading), so several what-ifs in a row restore it once.
   */
  private inspect(programme: ProgrammeEntity): ReturnType<WorkflowEngine['inspect']> {
    return this.inspectedOf(programme).state;
  }

  private inspectedOf(programme: ProgrammeEntity) {
    let inspected = this.inspected.get(programme);
    if (!inspected) {
      inspected = { state: this.engine.inspect(persistedOf(programme)) };
      this.inspected.set(programme, inspected);
    }
    return inspected;
  }

  private blockersOf(aggregate: ProgrammeAggregate) {
    const inspected = this.inspectedOf(aggregate.programme);
    const partyName = (pid: string) => aggregate.parties.find((p) => p.partyId === pid)?.name ?? pid;
    return (inspected.blockers ??= this.engine.blockersOf(inspected.state, partyName));
  }

  /** The periods that apply to the programme, by the launch guard's own rule, from today to past its last date. */
  private periodsFor(programme: ProgrammeEntity, planned: PlannedGate[], today: IsoDate, more: IsoDate[]) {
    const dates = planned.flatMap((g) => [g.baselineDate, g.forecastDate, g.actualDate]);
    const last = [...dates, ...more, today].reduce<IsoDate>((a, b) => (b && b > a ? b : a), today);
    return this.elections.forProgramme(programme, today, addDays(last, HORIZON_DAYS));
  }
}
