import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Cron, SchedulerRegistry } from '@nestjs/schedule';
import { CronTime } from 'cron';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { ReminderRunService } from './reminder-run.service';

export const REMINDER_JOB = 'reminders';

/**
 * The schedule, and nothing else: registered only when REMINDERS_CRON_ENABLED is on. The
 * decorator's expression is the default; the configured one (REMINDERS_CRON) replaces it at
 * start-up. A tick still running when the next one is due makes that one skip.
 */
@Injectable()
export class ReminderCron implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReminderCron.name);

  constructor(
    @Inject(ReminderRunService) private readonly runs: ReminderRunService,
    @Inject(SchedulerRegistry) private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Cron('0 */10 * * * *', { name: REMINDER_JOB, waitForCompletion: true })
  async tick(): Promise<void> {
    await this.runs
      .run()
      .catch((error: Error) => this.logger.error(`reminder run failed: ${error.stack ?? error.message}`));
  }

  onApplicationBootstrap(): void {
    const job = this.registry.getCronJob(REMINDER_JOB);
    job.setTime(new CronTime(this.config.reminders.cron)); // keeps the job running if it was
    this.logger.log(`reminder sweep scheduled: ${this.config.reminders.cron}`);
  }
}
