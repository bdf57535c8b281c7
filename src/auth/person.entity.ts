import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../core/database/columns';

@Entity('person')
export class PersonEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Lower-cased; one person per address. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  /** scrypt hash for signing in to the pages with a password; null when none was set. */
  @Column({
    name: 'password_hash',
    type: 'varchar',
    length: 200,
    nullable: true,
  })
  passwordHash: string | null;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;
}
