import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PENDING_KEY, startVerification } from './redirect.js';
import {
  consumeVerifyResult,
  parseVerifyResult,
  PENDING_MAX_AGE_MS,
  type VerifyResult,
} from './result.js';

// Real Chromium: the live location, history and sessionStorage. Each test moves the page's own
// URL with history.pushState (same document, no navigation) and puts it back afterwards.

const SEEDS_EXAMPLE =
  '%7B"code"%3A1001%2C"subCode"%3A"Z5051"%2C"reason"%3A"success"%2C"extInfo"%3A%7B%7D%7D';

let original = '';
let serial = 0;

/** A fresh once-encoded value per test: consumed values are remembered for the document's life. */
function value(extInfo: Record<string, unknown> = {}, code = 1000): string {
  serial += 1;
  return encodeURIComponent(
    JSON.stringify({ code, subCode: 'Z5055', reason: `b${serial}`, extInfo }),
  );
}

function go(relative: string, state: unknown = null): void {
  history.pushState(state, '', new URL(relative, location.origin).href);
}

beforeEach(() => {
  original = location.href;
  sessionStorage.removeItem(PENDING_KEY);
});

afterEach(() => {
  history.replaceState(null, '', original);
  sessionStorage.removeItem(PENDING_KEY);
});

function result(outcome: ReturnType<typeof parseVerifyResult>): VerifyResult {
  if (!outcome.ok) throw new Error(`expected a result, got ${outcome.error}`);
  return outcome.result;
}

describe('parseVerifyResult on the live location', () => {
  it('reads history routing from location (raw quotes become %22 in the address bar)', () => {
    go(`/return?order=7&response=${SEEDS_EXAMPLE}`);
    expect(location.search).toContain('%22code%22');
    expect(result(parseVerifyResult(location))).toStrictEqual({
      code: 1001,
      subCode: 'Z5051',
      reason: 'success',
      extInfo: {},
      passed: false,
      routing: 'history',
    });
  });

  it('reads hash routing from location, encoded twice as the seeds say', () => {
    const json =
      '{"code":1003,"subCode":"Z5052","reason":"system error","extInfo":{"certifyId":"sha02ba3a2ffad9f5c4780e42eaba933"}}';
    go(`/app/#/result?response=${encodeURIComponent(encodeURIComponent(json))}`);
    const r = result(parseVerifyResult(location));
    expect([r.routing, r.code, r.certifyId]).toEqual([
      'hash',
      1003,
      'sha02ba3a2ffad9f5c4780e42eaba933',
    ]);
  });

  it('is absent on a page without response', () => {
    go('/return?order=7#/done');
    expect(parseVerifyResult(location)).toStrictEqual({ ok: false, error: 'absent' });
  });
});

describe('consumeVerifyResult on the live location, history and sessionStorage', () => {
  it('strips response with replaceState, keeping other parameters, the hash route and history.state', () => {
    const state = { router: { position: 3 } };
    go(`/return?order=7&response=${value()}&lang=en#/done?tab=2`, state);
    const lengthBefore = history.length;
    expect(consumeVerifyResult().ok).toBe(true);
    expect(location.pathname + location.search + location.hash).toBe(
      '/return?order=7&lang=en#/done?tab=2',
    );
    expect(history.state).toStrictEqual(state);
    // Replaced, not pushed: Back does not bring the parameter back.
    expect(history.length).toBe(lengthBefore);
  });

  it('strips response from a hash route', () => {
    go(`/app/?x=1#/result?response=${encodeURIComponent(value())}&step=2`);
    const outcome = consumeVerifyResult();
    expect(outcome.ok && outcome.result.routing).toBe('hash');
    expect(location.pathname + location.search + location.hash).toBe('/app/?x=1#/result?step=2');
  });

  it('is one-shot: a second call returns absent', () => {
    go(`/return?response=${value()}`);
    expect(consumeVerifyResult().ok).toBe(true);
    expect(consumeVerifyResult()).toStrictEqual({
      ok: false,
      error: 'absent',
      correlation: { pending: false },
    });
  });

  it('matches the record startVerification wrote to sessionStorage, then clears it', () => {
    go('/checkout?order=7#pay');
    const navigations: string[] = [];
    startVerification({
      certifyUrl: 'http://m.alyms.cn/F4.xxxxxxx',
      certifyId: 'cid-42',
      // Everything real but the navigation itself, which would unload the test page.
      location: {
        pathname: location.pathname,
        search: location.search,
        hash: location.hash,
        assign: (url) => void navigations.push(String(url)),
      },
    });
    expect(navigations).toEqual(['http://m.alyms.cn/F4.xxxxxxx']);
    const stored = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as Record<
      string,
      unknown
    >;
    expect(stored).toMatchObject({
      v: 1,
      certifyId: 'cid-42',
      returnPath: '/checkout?order=7#pay',
    });

    go(`/return?response=${value({ certifyId: 'cid-42' })}`);
    const { ok, correlation } = consumeVerifyResult();
    expect(ok).toBe(true);
    expect(correlation).toMatchObject({
      pending: true,
      certifyIdMatches: true,
      stale: false,
      returnPath: '/checkout?order=7#pay',
    });
    expect(correlation.ageMs).toBeGreaterThanOrEqual(0);
    expect(sessionStorage.getItem(PENDING_KEY)).toBeNull();
  });

  it('reports a certifyId mismatch, and still returns the result', () => {
    sessionStorage.setItem(
      PENDING_KEY,
      JSON.stringify({ v: 1, certifyId: 'cid-1', startedAt: Date.now() }),
    );
    go(`/return?response=${value({ certifyId: 'cid-2' })}`);
    const outcome = consumeVerifyResult();
    expect(outcome.ok && outcome.result.certifyId).toBe('cid-2');
    expect(outcome.correlation).toMatchObject({ pending: true, certifyIdMatches: false });
  });

  it('reports a record older than 30 minutes as stale', () => {
    const startedAt = Date.now() - PENDING_MAX_AGE_MS - 60_000;
    sessionStorage.setItem(PENDING_KEY, JSON.stringify({ v: 1, certifyId: 'cid-1', startedAt }));
    go(`/return?response=${value({ certifyId: 'cid-1' })}`);
    const { correlation } = consumeVerifyResult();
    expect(correlation).toMatchObject({ pending: true, certifyIdMatches: true, stale: true });
    expect(correlation.ageMs).toBeGreaterThan(PENDING_MAX_AGE_MS);
  });

  it('reports no pending record when startVerification never ran in this tab', () => {
    go(`/return?response=${value({ certifyId: 'cid-1' })}`);
    expect(consumeVerifyResult().correlation).toStrictEqual({ pending: false });
  });

  it('keeps the record when the page has no response (the user came back another way)', () => {
    sessionStorage.setItem(PENDING_KEY, JSON.stringify({ v: 1, startedAt: Date.now() }));
    go('/return?order=7');
    const outcome = consumeVerifyResult();
    expect(outcome).toMatchObject({ ok: false, error: 'absent', correlation: { pending: true } });
    expect(sessionStorage.getItem(PENDING_KEY)).not.toBeNull();
    expect(location.search).toBe('?order=7');
  });
});
