import { createHash } from 'node:crypto';
import { CounterStore } from '../core/counters/counter-store';

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
/**
 * An address alone may fail this many times the limit (many people share a hospital's address);
 * an address and one account together, the limit itself.
 */
export const ADDRESS_ALONE_FACTOR = 5;

/**
 * Counts failed sign-ins per key in a 15-minute window that opens with the first failure: per
 * client address, and per address and account together (submitted token prefix, or email). Never
 * per account alone: that would let anyone lock a named person out by guessing at their account
 * from anywhere. The counts are in the CounterStore: shared by every instance on PostgreSQL, in
 * the process on SQLite. Random 256-bit tokens cannot be guessed at any rate; the limit is there
 * for passwords and for noise.
 */
export class SignInLimiter {
  constructor(
    private readonly counters: CounterStore,
    private readonly maxFailures: number,
    private readonly windowMs = SIGN_IN_WINDOW_MS,
  ) {}

  /** Seconds until a sign-in may be tried again for these keys; 0 when it may now. */
  async retryAfterSeconds(keys: string[]): Promise<number> {
    const counts = await this.counters.read(keys.map(stored));
    const now = this.counters.now();
    let wait = 0;
    for (const key of keys) {
      const count = counts.get(stored(key));
      if (count && count.count >= this.limitOf(key)) wait = Math.max(wait, Math.ceil((count.resetAt - now) / 1000));
    }
    return wait;
  }

  async recordFailure(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.counters.hit(stored(key), this.windowMs)));
  }

  private limitOf(key: string): number {
    return key.startsWith('ip:') ? this.maxFailures * ADDRESS_ALONE_FACTOR : this.maxFailures;
  }
}

/** The keys a sign-in attempt counts against. Secrets are reduced to a short hash of a prefix. */
export function signInKeys(ip: string, submitted: { token?: string; email?: string }): string[] {
  const keys = [`ip:${ip}`];
  if (submitted.token) keys.push(`ip+token:${digest(`${ip} ${submitted.token.trim().slice(0, 12)}`)}`);
  if (submitted.email) keys.push(`ip+email:${digest(`${ip} ${submitted.email.trim().toLowerCase()}`)}`);
  return keys;
}

/** The name of a sign-in count among the other counters. */
function stored(key: string): string {
  return `sign-in:${key}`;
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 16);
}
