import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { CounterStore } from '../core/counters/counter-store';
import { TooManyRequests } from '../core/errors/domain-error';

/** Failed bearer tokens from an address are remembered this long after the first (the back-off keeps growing within it). */
export const BEARER_FAILURE_MEMORY_MS = 24 * 3_600_000;

export class TooManyTokenFailures extends TooManyRequests {
  constructor(retryAfterSeconds: number) {
    super(
      'TOO_MANY_TOKEN_FAILURES',
      'Too many failed tokens',
      `Too many unknown, expired or revoked tokens were sent from your address. Requests with a bearer token are refused from it for ${retryAfterSeconds} more second(s).`,
      retryAfterSeconds,
    );
  }
}

/** What the back-off knows of an address before its token is checked. */
export interface BackOffState {
  /** Failed tokens remembered for the address (0: nothing to forget on success). */
  failures: number;
}

/**
 * Counts failed bearer tokens per client address ([decision 032](../../docs/decisions/032-bearer-token-back-off.md)).
 * The N-th failure (`auth.bearerFailuresBeforeBackOff`) refuses every request with a bearer token from
 * that address for `auth.bearerBackOffSeconds`, a correct token included, so that guessing cannot go on
 * in the meantime; each further failure, once a refusal has ended, refuses for twice as long as the one
 * before, up to `auth.bearerBackOffMaxSeconds`. A correct token after the refusal ends forgets the
 * failures. The counts are in the CounterStore, so on PostgreSQL every instance sees them.
 */
@Injectable()
export class BearerBackOff {
  private readonly logger = new Logger('BearerBackOff');
  private readonly threshold: number;

  constructor(
    @Inject(CounterStore) private readonly counters: CounterStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.threshold = config.auth.bearerFailuresBeforeBackOff;
  }

  /** Throws TooManyTokenFailures while the address is refused; otherwise tells what is remembered of it. */
  async check(address: string): Promise<BackOffState> {
    if (this.threshold === 0) return { failures: 0 };
    const counts = await this.counters.read([lockKey(address), failureKey(address)]);
    const lock = counts.get(lockKey(address));
    if (lock) throw new TooManyTokenFailures(Math.ceil((lock.resetAt - this.counters.now()) / 1000));
    return { failures: counts.get(failureKey(address))?.count ?? 0 };
  }

  /** A token from this address was unknown, expired or revoked. */
  async failed(address: string): Promise<void> {
    if (this.threshold === 0) return;
    const { count } = await this.counters.hit(failureKey(address), BEARER_FAILURE_MEMORY_MS);
    if (count < this.threshold) return;
    const seconds = backOffSeconds(count, this.threshold, this.config.auth);
    await this.counters.hit(lockKey(address), seconds * 1000);
    this.logger.warn(
      `bearer tokens from ${address} refused for ${seconds} s after ${count} failed tokens (the last from this address)`,
    );
  }

  /** A token from this address was good: forget its failures (only called when there were some). */
  async succeeded(address: string, state: BackOffState): Promise<void> {
    if (state.failures > 0) await this.counters.clear([failureKey(address), lockKey(address)]);
  }
}

/** The refusal after the `failures`-th failure: the base, doubled for each failure past the threshold, capped. */
export function backOffSeconds(
  failures: number,
  threshold: number,
  settings: Pick<AppConfig['auth'], 'bearerBackOffSeconds' | 'bearerBackOffMaxSeconds'>,
): number {
  const doublings = Math.min(failures - threshold, 30);
  return Math.min(settings.bearerBackOffMaxSeconds, settings.bearerBackOffSeconds * 2 ** doublings);
}

function failureKey(address: string): string {
  return `bearer-failures:${address}`;
}

function lockKey(address: string): string {
  return `bearer-refused:${address}`;
}
