/**
 * The default rate limit of the merchant endpoints: sliding windows per owner, in this process's
 * memory. Each InitFaceVerify costs money and counts against the cloud's per-identity daily cap
 * (Code 418), and each describe goes upstream, so one user (or one script) must not be able to
 * spend either without bound. A deployment with several instances should plug in a shared store
 * through the `rateLimit` option; this default then still bounds each instance.
 */

/** The endpoints that are limited. */
export type RateLimitedAction = 'init' | 'describe' | 'handoff' | 'status';

/** A window: at most `max` requests per `ms`. */
export interface RateWindow {
  max: number;
  ms: number;
}

/**
 * The default windows. Per owner: 5 inits a minute and 20 a day (a person retrying a failed scan
 * stays far below; the cloud itself refuses an identity after 50 a day), 30 describes a minute,
 * 10 handoff links and 60 status requests a minute (a first browser polls every few seconds).
 * Without an `owner` hook every caller shares one key, so the anonymous numbers are larger and
 * only cap the load on the cloud; such a deployment should key its own `rateLimit`.
 */
export const DEFAULT_RATE_LIMITS: Readonly<
  Record<'owner' | 'anonymous', Readonly<Record<RateLimitedAction, readonly RateWindow[]>>>
> = {
  owner: {
    init: [
      { max: 5, ms: 60_000 },
      { max: 20, ms: 86_400_000 },
    ],
    describe: [{ max: 30, ms: 60_000 }],
    handoff: [{ max: 10, ms: 60_000 }],
    status: [{ max: 60, ms: 60_000 }],
  },
  anonymous: {
    init: [{ max: 120, ms: 60_000 }],
    describe: [{ max: 600, ms: 60_000 }],
    // Handoff needs an owner: these are never used, but keep the table total.
    handoff: [{ max: 10, ms: 60_000 }],
    status: [{ max: 60, ms: 60_000 }],
  },
};

/** Keys remembered at most; the least recently used are forgotten first. */
const MAX_KEYS = 50_000;

/** A limiter answering "allowed, or retry after n seconds" for a key and an action. */
export interface MemoryRateLimiter {
  take(key: string, action: RateLimitedAction, windows: readonly RateWindow[]): number;
}

/**
 * Sliding-window counters in memory. `take` records the request and returns 0 when it is allowed,
 * else the seconds until the oldest request of the full window leaves it (refused requests are not
 * recorded, so a client that keeps retrying is not locked out for longer).
 */
export function createMemoryRateLimiter(now: () => number): MemoryRateLimiter {
  const hits = new Map<string, number[]>();
  return {
    take(key, action, windows) {
      const id = `${action}\u0000${key}`;
      const at = now();
      const longest = Math.max(...windows.map((w) => w.ms));
      const kept = (hits.get(id) ?? []).filter((t) => at - t < longest);
      for (const { max, ms } of windows) {
        const inWindow = kept.filter((t) => at - t < ms);
        if (inWindow.length >= max) {
          const oldest = inWindow[inWindow.length - max] ?? at;
          hits.set(id, kept);
          return Math.max(1, Math.ceil((oldest + ms - at) / 1000));
        }
      }
      kept.push(at);
      // Re-inserted last, so the map's first key is the least recently used.
      hits.delete(id);
      hits.set(id, kept);
      if (hits.size > MAX_KEYS) {
        const oldest = hits.keys().next();
        if (!oldest.done) hits.delete(oldest.value);
      }
      return 0;
    },
  };
}
