import { MemoryCounterStore } from '../core/counters/counter-store';
import { SIGN_IN_WINDOW_MS, SignInLimiter, signInKeys } from './sign-in-limiter';

describe('SignInLimiter', () => {
  let now = 0;
  const limiter = (max = 3) => new SignInLimiter(new MemoryCounterStore(() => now), max);

  beforeEach(() => (now = Date.UTC(2015, 9, 27, 9)));

  it('allows failures up to the limit, then asks to wait until the window of the first failure ends', async () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) {
      expect(await l.retryAfterSeconds(['ip+email:a'])).toBe(0);
      await l.recordFailure(['ip+email:a']);
      now += 60_000;
    }
    // failures at 0, 1 and 2 minutes; it is now minute 3; the window opened at 0 ends at minute 15
    expect(await l.retryAfterSeconds(['ip+email:a'])).toBe(12 * 60);
    expect(await l.retryAfterSeconds(['ip+email:b'])).toBe(0);
    now += 12 * 60_000;
    expect(await l.retryAfterSeconds(['ip+email:a'])).toBe(0);
  });

  it('blocks when any one of the keys is over the limit', async () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) await l.recordFailure([`ip:${i}`, 'token:same']);
    expect(await l.retryAfterSeconds(['ip:new', 'token:same'])).toBeGreaterThan(0);
    expect(await l.retryAfterSeconds(['ip:new', 'token:other'])).toBe(0);
  });

  it('forgets failures once their window has ended', async () => {
    const l = limiter();
    await l.recordFailure(['k']);
    await l.recordFailure(['k']);
    now += SIGN_IN_WINDOW_MS;
    await l.recordFailure(['k']);
    expect(await l.retryAfterSeconds(['k'])).toBe(0);
  });

  it('keeps memory bounded under a flood of distinct keys', async () => {
    const l = new SignInLimiter(new MemoryCounterStore(() => now, 100), 1);
    for (let i = 0; i < 1000; i++) await l.recordFailure([`ip+token:${i}`]);
    expect(await l.retryAfterSeconds(['ip+token:999'])).toBeGreaterThan(0);
    expect(await l.retryAfterSeconds(['ip+token:0'])).toBe(0);
  });
});

describe('signInKeys', () => {
  it('never keeps the submitted secret itself', () => {
    const keys = signInKeys('10.0.0.1', { token: 'cg_abcdefghijklmnopqrstuvwxyz', email: 'A@x.nhs.uk ' });
    expect(keys[0]).toBe('ip:10.0.0.1');
    expect(keys.join(' ')).not.toMatch(/abcdef|a@x/i);
    expect(signInKeys('10.0.0.1', { email: 'a@x.nhs.uk' })[1]).toBe(keys[2]);
  });

  it('counts an account only together with the address it is tried from', () => {
    const here = signInKeys('10.0.0.1', { email: 'helen.seth@example.nhs.uk' });
    const there = signInKeys('10.0.0.2', { email: 'helen.seth@example.nhs.uk' });
    expect(here[1]).not.toBe(there[1]);
    expect(signInKeys('10.0.0.1', { token: 'cg_abcdefghijkl' })[1]).not.toBe(
      signInKeys('10.0.0.2', { token: 'cg_abcdefghijkl' })[1],
    );
  });

  it('gives an address alone five times the allowance of an address and an account', async () => {
    let now = 0;
    const l = new SignInLimiter(new MemoryCounterStore(() => now), 2);
    const account = signInKeys('10.0.0.1', { email: 'a@x.nhs.uk' });
    await l.recordFailure(account);
    await l.recordFailure(account);
    expect(await l.retryAfterSeconds(account)).toBeGreaterThan(0);
    expect(await l.retryAfterSeconds(signInKeys('10.0.0.1', { email: 'b@x.nhs.uk' }))).toBe(0);
    for (let i = 0; i < 8; i++) await l.recordFailure(signInKeys('10.0.0.1', { email: `c${i}@x.nhs.uk` }));
    expect(await l.retryAfterSeconds(signInKeys('10.0.0.1', { email: 'd@x.nhs.uk' }))).toBeGreaterThan(0);
    now += SIGN_IN_WINDOW_MS;
    expect(await l.retryAfterSeconds(signInKeys('10.0.0.1', { email: 'd@x.nhs.uk' }))).toBe(0);
  });
});
