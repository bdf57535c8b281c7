import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { OutboxDispatcher } from '../mail/outbox-dispatcher.service';
import { OutboxStore } from '../mail/outbox.store';
import { Metrics } from '../metrics/metrics';
import { SelfClosingGates } from '../programmes/self-closing-gates.service';
import { PackSweepResult, PackSweepService } from '../reports/pack/pack-sweep.service';
import { ReminderSweepService, SweepResult } from './reminder-sweep.service';

export interface RunResult extends SweepResult {
  sent: number;
  /** Failed this time; retried later with backoff. */
  failed: number;
  permanentlyFailed: number;
  /** Gates that closed by themselves on the calendar in this run (the judicial review window). */
  gatesClosed: number;
  /** The scheduled pack queued by this run: monthly reports and weekly digests. */
  pack: PackSweepResult;
  /** Left in the outbox, by status, after this run. */
  outbox: { pending: number; failed: number; sent: number; permanentlyFailed: number };
}

/**
 * One reminder run: the sweep (queue what is due, in one transaction), then the dispatch of
 * everything ready to send, including retries. The cron, the admin endpoint and the command
 * line all come here.
 */
@Injectable()
export class ReminderRunService implements OnModuleDestroy {
  private readonly logger = new Logger(ReminderRunService.name);
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    @Inject(ReminderSweepService) private readonly sweeper: ReminderSweepService,
    @Inject(OutboxDispatcher) private readonly dispatcher: OutboxDispatcher,
    @Inject(OutboxStore) private readonly outbox: OutboxStore,
    @Inject(PackSweepService) private readonly pack: PackSweepService,
    @Inject(SelfClosingGates) private readonly selfClosing: SelfClosingGates,
    @Optional() @Inject(Metrics) private readonly metrics: Metrics | null = null,
  ) {}

  run(): Promise<RunResult> {
    const work = this.runOnce();
    this.running.add(work);
    void work.finally(() => this.running.delete(work)).catch(() => undefined);
    return work;
  }

  /** Shutting down: let a run in progress finish the message in hand, and wait for it. */
  async onModuleDestroy(): Promise<void> {
    this.dispatcher.stop();
    await Promise.allSettled([...this.running]);
  }

  private async runOnce(): Promise<RunResult> {
    // First, so that a window that has passed sends no more reminders for its gate.
    const gatesClosed = await this.selfClosing.close();
    const endTimer = this.metrics?.sweepDuration.startTimer();
    const swept = await this.sweeper.sweep();
    endTimer?.();
    // Machine time, not the service clock: alerts compare it with the scraper's own clock.
    this.metrics?.sweepLastSuccess.set(Date.now() / 1000);
    const pack = await this.pack.sweep();
    const dispatched = await this.dispatcher.dispatch();
    const counts = await this.outbox.countByStatus();
    const result: RunResult = {
      ...swept,
      ...dispatched,
      gatesClosed,
      pack,
      outbox: {
        pending: counts.pending,
        failed: counts.failed,
        sent: counts.sent,
        permanentlyFailed: counts['permanently-failed'],
      },
    };
    if (dispatched.sent || dispatched.failed || dispatched.permanentlyFailed) {
      this.logger.log(
        `reminders: ${swept.queued} queued, ${dispatched.sent} sent, ${dispatched.failed} to retry, ${dispatched.permanentlyFailed} given up`,
      );
    }
    return result;
  }
}
