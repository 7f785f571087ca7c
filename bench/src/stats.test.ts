import { describe, expect, it } from 'vitest';
import { kb, median, opsPerSec, pairedRatio, ratio, round, textTable, times } from './stats.js';

describe('median', () => {
  it('takes the middle of an odd sample regardless of order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });
  it('averages the two middle values of an even sample', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('ignores an outlier that would drag a mean', () => {
    expect(median([10, 11, 12, 13, 5000])).toBe(12);
  });
  it('skips non-finite values and refuses an empty sample', () => {
    expect(median([Number.NaN, 3, Infinity, 1])).toBe(2);
    expect(() => median([])).toThrow(RangeError);
    expect(() => median([Number.NaN])).toThrow(RangeError);
  });
  it('does not reorder the caller’s array', () => {
    const sample = [3, 1, 2];
    median(sample);
    expect(sample).toEqual([3, 1, 2]);
  });
});

describe('ratio', () => {
  it('is ours over baseline', () => {
    expect(ratio(110, 100)).toBeCloseTo(1.1, 10);
    expect(ratio(50, 100)).toBe(0.5);
  });
  it('refuses zero, negative and non-finite inputs instead of returning Infinity or NaN', () => {
    expect(() => ratio(1, 0)).toThrow(RangeError);
    expect(() => ratio(0, 1)).toThrow(RangeError);
    expect(() => ratio(-1, 1)).toThrow(RangeError);
    expect(() => ratio(Number.NaN, 1)).toThrow(RangeError);
  });
});

describe('pairedRatio', () => {
  it('is the median of per-round ratios, immune to a slow round that hits both variants', () => {
    // Round 3 is 10× slower for both (a neighbour's burst): the pair still says 1.2.
    expect(pairedRatio([12, 24, 1200, 36], [10, 20, 1000, 30])).toBeCloseTo(1.2, 10);
  });
  it('refuses samples of different lengths', () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow(RangeError);
    expect(() => pairedRatio([], [])).toThrow(RangeError);
  });
});

describe('formatting', () => {
  it('rounds, and prints KB as size.mjs does (1 KB = 1024 bytes)', () => {
    expect(round(1.23456, 2)).toBe(1.23);
    expect(kb(1229)).toBe('1.20 KB');
    expect(times(1.049)).toBe('1.05×');
    expect(opsPerSec(1234567.4)).toBe('1 234 567 ops/s');
  });
  it('pads text columns left and numeric columns right under a rule', () => {
    const out = textTable([
      ['name', 'size'],
      ['core', '1.20 KB'],
      ['persona', '19.29 KB'],
    ]);
    expect(out.split('\n')).toEqual([
      'name     size',
      '-------  --------',
      'core      1.20 KB',
      'persona  19.29 KB',
    ]);
  });
  it('renders nothing for no rows', () => {
    expect(textTable([])).toBe('');
  });
});
