import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../core/database/columns';
import { PersonEntity } from '../auth/person.entity';
import { ProgrammeEntity } from '../programmes/programme.entity';

/**
 * A read-only calendar address a person made for Outlook or Google, which cannot send a
 * header. Like an API token, only the SHA-256 of its secret is stored; revoked, it answers
 * nothing. A `programme` feed shows one programme's gates; an `owner` feed the gates its
 * person owns (within `programmeId` when the person's access was limited to one programme).
 */
@Entity('calendar_feed')
export class CalendarFeedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @ForeignKey(() => PersonEntity)
  @Index('ix_calendar_feed_person')
  @Column({ name: 'person_id', type: 'varchar', length: 36 })
  personId: string;

  @Index('ux_calendar_feed_secret_hash', { unique: true })
  @Column({ name: 'secret_hash', type: 'varchar', length: 64 })
  secretHash: string;

  @Column({ type: 'varchar', length: 16 })
  kind: 'programme' | 'owner';

  @ForeignKey(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'programme_id', type: 'varchar', length: 36, nullable: true })
  programmeId: string | null;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  @InstantColumn({ name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
