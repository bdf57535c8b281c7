import { Module } from '@nestjs/common';
import { ProgrammesModule } from '../programmes/programmes.module';
import { GateFormsController } from './gate-forms.controller';
import { ProgrammePagesController } from './programme-pages.controller';
import { RiskPagesController } from './risk-pages.controller';
import { RisksModule } from '../risks/risks.module';
import { ReportsModule } from '../reports/reports.module';
import { ReportPagesController } from './report-pages.controller';

/** The programme page, the gate forms, the risks and issues pages and the highlight reports; the portfolio (GET /) is in src/web/home.controller.ts. */
@Module({
  imports: [ProgrammesModule, RisksModule, ReportsModule],
  controllers: [ProgrammePagesController, GateFormsController, RiskPagesController, ReportPagesController],
})
export class DashboardModule {}
