import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { WorkingCalendar } from '../calendar/working-days';
import { ElectionRules, electionRulesConfig } from './election-rules';

@Global()
@Module({
  providers: [
    {
      provide: ElectionRules,
      inject: [APP_CONFIG, WorkingCalendar],
      useFactory: (config: AppConfig, calendar: WorkingCalendar) =>
        new ElectionRules(calendar, electionRulesConfig(config)),
    },
  ],
  exports: [ElectionRules],
})
export class ElectionsModule {}
