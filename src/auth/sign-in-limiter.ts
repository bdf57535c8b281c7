import { createHash } from 'node:crypto';

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
/**
 * An address alone may fail this many times the limit (many people share a hospital's address);
 * an address and one account together, the limit itself.
 */
export const ADDRESS_ALONE_FACTOR = 5;

/**
 * Counts failed sign-ins per key over a sliding 15-minute window: per client address, and per
 * address and account together (submitted token prefix, or email). Never per account alone: that
 * would let anyone lock a named person out by guessing at their account from anywhere. Kept in memory: each instance counts on its own, so with N
 * instances behind a balancer an attacker gets at most N times the limit. Random 256-bit
 * tokens cannot be guessed at any rate; the limit is there for passwords and for noise.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number,
    private readonly maxFailures: number,
    private readonly windowMs = SIGN_IN_WINDOW_MS,
    /** A flood of distinct keys must not exhaust memory: the oldest keys go first. */
    private readonly maxKeys = 50_000,
  ) {}

  /** Seconds until a sign-in may be tried again for these keys; 0 when it may now. */
  retryAfterSeconds(keys: string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      const times = this.recent(key, now);
      const max = this.limitOf(key);
      if (times.length >= max) {
        const freeAt = times[times.length - max] + this.windowMs;
        wait = Math.max(wait, Math.ceil((freeAt - now) / 1000));
      }
    }
    return wait;
  }

  recordFailure(keys: string[]): void {
    const now = this.now();
    for (const key of keys) {
      const times = this.recent(key, now);
      times.push(now);
      this.failures.delete(key); // re-insert: Map order is then least recently failed first
      this.failures.set(key, times.slice(-this.limitOf(key)));
    }
    while (this.failures.size > this.maxKeys) {
      this.failures.delete(this.failures.keys().next().value as string);
    }
  }

  private limitOf(key: string): number {
    return key.startsWith('ip:') ? this.maxFailures * ADDRESS_ALONE_FACTOR : this.maxFailures;
  }

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (times.length === 0) this.failures.delete(key);
    return times;
  }
}

/** The keys a sign-in attempt counts against. Secrets are reduced to a short hash of a prefix. */
export function signInKeys(ip: string, submitted: { token?: string; email?: string }): string[] {
  const keys = [`ip:${ip}`];
  if (submitted.token) keys.push(`ip+token:${digest(`${ip} ${submitted.token.trim().slice(0, 12)}`)}`);
  if (submitted.email) keys.push(`ip+email:${digest(`${ip} ${submitted.email.trim().toLowerCase()}`)}`);
  return keys;
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 16);
}
