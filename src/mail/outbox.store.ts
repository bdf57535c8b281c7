import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { instant, param } from '../core/database/sql';
import { UnitOfWork } from '../core/database/unit-of-work';
import { jsonPlaceholder, toInstant } from '../core/database/sql';
import { OutboxAttachment, OutboxMessageEntity, OutboxStatus } from './outbox-message.entity';
import { stableMessageId } from './mail-headers';

export interface NewOutboxMessage {
  programmeId: string;
  gateId: string;
  kind: string;
  dueDate: string;
  recipient: string;
  recipientName: string;
  messageId: string;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  attachments?: OutboxAttachment[];
}

const COLUMNS = [
  'programme_id',
  'gate_id',
  'kind',
  'due_date',
  'recipient',
  'recipient_name',
  'message_id',
  'subject',
  'body_text',
  'body_html',
  'attachments',
  'status',
  'attempts',
  'next_attempt_at',
  'created_at',
];
const ROWS_PER_INSERT = 200;
const MAX_BACKOFF_SECONDS = 6 * 3600;

/**
 * The outbox table: writing messages inside the caller's transaction, and claiming, marking
 * and releasing them for the dispatcher. Claims are short transactions of their own; on
 * PostgreSQL they skip rows another instance holds (FOR UPDATE SKIP LOCKED), on SQLite the
 * single writer serialises them.
 */
