import { Module } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { GateChangeService } from './gate-change.service';
import { ProgrammeService } from './programme.service';
import { ProgrammeMigrationService } from './programme-migration.service';
import { ProgrammeStore } from './programme.store';
import { ProgrammeWriter } from './programme-writer';
import { ProgrammesController } from './programmes.controller';
import { RegimeController } from './regime.controller';
import { RegimeService } from './regime.service';

@Module({
  controllers: [ProgrammesController, RegimeController],
  providers: [
    ProgrammeMigrationService,
    ProgrammeService,
    GateChangeService,
    RegimeService,
    ProgrammeStore,
    ProgrammeWriter,
    AuditService,
  ],
  exports: [ProgrammeService, GateChangeService, ProgrammeStore, AuditService],
})
export class ProgrammesModule {}
