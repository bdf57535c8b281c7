import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { RiskService } from './risk.service';
import { RisksController } from './risks.controller';

/** The risks and issues log of each programme. */
@Module({
  imports: [AuditModule, ProgrammesModule],
  controllers: [RisksController],
  providers: [RiskService],
  exports: [RiskService],
})
export class RisksModule {}
