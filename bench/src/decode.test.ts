import { describe, expect, it } from 'vitest';
import { benchDecode, opsPerSecond, payloadOfSize, SEEDS_EXAMPLE, type Decoder } from './decode.js';

const naive: Decoder = (raw) => (JSON.parse(decodeURIComponent(raw)) as { code: number }).code;

describe('inputs', () => {
  it("the seeds' example decodes with the one-liner to code 1001", () => {
    expect(naive(SEEDS_EXAMPLE)).toBe(1001);
  });
  it('payloadOfSize is a valid, url-encoded success of at least the size asked, and not much more', () => {
    const value = payloadOfSize(2048);
    expect(value.length).toBeGreaterThanOrEqual(2048);
    expect(value.length).toBeLessThan(2048 + 80);
    const decoded = JSON.parse(decodeURIComponent(value)) as {
      code: number;
      extInfo: { certifyId: string };
    };
    expect(decoded.code).toBe(1000);
    expect(decoded.extInfo.certifyId).toMatch(/^sha/);
    expect(payloadOfSize(2048)).toBe(value);
  });
});

describe('opsPerSecond', () => {
  it('counts calls over the elapsed time of a (fake) clock', () => {
    let clock = 0;
    let calls = 0;
    const fn: Decoder = () => {
      calls++;
      clock += 1 / 64; // exact in binary, so the sum hits 5 ms on the dot
      return 1;
    };
    const { opsPerSec, sink } = opsPerSecond(fn, 'x', 5, () => clock, 64);
    expect(calls).toBe(320);
    expect(sink).toBe(320);
    expect(opsPerSec).toBe(64_000);
  });
});

describe('benchDecode', () => {
  it('reports both medians and the time-per-op ratio (a fake clock: ours costs 3 units, naive 2)', () => {
    let clock = 0;
    const costly =
      (cost: number): Decoder =>
      (raw) => {
        clock += cost / 1024; // exact in binary
        return naive(raw);
      };
    const [figure] = benchDecode(
      costly(3),
      costly(2),
      [{ name: 'seeds', value: SEEDS_EXAMPLE }],
      3,
      4,
      () => clock,
    );
    expect(figure?.case).toBe('seeds');
    expect(figure?.bytes).toBe(SEEDS_EXAMPLE.length);
    expect(figure?.naiveOpsPerSec).toBeCloseTo(512_000, 0);
    expect(figure?.oursOpsPerSec).toBeCloseTo(341_333, 0);
    expect(figure?.ratio).toBeCloseTo(1.5, 2);
  });
  it('refuses to compare decoders that disagree on the result', () => {
    const wrong: Decoder = () => 7;
    expect(() =>
      benchDecode(wrong, naive, [{ name: 'seeds', value: SEEDS_EXAMPLE }], 3, 1),
    ).toThrow(/disagree on seeds/);
  });
});
