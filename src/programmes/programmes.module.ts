import { Module } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { GateChangeService } from './gate-change.service';
import { GatePeopleService } from './gate-people.service';
import { MyGatesController } from './my-gates.controller';
import { MyGatesService } from './my-gates.service';
import { ProgrammeService } from './programme.service';
import { ProgrammeMigrationService } from './programme-migration.service';
import { ProgrammeStore } from './programme.store';
import { ProgrammeWriter } from './programme-writer';
import { ProgrammesController } from './programmes.controller';

@Module({
  controllers: [ProgrammesController, MyGatesController],
  providers: [
    ProgrammeMigrationService,
    ProgrammeService,
    GateChangeService,
    GatePeopleService,
    MyGatesService,
    ProgrammeStore,
    ProgrammeWriter,
    AuditService,
  ],
  exports: [
    ProgrammeService,
    GateChangeService,
    GatePeopleService,
    MyGatesService,
    ProgrammeMigrationService,
    ProgrammeStore,
    ProgrammeWriter,
    AuditService,
  ],
})
export class ProgrammesModule {}
