import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { GateFormsController } from './gate-forms.controller';
import { HomeController } from './home.controller';
import { ProgrammePagesController } from './programme-pages.controller';

/**
 * The pages about programmes: the portfolio (GET /), the programme page and the gate forms. They build on
 * src/web/ (rendering, the page error filter, sign-in), which imports nothing from here.
 */
@Module({
  imports: [AuditModule, ProgrammesModule],
  controllers: [HomeController, ProgrammePagesController, GateFormsController],
})
export class DashboardModule {}
