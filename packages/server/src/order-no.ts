import { getRandomValues } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `n` characters drawn uniformly from [0-9A-Za-z] with the system CSPRNG. */
export function randomAlphanumeric(n: number): string {
  let out = '';
  while (out.length < n) {
    for (const byte of getRandomValues(new Uint8Array(Math.min(4096, (n - out.length) * 2)))) {
      // 248 = 4 × 62: rejecting the rest keeps every character equally likely.
      if (byte < 248 && out.length < n) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** `yyyyMMddHHmmss` in China Standard Time, the zone the console shows orders in. */
function chinaTimestamp(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);
}

/**
 * An OuterOrderNo as the seeds recommend: 32 letters and digits — an optional merchant prefix,
 * then the time, then CSPRNG characters (at least 10, i.e. ≥ 59 bits) so two are never equal.
 */
export function generateOuterOrderNo(prefix = '', now: number = Date.now()): string {
  if (!/^[A-Za-z0-9]{0,8}$/.test(prefix)) {
    throw new TypeError('outerOrderNoPrefix must be at most 8 letters or digits');
  }
  const head = `${prefix}${chinaTimestamp(now)}`;
  return head + randomAlphanumeric(32 - head.length);
}
