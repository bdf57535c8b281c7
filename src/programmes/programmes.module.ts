import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { GateChangeService } from './gate-change.service';
import { ProgrammeService } from './programme.service';
import { ProgrammeMigrationService } from './programme-migration.service';
import { ProgrammeStore } from './programme.store';
import { ProgrammeWriter } from './programme-writer';
import { ProgrammesController } from './programmes.controller';

@Module({
  imports: [AuditModule],
  controllers: [ProgrammesController],
  providers: [ProgrammeMigrationService, ProgrammeService, GateChangeService, ProgrammeStore, ProgrammeWriter],
  exports: [ProgrammeService, GateChangeService, ProgrammeStore],
})
export class ProgrammesModule {}
