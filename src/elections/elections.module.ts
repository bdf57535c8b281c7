import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { WorkingCalendar } from '../calendar/working-days';
import { AuditModule } from '../audit/audit.module';
import { ElectionRules, electionRulesConfig } from './election-rules';
import { ElectionsController } from './elections.controller';
import { ElectionsService } from './elections.service';

@Global()
@Module({
  imports: [AuditModule],
  controllers: [ElectionsController],
  providers: [
    {
      provide: ElectionRules,
      inject: [APP_CONFIG, WorkingCalendar],
      useFactory: (config: AppConfig, calendar: WorkingCalendar) =>
        new ElectionRules(calendar, electionRulesConfig(config)),
    },
    ElectionsService,
  ],
  exports: [ElectionRules, ElectionsService],
})
export class ElectionsModule {}
