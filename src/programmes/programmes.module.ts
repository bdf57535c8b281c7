import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { GateChangeService } from './gate-change.service';
import { GatePeopleService } from './gate-people.service';
import { MyGatesController } from './my-gates.controller';
import { MyGatesService } from './my-gates.service';
import { ProgrammeService } from './programme.service';
import { ProgrammeMigrationService } from './programme-migration.service';
import { ProgrammeStore } from './programme.store';
import { ProgrammeWriter } from './programme-writer';
import { ProgrammesController } from './programmes.controller';
import { RegimeController } from './regime.controller';
import { SelfClosingGates } from './self-closing-gates.service';
import { RegimeService } from './regime.service';

@Module({
  imports: [AuditModule],
  controllers: [ProgrammesController, MyGatesController, RegimeController],
  providers: [
    ProgrammeMigrationService,
    ProgrammeService,
    GateChangeService,
    GatePeopleService,
    MyGatesService,
    RegimeService,
    ProgrammeStore,
    ProgrammeWriter,
    SelfClosingGates,
  ],
  exports: [
    ProgrammeService,
    GateChangeService,
    GatePeopleService,
    MyGatesService,
    RegimeService,
    ProgrammeMigrationService,
    ProgrammeStore,
    ProgrammeWriter,
    SelfClosingGates,
  ],
})
export class ProgrammesModule {}
