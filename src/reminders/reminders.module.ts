import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AuditModule } from '../audit/audit.module';
import { AppConfig } from '../core/config/app-config';
import { MailModule } from '../mail/mail.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { ReportsModule } from '../reports/reports.module';
import { RegimeReminders } from './regime-reminders';
import { ReminderCandidates } from './reminder-candidates';
import { ReminderComposer } from './reminder-composer';
import { ReminderPolicyService } from './reminder-policy.service';
import { ReminderRunService } from './reminder-run.service';
import { ReminderSweepService } from './reminder-sweep.service';
import { ReminderCron } from './reminder.cron';
import { RiskReviewReminders } from './risk-review-reminders';
import { ReminderPolicyController, RemindersAdminController } from './reminders.controller';

/**
 * Reminders: policy, sweep, and the run that the admin endpoint, the command line and (when
 * REMINDERS_CRON_ENABLED is on, and only then) the scheduler start.
 */
@Module({})
export class RemindersModule {
  static forRoot(config: AppConfig): DynamicModule {
    const scheduled = config.reminders.cronEnabled;
    return {
      module: RemindersModule,
      imports: [
        AuditModule,
        MailModule,
        ProgrammesModule,
        ReportsModule,
        ...(scheduled ? [ScheduleModule.forRoot()] : []),
      ],
      controllers: [RemindersAdminController, ReminderPolicyController],
      providers: [
        ReminderCandidates,
        ReminderComposer,
        RegimeReminders,
        ReminderPolicyService,
        ReminderSweepService,
        ReminderRunService,
        RiskReviewReminders,
        ...(scheduled ? [ReminderCron] : []),
      ],
      exports: [ReminderRunService, ReminderPolicyService],
    };
  }
}
