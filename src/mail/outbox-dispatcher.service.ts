import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Clock } from '../core/clock/clock';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { OutboxMessageEntity } from './outbox-message.entity';
import { OutboxStore } from './outbox.store';
import { MailTransport, classifySendError } from './mail-transport';
import { Metrics } from '../metrics/metrics';

export interface DispatchResult {
  sent: number;
  /** Failed this time, to be retried later. */
  failed: number;
  permanentlyFailed: number;
}

const BATCH = 20;

/**
 * Sends what the outbox holds, after the transaction that wrote it has committed. One message
 * at a time: each is marked sent as soon as the server accepts it, which keeps the window in
 * which a crash can cause a resend to a single message.
 */
@Injectable()
export class OutboxDispatcher {
  private readonly logger = new Logger(OutboxDispatcher.name);
  /** Names this process in claims, for anyone reading the table. */
  private readonly owner = `${hostname().slice(0, 40)}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private stopping = false;

  constructor(
    @Inject(OutboxStore) private readonly store: OutboxStore,
    @Inject(MailTransport) private readonly transport: MailTransport,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(Metrics) private readonly metrics: Metrics | null = null,
  ) {}

  /** Asks running dispatches to stop after the message in hand (shutdown). */
  stop(): void {
    this.stopping = true;
  }

  async dispatch(): Promise<DispatchResult> {
    const result: DispatchResult = { sent: 0, failed: 0, permanentlyFailed: 0 };
    while (!this.stopping) {
      const batch = await this.store.claim(this.owner, this.clock.now(), BATCH);
      if (batch.length === 0) break;
      const carryOn = await this.sendBatch(batch, result);
      if (!carryOn) break;
    }
    return result;
  }

  private async sendBatch(batch: OutboxMessageEntity[], result: DispatchResult): Promise<boolean> {
    for (const [index, message] of batch.entries()) {
      if (this.stopping) {
        await this.store.release(
          batch.slice(index).map((m) => m.id),
          this.clock.now(),
        );
        return false;
      }
      if (message.attempts > this.config.mail.maxAttempts) {
        // Claimed again after its last attempt was cut short (the sender died): give up now.
        await this.store.markFailed(message, this.clock.now(), message.lastError ?? 'interrupted attempts', true);
        result.permanentlyFailed++;
        continue;
      }
      try {
        const { response } = await this.transport.send({
          messageId: message.messageId,
          to: { name: message.recipientName, address: message.recipient },
          subject: message.subject,
          text: message.bodyText,
          html: message.bodyHtml,
          date: this.clock.now(),
          attachments: attachmentsOf(message),
        });
        await this.store.markSent(message.id, this.clock.now(), response);
        result.sent++;
        this.metrics?.mailSent.inc();
      } catch (error) {
        const failure = classifySendError(error);
        const status = await this.store.markFailed(message, this.clock.now(), failure.message, failure.permanent);
        this.metrics?.mailFailed.inc({ permanent: String(status === 'permanently-failed') });
        if (status === 'permanently-failed') {
          result.permanentlyFailed++;
          this.logger.error(`gave up on message ${message.id} to ${message.recipient}: ${failure.message}`);
        } else {
          result.failed++;
          this.logger.warn(
            `message ${message.id} to ${message.recipient} not sent (attempt ${message.attempts}): ${failure.message}`,
          );
        }
        if (failure.unreachable) {
          // The server is down: the rest of the batch waits, untried, for the same retry time.
          const rest = batch.slice(index + 1);
          const retryAt = new Date(this.clock.now().getTime() + this.config.mail.retryBaseSeconds * 1000);
          await this.store.release(
            rest.map((m) => m.id),
            retryAt,
          );
          if (rest.length)
            this.logger.warn(`mail server unreachable (${this.transport.description}); ${rest.length} more wait`);
          return false;
        }
      }
    }
    return true;
  }
}

function attachmentsOf(message: OutboxMessageEntity) {
  const list = typeof message.attachments === 'string' ? JSON.parse(message.attachments) : message.attachments;
  return (list ?? []).map((a: { filename: string; contentType: string; contentBase64: string }) => ({
    filename: a.filename,
    contentType: a.contentType,
    content: Buffer.from(a.contentBase64, 'base64'),
  }));
}
