import { RollingWindowLimiter, type LimiterClock } from '../../src/integrations/hubspot/hubspot-rate-limiter.ts';

/** Manual clock: sleeping advances time, so the limiter's waits are visible as clock movement. */
function manualClock(): LimiterClock & { advance(ms: number): void } {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

test('the 111th call in a rolling 10 s window waits until the oldest completed call is 10 s old', async () => {
  const clock = manualClock();
  const limiter = new RollingWindowLimiter({ maxRequests: 110, windowMs: 10_000 }, clock);
  for (let call = 0; call < 110; call += 1) {
    const release = await limiter.acquire();
    release();
    clock.advance(10);
  }
  // First call completed at t=0; now t=1100.
  expect(clock.now()).toBe(1_100);

  const release = await limiter.acquire();

  expect(clock.now()).toBe(10_001);
  release();
});

test('calls still in flight hold their slot: nothing is sent past the budget while answers are pending', async () => {
  const clock = manualClock();
  const limiter = new RollingWindowLimiter({ maxRequests: 2, windowMs: 1_000 }, clock);
  const first = await limiter.acquire();
  await limiter.acquire();
  expect(limiter.used()).toBe(2);

  const third = limiter.acquire();
  clock.advance(300);
  first();
  await third;

  // The first call completed at t=300, so its slot frees at t=1300 (counted from completion).
  expect(clock.now()).toBeGreaterThanOrEqual(1_300);
});

test('a pause after a 429 holds every caller of the portal until it ends', async () => {
  const clock = manualClock();
  const limiter = new RollingWindowLimiter({ maxRequests: 100, windowMs: 10_000 }, clock);
  limiter.pauseFor(2_000);

  const release = await limiter.acquire();

  expect(clock.now()).toBe(2_000);
  release();
});

test('waiters are served in arrival order', async () => {
  const clock = manualClock();
  const limiter = new RollingWindowLimiter({ maxRequests: 1, windowMs: 100 }, clock);
  const order: number[] = [];
  await Promise.all(
    [1, 2, 3].map(async (n) => {
      const release = await limiter.acquire();
      order.push(n);
      release();
    }),
  );
  expect(order).toEqual([1, 2, 3]);
});
