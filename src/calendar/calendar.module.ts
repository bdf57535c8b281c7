import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { WorkingCalendar } from './working-days';

@Global()
@Module({
  providers: [
    {
      provide: WorkingCalendar,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new WorkingCalendar(config.calendar.extraClosureDays),
    },
  ],
  exports: [WorkingCalendar],
})
export class CalendarModule {}
