import { ElectionPagesController } from './election-pages.controller';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { GateFormsController } from './gate-forms.controller';
import { GateRunFormsController } from './gate-run-forms.controller';
import { HomeController } from './home.controller';
import { ProgrammePagesController } from './programme-pages.controller';
import { ProgrammeSetupController } from './programme-setup.controller';
import { RiskPagesController } from './risk-pages.controller';
import { RisksModule } from '../risks/risks.module';
import { ReportsModule } from '../reports/reports.module';
import { ReportPagesController } from './report-pages.controller';
import { WhatIfPagesController } from './what-if-pages.controller';
import { WhatIfModule } from '../what-if/what-if.module';

/**
 * The pages about programmes: the portfolio (GET /), the programme page, the gate forms, setting up
 * and running programmes, people and access, the risks and issues pages and the highlight reports.
 * They build on src/web/ (rendering, the page error filter, sign-in), which imports nothing from here.
 */
@Module({
  imports: [AuditModule, ProgrammesModule, AuthModule, RisksModule, ReportsModule, WhatIfModule],
  // The setup controller comes first so that GET /programmes/new is not read as a programme id.
  controllers: [
    HomeController,
    ProgrammeSetupController,
    ElectionPagesController,
    ProgrammePagesController,
    GateFormsController,
    GateRunFormsController,
    RiskPagesController,
    ReportPagesController,
    WhatIfPagesController,
  ],
})
export class DashboardModule {}
