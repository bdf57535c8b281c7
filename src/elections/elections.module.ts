import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { WorkingCalendar } from '../calendar/working-days';
import { AuditService } from '../audit/audit.service';
import { ElectionRules, electionRulesConfig } from './election-rules';
import { ElectionsController } from './elections.controller';
import { ElectionsService } from './elections.service';

@Global()
@Module({
  controllers: [ElectionsController],
  providers: [
    {
      provide: ElectionRules,
      inject: [APP_CONFIG, WorkingCalendar],
      useFactory: (config: AppConfig, calendar: WorkingCalendar) =>
        new ElectionRules(calendar, electionRulesConfig(config)),
    },
    AuditService,
    ElectionsService,
  ],
  exports: [ElectionRules, ElectionsService],
})
export class ElectionsModule {}
