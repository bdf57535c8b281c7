import { Global, Inject, Module } from '@nestjs/common';
import { Clock } from '../core/clock/clock';
import { UnitOfWork } from '../core/database/unit-of-work';
import { MailModule } from '../mail/mail.module';
import { OutboxStore } from '../mail/outbox.store';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';

/** Prometheus metrics: GET /metrics (admin), and the Metrics that services record into. */
@Global()
@Module({
  imports: [MailModule],
  controllers: [MetricsController],
  providers: [{ provide: Metrics, useFactory: () => new Metrics() }],
  exports: [Metrics],
})
export class MetricsModule {
  constructor(
    @Inject(Metrics) metrics: Metrics,
    @Inject(UnitOfWork) uow: UnitOfWork,
    @Inject(OutboxStore) outbox: OutboxStore,
    @Inject(Clock) clock: Clock,
  ) {
    uow.observeTransaction = metrics.transactionObserver();
    metrics.gaugeOnScrape(
      'cg_outbox_pending_messages',
      'Messages waiting to be sent: pending, or failed and to be retried',
      async () => {
        const counts = await outbox.countByStatus();
        return counts.pending + counts.failed;
      },
    );
    metrics.gaugeOnScrape(
      'cg_outbox_oldest_pending_age_seconds',
      'Age of the oldest message waiting to be sent, by the service clock (0 when none waits)',
      async () => {
        const oldest = await outbox.oldestWaiting();
        return oldest ? Math.max(0, (clock.now().getTime() - oldest.getTime()) / 1000) : 0;
      },
    );
  }
}
