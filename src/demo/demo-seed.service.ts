import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/roles';
import { Clock } from '../core/clock/clock';
import { GateChangeService } from '../programmes/gate-change.service';
import { CreateProgrammeDto } from '../programmes/programme.dto';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { ProgrammeService } from '../programmes/programme.service';
import {
  BETTER_CARE_TOGETHER,
  BETTER_CARE_TOGETHER_STEPS,
  DemoStep,
  FIVE_YEAR_PLAN,
  FIVE_YEAR_PLAN_STEPS,
} from './demo-programmes';

const DEMO_ACTOR: Actor = {
  personId: 'demo',
  tokenId: 'demo',
  name: 'Demo data',
  email: 'demo@consultation-gates.invalid',
  role: 'admin',
  programmeId: null,
  via: 'token',
};

/** Seeds the demo programmes into an empty database, through the same services as the API. */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(GateChangeService) private readonly changes: GateChangeService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async seedIfEmpty(): Promise<boolean> {
    if ((await this.dataSource.getRepository(ProgrammeEntity).count()) > 0) return false;
    await this.seed(BETTER_CARE_TOGETHER, BETTER_CARE_TOGETHER_STEPS);
    await this.seed(FIVE_YEAR_PLAN, FIVE_YEAR_PLAN_STEPS);
    this.logger.log('seeded the demo programmes (Better Care Together; LLR 5-year plan)');
    return true;
  }

  private async seed(body: CreateProgrammeDto, steps: DemoStep[]): Promise<void> {
    const programme = await this.programmes.create(body, 'Demo data <demo@consultation-gates.invalid>');
    const today = this.clock.today();
    for (const step of steps) {
      // A clock set before a step's date (APP_NOW in the past) leaves the rest of the story untold.
      const on = step.complete?.completedOn ?? step.decision?.decidedOn ?? '';
      if (on > today) break;
      if (step.complete) await this.changes.completeGate(programme.id, step.gateId, step.complete, DEMO_ACTOR);
      if (step.decision) {
        await this.changes.recordDecision(
          programme.id,
          step.gateId,
          step.decision as Parameters<GateChangeService['recordDecision']>[2],
          DEMO_ACTOR,
        );
      }
    }
  }
}