@Injectable()
export class OutboxStore {
  private readonly postgres: boolean;

  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.postgres = uow.dialect === 'postgres';
  }

  /**
   * Adds messages, skipping any whose key is already present (INSERT ... ON CONFLICT DO
   * NOTHING on both dialects), and returns how many were new. Rows go in key order, so two
   * instances inserting overlapping sets take their locks in the same order.
   */
  async enqueue(em: EntityManager, messages: NewOutboxMessage[], now: Date): Promise<number> {
    const sorted = [...messages].sort((a, b) => compare(keyOf(a), keyOf(b)));
    let inserted = 0;
    for (let i = 0; i < sorted.length; i += ROWS_PER_INSERT) {
      const chunk = sorted.slice(i, i + ROWS_PER_INSERT);
      const params: unknown[] = [];
      const tuples = chunk.map((m) => {
        const values = [
          m.programmeId,
          m.gateId,
          m.kind,
          m.dueDate,
          m.recipient,
          m.recipientName,
          m.messageId,
          m.subject,
          m.bodyText,
          m.bodyHtml,
          m.attachments?.length ? JSON.stringify(m.attachments) : null,
          'pending',
          0,
          instant(em, now),
          instant(em, now),
        ];
        const placeholders = values.map((v, i) => {
          params.push(v);
          // The attachments column is JSON: jsonb on PostgreSQL needs the cast.
          return COLUMNS[i] === 'attachments' ? jsonPlaceholder(em, params.length) : param(em, params.length);
        });
        return `(${placeholders.join(', ')})`;
      });
      const rows = (await em.query(
        `INSERT INTO outbox_message (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING RETURNING id`,
        params,
      )) as unknown[];
      inserted += rows.length;
    }
    return inserted;
  }

  /** Claims up to `limit` messages that are ready, for `lease` from now; each claim counts as an attempt. */
  claim(owner: string, now: Date, limit: number): Promise<OutboxMessageEntity[]> {
    return this.uow.run(async (em) => {
      const query = em
        .createQueryBuilder(OutboxMessageEntity, 'o')
        .select('o.id', 'id')
        .where('o.status IN (:...statuses)', { statuses: ['pending', 'failed'] })
        .andWhere('o.nextAttemptAt <= :now', { now })
        .andWhere('(o.claimedUntil IS NULL OR o.claimedUntil <= :now)', { now })
        .orderBy('o.nextAttemptAt', 'ASC')
        .addOrderBy('o.id', 'ASC')
        .limit(limit);
      if (this.postgres) query.setLock('pessimistic_write').setOnLocked('skip_locked');
      const ids = (await query.getRawMany<{ id: number | string }>()).map((r) => Number(r.id));
      if (ids.length === 0) return [];
      await em
        .createQueryBuilder()
        .update(OutboxMessageEntity)
        .set({
          claimedBy: owner,
          claimedUntil: new Date(now.getTime() + this.config.mail.claimLeaseSeconds * 1000),
          attempts: () => 'attempts + 1',
        })
        .whereInIds(ids)
        .execute();
      return em.find(OutboxMessageEntity, { where: { id: In(ids) }, order: { id: 'ASC' } });
    });
  }

  markSent(id: number, now: Date, response: string): Promise<void> {
    return this.uow.run(async (em) => {
      await em.update(
        OutboxMessageEntity,
        { id },
        { status: 'sent', sentAt: now, claimedBy: null, claimedUntil: null, serverResponse: response.slice(0, 500) },
      );
    });
  }

  /** Records a failed attempt: retried later with backoff, or given up for good. Returns the new status. */
  async markFailed(message: OutboxMessageEntity, now: Date, error: string, permanent: boolean): Promise<OutboxStatus> {
    const { maxAttempts, retryBaseSeconds } = this.config.mail;
    const giveUp = permanent || message.attempts >= maxAttempts;
    const status: OutboxStatus = giveUp ? 'permanently-failed' : 'failed';
    const delay = Math.min(retryBaseSeconds * 2 ** Math.max(0, message.attempts - 1), MAX_BACKOFF_SECONDS);
    await this.uow.run(async (em) => {
      await em.update(
        OutboxMessageEntity,
        { id: message.id },
        {
          status,
          lastError: error.slice(0, 1000),
          claimedBy: null,
          claimedUntil: null,
          nextAttemptAt: giveUp ? message.nextAttemptAt : new Date(now.getTime() + delay * 1000),
        },
      );
    });
    return status;
  }

  /** Hands claimed messages back untried (the server is down): the claim does not count as an attempt. */
  async release(ids: number[], retryAt: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.uow.run(async (em) => {
      await em
        .createQueryBuilder()
        .update(OutboxMessageEntity)
        .set({ claimedBy: null, claimedUntil: null, nextAttemptAt: retryAt, attempts: () => 'attempts - 1' })
        .whereInIds(ids)
        .execute();
    });
  }

  async countByStatus(): Promise<Record<OutboxStatus, number>> {
    const rows = await this.uow.read
      .createQueryBuilder(OutboxMessageEntity, 'o')
      .select('o.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .groupBy('o.status')
      .getRawMany<{ status: OutboxStatus; count: string | number }>();
    const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0, 'permanently-failed': 0 };
    for (const row of rows) counts[row.status] = Number(row.count);
    return counts;
  }

  /** When the oldest message still waiting to be sent (pending, or failed and to be retried) was queued. */
  async oldestWaiting(): Promise<Date | null> {
    const row = await this.uow.read
      .createQueryBuilder(OutboxMessageEntity, 'o')
      .select('MIN(o.createdAt)', 'oldest')
      .where('o.status IN (:...statuses)', { statuses: ['pending', 'failed'] })
      .getRawOne<{ oldest: unknown }>();
    return row?.oldest ? toInstant(row.oldest) : null;
  }

  list(options: { status?: OutboxStatus; programmeId?: string; limit: number }): Promise<OutboxMessageEntity[]> {
    return this.uow.read.getRepository(OutboxMessageEntity).find({
      where: {
        ...(options.status ? { status: options.status } : {}),
        ...(options.programmeId ? { programmeId: options.programmeId } : {}),
      },
      order: { id: 'DESC' },
      take: options.limit,
    });
  }
}

export function keyOf(m: Pick<NewOutboxMessage, 'programmeId' | 'gateId' | 'kind' | 'dueDate' | 'recipient'>): string {
  return [m.programmeId, m.gateId, m.kind, m.dueDate, m.recipient].join('|');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The text a message carries, whatever it is about. */
export interface MessageBody {
  subject: string;
  text: string;
  html: string;
}

/**
 * One outbox row from its key, its recipient and what it says: the Message-ID is a hash of the key, so
 * every attempt at one message carries the same id. Every kind of scheduled mail is made here.
 */
export function outboxMessage(
  key: Pick<NewOutboxMessage, 'programmeId' | 'gateId' | 'kind' | 'dueDate' | 'recipient'>,
  recipientName: string,
  body: MessageBody,
  domain: string,
  attachments?: OutboxAttachment[],
): NewOutboxMessage {
  return {
    ...key,
    recipientName,
    messageId: stableMessageId(keyOf(key), domain),
    subject: body.subject,
    bodyText: body.text,
    bodyHtml: body.html,
    ...(attachments ? { attachments } : {}),
  };
}
