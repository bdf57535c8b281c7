import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AuthModule } from './auth/auth.module';
import { AppConfig } from './core/config/app-config';
import { ConfigModule } from './core/config/config.module';
import { ClockModule } from './core/clock/clock.module';
import { DatabaseModule } from './core/database/database.module';
import { CountersModule } from './core/counters/counters.module';
import { ProblemFilter } from './core/errors/problem.filter';
import { SchemaValidationPipe } from './core/errors/validation';
import { HealthController } from './health/health.controller';
import { CalendarModule } from './calendar/calendar.module';
import { ProgrammesModule } from './programmes/programmes.module';
import { WorkflowsModule } from './workflows/workflows.module';
import { DemoModule } from './demo/demo.module';
import { WebModule } from './web/web.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { RemindersModule } from './reminders/reminders.module';
import { ElectionsModule } from './elections/elections.module';
import { WhatIfModule } from './what-if/what-if.module';
import { MetricsModule } from './metrics/metrics.module';
import { RisksModule } from './risks/risks.module';
import { CalendarsModule } from './calendars/calendars.module';
import { SpreadsheetsModule } from './spreadsheets/spreadsheets.module';
import { ReportsModule } from './reports/reports.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        DatabaseModule,
        CountersModule,
        CalendarModule,
        ElectionsModule,
        WorkflowsModule,
        AuthModule,
        ProgrammesModule,
        DemoModule,
        WebModule,
        DashboardModule,
        WhatIfModule,
        ReportsModule,
        RemindersModule.forRoot(config),
        MetricsModule,
        RisksModule,
        CalendarsModule,
        SpreadsheetsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useClass: SchemaValidationPipe },
      ],
    };
  }
}
