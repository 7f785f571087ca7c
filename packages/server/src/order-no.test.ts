import { describe, expect, it } from 'vitest';
import { generateOuterOrderNo, randomAlphanumeric } from './order-no.js';

describe('generateOuterOrderNo', () => {
  it('is 32 letters and digits: prefix, China-time timestamp, random tail', () => {
    const at = Date.UTC(2024, 5, 1, 16, 30, 5); // 2024-06-02 00:30:05 in Beijing
    const id = generateOuterOrderNo('SHOP', at);
    expect(id).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(id.startsWith('SHOP20240602003005')).toBe(true);
  });

  it('never repeats', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => generateOuterOrderNo()));
    expect(ids.size).toBe(2000);
  });

  it('refuses a prefix that would break the format', () => {
    expect(() => generateOuterOrderNo('SHOP-1')).toThrow(TypeError);
    expect(() => generateOuterOrderNo('ABCDEFGHI')).toThrow(TypeError);
  });
});

describe('randomAlphanumeric', () => {
  it('uses the whole alphabet roughly evenly', () => {
    const counts = new Map<string, number>();
    for (const c of randomAlphanumeric(62_000)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    for (const n of counts.values()) expect(n).toBeGreaterThan(800); // expected 1000 each
  });
});
