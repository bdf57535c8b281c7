import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../../core/database/columns';

/**
 * What scheduled mail a person has opted out of, by address: the SRO of a programme is known
 * by the address on the programme, whether or not they have ever signed in. No row: both on.
 */
@Entity('mail_preference')
export class MailPreferenceEntity {
  /** Lower-case address. */
  @PrimaryColumn({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'monthly_pack', type: 'boolean', default: true })
  monthlyPack: boolean;

  @Column({ name: 'weekly_digest', type: 'boolean', default: true })
  weeklyDigest: boolean;

  @Column({ name: 'updated_by', type: 'varchar', length: 300 })
  updatedBy: string;

  @InstantColumn({ name: 'updated_at' })
  updatedAt: Date;
}
