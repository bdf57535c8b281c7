import { Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** The audit trail, provided once; every module that records or reads changes imports this. */
@Module({
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
