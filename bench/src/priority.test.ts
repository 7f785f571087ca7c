import { describe, expect, it } from 'vitest';
import { descendants, parentPid } from './priority.js';

describe('parentPid', () => {
  it('reads the ppid after the command, even when the command holds spaces and parentheses', () => {
    expect(parentPid('4242 (chromium (renderer) x) S 4100 4242 4242 0 -1')).toBe(4100);
    expect(parentPid('1 (init) S 0 1 1')).toBe(0);
  });
  it('gives up on text that is not a stat line', () => {
    expect(parentPid('garbage')).toBeUndefined();
  });
});

describe('descendants', () => {
  it('walks the whole tree below a pid and nothing beside it', () => {
    const parents = new Map([
      [10, 1], // the bench
      [11, 10], // browser
      [12, 11], // zygote
      [13, 12], // renderer
      [14, 12], // renderer
      [20, 1], // someone else's process
      [21, 20],
    ]);
    expect(descendants(10, parents).sort((a, b) => a - b)).toEqual([11, 12, 13, 14]);
    expect(descendants(13, parents)).toEqual([]);
  });
});
