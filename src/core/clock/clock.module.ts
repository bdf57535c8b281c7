import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Clock, FixedClock, SystemClock } from './clock';

@Global()
@Module({
  providers: [
    {
      provide: Clock,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Clock =>
        config.appNow ? new FixedClock(config.appNow, config.timeZone) : new SystemClock(config.timeZone),
    },
  ],
  exports: [Clock],
})
export class ClockModule {}
