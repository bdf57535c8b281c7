import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UnitOfWork } from '../core/database/unit-of-work';
import { instant, jsonPlaceholder, params } from '../core/database/sql';
import { Clock } from '../core/clock/clock';
import { AuditEntryEntity } from './audit-entry.entity';

export interface AuditRecord {
  programmeId: string | null;
  actor: string;
  action: string;
  gateId?: string | null;
  detail: Record<string, unknown>;
}

/** The append-only trail. Entries are written inside the transaction of the change they record. */
@Injectable()
export class AuditService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async append(em: EntityManager, record: AuditRecord): Promise<void> {
    await em.query(
      `INSERT INTO audit_entry (programme_id, at, actor, action, gate_id, detail)
       VALUES (${params(em, 5)}, ${jsonPlaceholder(em, 6)})`,
      [
        record.programmeId,
        instant(em, this.clock.now()),
        record.actor,
        record.action,
        record.gateId ?? null,
        JSON.stringify(record.detail),
      ],
    );
  }

  async list(programmeId: string, limit?: number) {
    const rows = await this.uow.read.getRepository(AuditEntryEntity).find({
      where: { programmeId },
      order: { id: limit ? 'DESC' : 'ASC' },
      ...(limit ? { take: limit } : {}),
    });
    if (limit) rows.reverse();
    return rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      action: r.action,
      ...(r.gateId ? { gateId: r.gateId } : {}),
      detail: r.detail,
    }));
  }
}
