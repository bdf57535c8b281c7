import { SIGN_IN_WINDOW_MS, SignInLimiter, signInKeys } from './sign-in-limiter';

describe('SignInLimiter', () => {
  let now = 0;
  const limiter = () => new SignInLimiter(() => now, 3);

  beforeEach(() => (now = Date.UTC(2015, 9, 27, 9)));

  it('allows failures up to the limit, then asks to wait until the oldest leaves the window', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfterSeconds(['ip+email:a'])).toBe(0);
      l.recordFailure(['ip+email:a']);
      now += 60_000;
    }
    // failures at 0, 1 and 2 minutes; it is now minute 3; the first leaves at minute 15
    expect(l.retryAfterSeconds(['ip+email:a'])).toBe(12 * 60);
    expect(l.retryAfterSeconds(['ip+email:b'])).toBe(0);
    now += 12 * 60_000;
    expect(l.retryAfterSeconds(['ip+email:a'])).toBe(0);
  });

  it('blocks when any one of the keys is over the limit', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.recordFailure([`ip:${i}`, 'token:same']);
    expect(l.retryAfterSeconds(['ip:new', 'token:same'])).toBeGreaterThan(0);
    expect(l.retryAfterSeconds(['ip:new', 'token:other'])).toBe(0);
  });

  it('forgets failures older than the window', () => {
    const l = limiter();
    l.recordFailure(['k']);
    l.recordFailure(['k']);
    now += SIGN_IN_WINDOW_MS;
    l.recordFailure(['k']);
    expect(l.retryAfterSeconds(['k'])).toBe(0);
  });

  it('keeps memory bounded under a flood of distinct keys', () => {
    const l = new SignInLimiter(() => now, 1, SIGN_IN_WINDOW_MS, 100);
    for (let i = 0; i < 1000; i++) l.recordFailure([`ip+token:${i}`]);
    expect(l.retryAfterSeconds(['ip+token:999'])).toBeGreaterThan(0);
    expect(l.retryAfterSeconds(['ip+token:0'])).toBe(0);
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

  it('gives an address alone five times the allowance of an address and an account', () => {
    let now = 0;
    const l = new SignInLimiter(() => now, 2);
    const account = signInKeys('10.0.0.1', { email: 'a@x.nhs.uk' });
    l.recordFailure(account);
    l.recordFailure(account);
    expect(l.retryAfterSeconds(account)).toBeGreaterThan(0);
    expect(l.retryAfterSeconds(signInKeys('10.0.0.1', { email: 'b@x.nhs.uk' }))).toBe(0);
    for (let i = 0; i < 8; i++) l.recordFailure(signInKeys('10.0.0.1', { email: `c${i}@x.nhs.uk` }));
    expect(l.retryAfterSeconds(signInKeys('10.0.0.1', { email: 'd@x.nhs.uk' }))).toBeGreaterThan(0);
    now += SIGN_IN_WINDOW_MS;
    expect(l.retryAfterSeconds(signInKeys('10.0.0.1', { email: 'd@x.nhs.uk' }))).toBe(0);
  });
});
