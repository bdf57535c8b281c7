import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BusinessDateColumn, InstantColumn, JsonColumn } from '../core/database/columns';

/** A file sent with a message, its bytes in base64 so that both dialects keep it as JSON. */
export interface OutboxAttachment {
  filename: string;
  contentType: string;
  contentBase64: string;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'permanently-failed';

/**
 * A message to send, written in the same transaction that decided it was due, and sent after
 * that transaction commits. The key (programme, gate, kind, due date, recipient) is unique,
 * so a reminder is recorded once however many sweeps or instances decide it is due; the
 * Message-ID is derived from the key, so a rare resend after a crash reads as the same mail.
 */
@Entity('outbox_message')
@Unique('uq_outbox_message_key', ['programmeId', 'gateId', 'kind', 'dueDate', 'recipient'])
@Index('ix_outbox_message_ready', ['status', 'nextAttemptAt'])
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'programme_id', type: 'varchar', length: 36 })
  programmeId: string;

  @Column({ name: 'gate_id', type: 'varchar', length: 64 })
  gateId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @BusinessDateColumn({ name: 'due_date', nullable: false })
  dueDate: string;

  /** The recipient's address, lower-case: part of the key. */
  @Column({ type: 'varchar', length: 254 })
  recipient: string;

  @Column({ name: 'recipient_name', type: 'varchar', length: 200 })
  recipientName: string;

  @Column({ name: 'message_id', type: 'varchar', length: 255 })
  messageId: string;

  @Column({ type: 'varchar', length: 400 })
  subject: string;

  @Column({ name: 'body_text', type: 'text' })
  bodyText: string;

  @Column({ name: 'body_html', type: 'text' })
  bodyHtml: string;

  /** Files to attach (the monthly pack's PDF), decided with the message and sent as they are. */
  @JsonColumn({ nullable: true })
  attachments: OutboxAttachment[] | null;

  @Column({ type: 'varchar', length: 20 })
  status: OutboxStatus;

  /** Attempts started, counted when a sender claims the message (so a crash counts too). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @InstantColumn({ name: 'next_attempt_at' })
  nextAttemptAt: Date;

  @Column({ name: 'claimed_by', type: 'varchar', length: 64, nullable: true })
  claimedBy: string | null;

  /** A claim lapses at this instant: a sender killed mid-send does not hold its messages for ever. */
  @InstantColumn({ name: 'claimed_until', nullable: true })
  claimedUntil: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** What the mail server (or the file writer) said on accepting it: a trace into its logs. */
  @Column({ name: 'server_response', type: 'varchar', length: 500, nullable: true })
  serverResponse: string | null;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  @InstantColumn({ name: 'sent_at', nullable: true })
  sentAt: Date | null;
}
