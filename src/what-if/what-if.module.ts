import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ElectionsModule } from '../elections/elections.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { WhatIfController } from './what-if.controller';
import { WhatIfScenariosService } from './what-if-scenarios.service';
import { WhatIfService } from './what-if.service';

/** What if: hypothetical changes, the critical path and saved scenarios. Reads programmes, never changes them. */
@Module({
  imports: [AuditModule, ProgrammesModule, ElectionsModule],
  controllers: [WhatIfController],
  providers: [WhatIfService, WhatIfScenariosService],
  exports: [WhatIfService, WhatIfScenariosService],
})
export class WhatIfModule {}
