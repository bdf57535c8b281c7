import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../core/database/columns';
import { PersonEntity } from './person.entity';
import { ProgrammeEntity } from '../programmes/programme.entity';

/** An API token. Only its SHA-256 is stored: a copy of the database yields no usable token. */
@Entity('api_token')
export class ApiTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @ForeignKey(() => PersonEntity)
  @Column({ name: 'person_id', type: 'varchar', length: 36 })
  personId: string;

  @Index('ux_api_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 16 })
  role: string;

  @ForeignKey(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'programme_id', type: 'varchar', length: 36, nullable: true })
  programmeId: string | null;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  @InstantColumn({ name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @InstantColumn({ name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @InstantColumn({ name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;
}
