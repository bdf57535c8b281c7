import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ProgrammeEntity } from './programme.entity';
import { BusinessDateColumn, InstantColumn } from '../core/database/columns';

/**
 * A condition attached to an approval ("approved with conditions", assurance given with conditions):
 * tracked, with an owner and a due date, until it is discharged with evidence.
 */
@Entity('gate_condition')
@Index('ix_gate_condition_programme', ['programmeId', 'gateId'])
export class ConditionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @ForeignKey(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'programme_id', type: 'varchar', length: 36 })
  programmeId: string;

  @Column({ name: 'gate_id', type: 'varchar', length: 64 })
  gateId: string;

  /** The party whose decision set the condition. */
  @Column({ name: 'party_id', type: 'varchar', length: 64 })
  partyId: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'owner_name', type: 'varchar', length: 200, nullable: true })
  ownerName: string | null;

  @Column({ name: 'owner_email', type: 'varchar', length: 254, nullable: true })
  ownerEmail: string | null;

  @BusinessDateColumn({ name: 'due_date' })
  dueDate: string | null;

  @BusinessDateColumn({ name: 'discharged_on' })
  dischargedOn: string | null;

  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 254 })
  createdBy: string;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;
}

/** A request that the Secretary of State call the proposal in, and what came of it. */
@Entity('call_in')
@Index('ix_call_in_programme', ['programmeId'])
export class CallInEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @ForeignKey(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'programme_id', type: 'varchar', length: 36 })
  programmeId: string;

  @Column({ name: 'requested_by', type: 'varchar', length: 200 })
  requestedBy: string;

  @BusinessDateColumn({ name: 'requested_on', nullable: false })
  requestedOn: string;

  @Column({ type: 'text' })
  grounds: string;

  /** null while awaiting the Secretary of State; `not-called-in` or `called-in`. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  outcome: string | null;

  @BusinessDateColumn({ name: 'outcome_on' })
  outcomeOn: string | null;

  /** The Secretary of State's decision on a called-in proposal. */
  @Column({ type: 'text', nullable: true })
  decision: string | null;

  @BusinessDateColumn({ name: 'decided_on' })
  decidedOn: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 254 })
  recordedBy: string;
}

/** A change of the dates given to the health scrutiny committee (reg. 23): the committee must be told. */
@Entity('committee_notification')
@Index('ix_committee_notification_programme', ['programmeId'])
export class CommitteeNotificationEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @ForeignKey(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'programme_id', type: 'varchar', length: 36 })
  programmeId: string;

  @Column({ type: 'varchar', length: 200 })
  committee: string;

  @Column({ type: 'text' })
  change: string;

  @BusinessDateColumn({ name: 'owed_since', nullable: false })
  owedSince: string;

  @BusinessDateColumn({ name: 'sent_on' })
  sentOn: string | null;
}
