import { Module } from '@nestjs/common';
import { ProgrammesModule } from '../programmes/programmes.module';
import { GateFormsController } from './gate-forms.controller';
import { ProgrammePagesController } from './programme-pages.controller';
import { WhatIfPagesController } from './what-if-pages.controller';
import { WhatIfModule } from '../what-if/what-if.module';

/** The programme page and the gate forms; the portfolio (GET /) is in src/web/home.controller.ts. */
@Module({
  imports: [ProgrammesModule, WhatIfModule],
  controllers: [ProgrammePagesController, GateFormsController, WhatIfPagesController],
})
export class DashboardModule {}
