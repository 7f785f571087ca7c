/**
 * Decode throughput in Node: ours (`decodeVerifyResponse`, which validates, accepts 0–3 levels of
 * encoding and drops prototype keys) against the one-liner people write
 * (`JSON.parse(decodeURIComponent(v))`). Time-boxed rounds, ours and naive alternating, first
 * round discarded as JIT warm-up; the figure is the median ops/s over the kept rounds.
 */
import { median } from './stats.js';

/** The seeds' example `response` value, raw quotes and all (DESIGN.md). */
export const SEEDS_EXAMPLE =
  '%7B"code"%3A1001%2C"subCode"%3A"Z5051"%2C"reason"%3A"success"%2C"extInfo"%3A%7B%7D%7D';

/**
 * A `response` value of about `bytes` characters once URL-encoded: a real-looking success with a
 * certifyId and enough extra `extInfo` fields to reach the size. Deterministic.
 */
export function payloadOfSize(bytes: number): string {
  const extInfo: Record<string, string> = { certifyId: 'sha02ba3a2ffad9f5c4780e42eaba933' };
  const body = (): string =>
    encodeURIComponent(JSON.stringify({ code: 1000, subCode: '', reason: 'success', extInfo }));
  for (let i = 0; body().length < bytes; i++) {
    extInfo[`trace${String(i).padStart(2, '0')}`] = `${(i * 2654435761) % 4294967296}`
      .padStart(12, '0')
      .concat('-bench');
  }
  return body();
}

/** A decoder under test: returns the decoded code so the work cannot be optimised away. */
export type Decoder = (raw: string) => number;

/** ops/s of `fn(input)` over at least `minMs`, checking the clock only every `batch` calls. */
export function opsPerSecond(
  fn: Decoder,
  input: string,
  minMs: number,
  now: () => number = () => performance.now(),
  batch = 200,
): { opsPerSec: number; sink: number } {
  let ops = 0;
  let sink = 0;
  const start = now();
  let elapsed = 0;
  do {
    for (let i = 0; i < batch; i++) sink += fn(input);
    ops += batch;
    elapsed = now() - start;
  } while (elapsed < minMs);
  return { opsPerSec: (ops * 1000) / elapsed, sink };
}

/** One decode case's medians. */
export interface DecodeFigure {
  case: string;
  bytes: number;
  oursOpsPerSec: number;
  naiveOpsPerSec: number;
  /** Time per op, ours ÷ naive (= naive ops/s ÷ ours ops/s): 1 = parity, lower is better. */
  ratio: number;
}

/**
 * Runs both decoders on each case for `rounds` kept rounds (+1 warm-up), alternating which goes
 * first. Both decoders must agree on the decoded code, or the comparison would be meaningless.
 */
export function benchDecode(
  ours: Decoder,
  naive: Decoder,
  cases: readonly { name: string; value: string }[],
  rounds: number,
  roundMs: number,
  now: () => number = () => performance.now(),
): DecodeFigure[] {
  const figures: DecodeFigure[] = [];
  for (const c of cases) {
    const expected = naive(c.value);
    const got = ours(c.value);
    if (got !== expected) {
      throw new Error(`decoders disagree on ${c.name}: ours ${got}, naive ${expected}`);
    }
    const oursSamples: number[] = [];
    const naiveSamples: number[] = [];
    let sink = 0;
    for (let round = 0; round <= rounds; round++) {
      const oursFirst = round % 2 === 0;
      const a = opsPerSecond(oursFirst ? ours : naive, c.value, roundMs, now);
      const b = opsPerSecond(oursFirst ? naive : ours, c.value, roundMs, now);
      sink += a.sink + b.sink;
      if (round === 0) continue;
      oursSamples.push((oursFirst ? a : b).opsPerSec);
      naiveSamples.push((oursFirst ? b : a).opsPerSec);
    }
    // The sink is the sum of decoded codes: a finite number means every call really decoded.
    if (!Number.isFinite(sink)) throw new Error('decode sink overflowed');
    const oursMedian = median(oursSamples);
    const naiveMedian = median(naiveSamples);
    figures.push({
      case: c.name,
      bytes: c.value.length,
      oursOpsPerSec: oursMedian,
      naiveOpsPerSec: naiveMedian,
      ratio: naiveMedian / oursMedian,
    });
  }
  return figures;
}
