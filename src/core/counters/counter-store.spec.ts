import { backOffSeconds } from '../../auth/bearer-back-off';
import { MemoryCounterStore, SWEEP_EVERY_MS } from './counter-store';

describe('MemoryCounterStore', () => {
  let now = 0;
  beforeEach(() => (now = Date.UTC(2015, 9, 27, 9)));

  it('counts within a window that opens with the first hit, and starts again at 1 after it ends', async () => {
    const store = new MemoryCounterStore(() => now);
    expect(await store.hit('k', 60_000)).toEqual({ count: 1, resetAt: now + 60_000 });
    now += 59_999;
    expect(await store.hit('k', 60_000)).toEqual({ count: 2, resetAt: now + 1 });
    now += 1;
    expect((await store.read(['k'])).size).toBe(0);
    expect((await store.hit('k', 60_000)).count).toBe(1);
  });

  it('reads only open counters and forgets what it is told to', async () => {
    const store = new MemoryCounterStore(() => now);
    await store.hit('a', 1_000);
    await store.hit('b', 5_000);
    now += 2_000;
    expect([...(await store.read(['a', 'b', 'c'])).keys()]).toEqual(['b']);
    await store.clear(['b']);
    expect((await store.read(['b'])).size).toBe(0);
  });

  it('drops ended windows as it goes, and the least recently hit when full', async () => {
    const store = new MemoryCounterStore(() => now, 3);
    for (const key of ['a', 'b', 'c']) await store.hit(key, 60_000);
    await store.hit('a', 60_000);
    await store.hit('d', 60_000); // b was hit least recently
    expect([...(await store.read(['a', 'b', 'c', 'd'])).keys()]).toEqual(['a', 'c', 'd']);
    now += SWEEP_EVERY_MS + 1;
    await store.hit('e', 60_000);
    expect(Reflect.get(store, 'counters').size).toBe(1);
  });
});

describe('backOffSeconds', () => {
  it('doubles for each failure past the threshold, up to the maximum', () => {
    const settings = { bearerBackOffSeconds: 60, bearerBackOffMaxSeconds: 3600 };
    expect([10, 11, 12, 15, 16, 17, 1000].map((n) => backOffSeconds(n, 10, settings))).toEqual([
      60, 120, 240, 1920, 3600, 3600, 3600,
    ]);
  });
});
