import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MailModule } from '../mail/mail.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { RisksModule } from '../risks/risks.module';
import { MailPreferencesController } from './pack/mail-preferences.controller';
import { PackSweepService } from './pack/pack-sweep.service';
import { ReportService } from './report.service';
import { ReportsController } from './reports.controller';

/**
 * The monthly highlight report (one programme or the portfolio, as JSON, PDF, Word or a page)
 * and the scheduled pack that mails it, which the reminder run starts.
 */
@Module({
  imports: [AuditModule, ProgrammesModule, RisksModule, MailModule],
  controllers: [ReportsController, MailPreferencesController],
  providers: [ReportService, PackSweepService],
  exports: [ReportService, PackSweepService],
})
export class ReportsModule {}
