import { describe, expect, it } from 'vitest';
import { fetchOf, phasesOf } from './browser.js';

describe('phasesOf', () => {
  it('splits a run at the script marks', () => {
    expect(phasesOf({ run: 'r', t: 100, check: 1, scriptStart: 40, scriptEnd: 70 })).toEqual({
      beforeScript: 40,
      script: 30,
      afterScript: 30,
      afterDcl: 0,
    });
  });
  it('tells how much of the time after the script came after DOMContentLoaded', () => {
    const mark = {
      run: 'r',
      t: 100,
      check: 1,
      scriptStart: 40,
      scriptEnd: 70,
      domContentLoaded: 85,
    };
    expect(phasesOf(mark)?.afterDcl).toBe(15);
  });
  it('ends the script phase at done when the page finished inside its own script', () => {
    expect(phasesOf({ run: 'r', t: 50, check: 1, scriptStart: 40, scriptEnd: 60 })).toEqual({
      beforeScript: 40,
      script: 10,
      afterScript: 0,
      afterDcl: 0,
    });
  });
  it('has nothing to say about an unmarked page', () => {
    expect(phasesOf({ run: 'r', t: 50, check: 1 })).toBeUndefined();
  });
});

describe('fetchOf', () => {
  it('reads when the jsvm fetch began, how long it took, and the time from loaded to done', () => {
    expect(
      fetchOf({ run: 'r', t: 460, check: '{}', scriptFetchStart: 150, scriptResponseEnd: 410 }),
    ).toEqual({ start: 150, duration: 260, afterLoad: 50 });
  });
  it('has nothing to say about a page without that fetch', () => {
    expect(fetchOf({ run: 'r', t: 40, check: 1 })).toBeUndefined();
  });
});
