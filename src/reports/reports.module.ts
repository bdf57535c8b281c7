import { Module } from '@nestjs/common';
import { ProgrammesModule } from '../programmes/programmes.module';
import { RisksModule } from '../risks/risks.module';
import { ReportService } from './report.service';
import { ReportsController } from './reports.controller';

/** The monthly highlight report: one programme or the portfolio, as JSON, PDF, Word or a page. */
@Module({
  imports: [ProgrammesModule, RisksModule],
  controllers: [ReportsController],
  providers: [ReportService],
  exports: [ReportService],
})
export class ReportsModule {}
