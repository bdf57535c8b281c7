import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { RisksModule } from '../risks/risks.module';
import { ImportPagesController } from './import-pages.controller';
import { ProgrammeImportService } from './programme-import.service';
import { SpreadsheetExportService } from './spreadsheet-export.service';
import { SpreadsheetsController } from './spreadsheets.controller';

/** Workbooks and CSV out, programme trackers in. */
@Module({
  imports: [AuditModule, ProgrammesModule, RisksModule],
  controllers: [SpreadsheetsController, ImportPagesController],
  providers: [SpreadsheetExportService, ProgrammeImportService],
})
export class SpreadsheetsModule {}
