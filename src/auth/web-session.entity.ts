import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../core/database/columns';
import { ApiTokenEntity } from './api-token.entity';
import { PersonEntity } from './person.entity';
import { ProgrammeEntity } from '../programmes/programme.entity';

/**
 * A signed-in browser. The cookie holds a random value; only its SHA-256 is the key here,
 * so a copy of the database cannot be replayed as a cookie.
 */
@Entity('web_session')
export class WebSessionEntity {
  /** SHA-256 (hex) of the cookie value. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @ForeignKey(() => PersonEntity, { onDelete: 'CASCADE' })
  @Index('ix_web_session_person')
  @Column({ name: 'person_id', type: 'varchar', length: 36 })
  personId: string;

  /** The token the role came from; revoking it ends the session. Null for an SSO default role. */
  @ForeignKey(() => ApiTokenEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'token_id', type: 'varchar', length: 36, nullable: true })
  tokenId: string | null;

  @Column({ type: 'varchar', length: 16 })
  role: string;

  @ForeignKey(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'programme_id', type: 'varchar', length: 36, nullable: true })
  programmeId: string | null;

  /** How the person signed in: token, password or oidc. */
  @Column({ type: 'varchar', length: 16 })
  method: string;

  /** The synchroniser token every state-changing form of this session must carry. */
  @Column({ name: 'csrf_token', type: 'varchar', length: 64 })
  csrfToken: string;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  @Index('ix_web_session_expires')
  @InstantColumn({ name: 'expires_at' })
  expiresAt: Date;

  @InstantColumn({ name: 'last_seen_at' })
  lastSeenAt: Date;
}
