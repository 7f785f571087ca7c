import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from './rate-limit.js';

describe('createMemoryRateLimiter', () => {
  const windows = [
    { max: 2, ms: 60_000 },
    { max: 3, ms: 3_600_000 },
  ];

  it('allows up to max per window and says when the oldest request leaves it', () => {
    let now = 1_000_000;
    const limiter = createMemoryRateLimiter(() => now);
    expect(limiter.take('alice', 'init', windows)).toBe(0);
    now += 10_000;
    expect(limiter.take('alice', 'init', windows)).toBe(0);
    now += 5_000;
    // The first request leaves the minute window 45 s from now.
    expect(limiter.take('alice', 'init', windows)).toBe(45);
    // A refusal is not recorded: waiting it out is enough.
    now += 45_000;
    expect(limiter.take('alice', 'init', windows)).toBe(0);
    // Three in the hour now: the longer window decides.
    now += 60_000;
    expect(limiter.take('alice', 'init', windows)).toBe(
      Math.ceil((1_000_000 + 3_600_000 - now) / 1000),
    );
  });

  it('keeps keys and actions apart', () => {
    const limiter = createMemoryRateLimiter(() => 0);
    const one = [{ max: 1, ms: 60_000 }];
    expect(limiter.take('alice', 'init', one)).toBe(0);
    expect(limiter.take('alice', 'init', one)).toBeGreaterThan(0);
    expect(limiter.take('bob', 'init', one)).toBe(0);
    expect(limiter.take('alice', 'describe', one)).toBe(0);
  });
});
