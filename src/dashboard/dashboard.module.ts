import { Module } from '@nestjs/common';
import { ProgrammesModule } from '../programmes/programmes.module';
import { GateFormsController } from './gate-forms.controller';
import { ProgrammePagesController } from './programme-pages.controller';

/** The programme page and the gate forms; the portfolio (GET /) is in src/web/home.controller.ts. */
@Module({
  imports: [ProgrammesModule],
  controllers: [ProgrammePagesController, GateFormsController],
})
export class DashboardModule {}
