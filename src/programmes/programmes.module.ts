import { Module } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { GateChangeService } from './gate-change.service';
import { ProgrammeService } from './programme.service';
import { ProgrammeMigrationService } from './programme-migration.service';
import { ProgrammeStore } from './programme.store';
import { ProgrammeWriter } from './programme-writer';
import { ProgrammesController } from './programmes.controller';

@Module({
  controllers: [ProgrammesController],
  providers: [
    ProgrammeMigrationService,
    ProgrammeService,
    GateChangeService,
    ProgrammeStore,
    ProgrammeWriter,
    AuditService,
  ],
  exports: [ProgrammeService, GateChangeService, ProgrammeStore, ProgrammeWriter, AuditService],
})
export class ProgrammesModule {}
