import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { InstantColumn, JsonColumn } from '../core/database/columns';

/** Append-only: rows are inserted, never updated or deleted. */
@Entity('audit_entry')
@Index('ix_audit_programme', ['programmeId', 'id'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @ForeignKey(() => ProgrammeEntity)
  @Column({ name: 'programme_id', type: 'varchar', length: 36, nullable: true })
  programmeId: string | null;

  @InstantColumn()
  at: Date;

  /** The person behind the change ("name <email>"), or "system". */
  @Column({ type: 'varchar', length: 300 })
  actor: string;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'gate_id', type: 'varchar', length: 64, nullable: true })
  gateId: string | null;

  @JsonColumn()
  detail: object;
}
