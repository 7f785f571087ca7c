import { describe, expect, expectTypeOf, it } from 'vitest';
import { PENDING_KEY, type PendingRecord, type PendingStorage } from './pending.js';
import {
  consumeVerifyResult,
  decodeVerifyResponse,
  MAX_RESPONSE_LENGTH,
  parseVerifyResult,
  PENDING_MAX_AGE_MS,
  type ConsumeOptions,
  type ConsumeOutcome,
  type Correlation,
  type ParseError,
  type ParseOutcome,
  type VerifyResult,
} from './result.js';

/** The example value of the seeds, byte for byte: raw quotes, encoded braces, colons and commas. */
const SEEDS_EXAMPLE =
  '%7B"code"%3A1001%2C"subCode"%3A"Z5051"%2C"reason"%3A"success"%2C"extInfo"%3A%7B%7D%7D';

/** A real return as DESIGN.md quotes it: `code` is a JSON number, certifyId in extInfo. */
const REAL_JSON =
  '{"code":1003,"subCode":"Z5052","reason":"system error","extInfo":{"certifyId":"sha02ba3a2ffad9f5c4780e42eaba933"}}';

const enc = encodeURIComponent;
/** Form encoding, as URLSearchParams writes it: a space becomes `+`. */
const form = (text: string): string => new URLSearchParams({ v: text }).toString().slice(2);

function ok(outcome: ParseOutcome): VerifyResult {
  if (!outcome.ok) throw new Error(`expected a result, got ${outcome.error}`);
  return outcome.result;
}

describe('decodeVerifyResponse', () => {
  it('decodes the seeds example value (raw quotes, one level of encoding)', () => {
    expect(ok(decodeVerifyResponse(SEEDS_EXAMPLE))).toStrictEqual({
      code: 1001,
      subCode: 'Z5051',
      reason: 'success',
      extInfo: {},
      passed: false,
      routing: 'history',
    });
  });

  it('decodes the real-world return and takes certifyId from extInfo', () => {
    const result = ok(decodeVerifyResponse(enc(REAL_JSON)));
    expect(result).toStrictEqual({
      code: 1003,
      subCode: 'Z5052',
      reason: 'system error',
      extInfo: { certifyId: 'sha02ba3a2ffad9f5c4780e42eaba933' },
      certifyId: 'sha02ba3a2ffad9f5c4780e42eaba933',
      passed: false,
      routing: 'history',
    });
  });

  it('accepts 0, 1, 2 and 3 levels of encoding, and no more', () => {
    const levels = [REAL_JSON, enc(REAL_JSON), enc(enc(REAL_JSON)), enc(enc(enc(REAL_JSON)))];
    for (const raw of levels) expect(ok(decodeVerifyResponse(raw)).code).toBe(1003);
    expect(decodeVerifyResponse(enc(enc(enc(enc(REAL_JSON)))))).toStrictEqual({
      ok: false,
      error: 'malformed',
    });
  });

  it('reads + as a space in form-encoded levels', () => {
    expect(form(REAL_JSON)).toContain('system+error');
    expect(ok(decodeVerifyResponse(form(REAL_JSON))).reason).toBe('system error');
    expect(ok(decodeVerifyResponse(form(form(REAL_JSON)))).reason).toBe('system error');
  });

  it('keeps a literal % and + inside reason, whichever encoder and however many levels', () => {
    const json = JSON.stringify({ code: 2006, reason: '100% + 50%2B a+b %E4', extInfo: {} });
    for (const raw of [json, enc(json), enc(enc(json)), form(json), form(form(json))])
      expect(ok(decodeVerifyResponse(raw)).reason).toBe('100% + 50%2B a+b %E4');
  });

  it('turns a numeric-string code into a number; 1000 is passed', () => {
    const result = ok(decodeVerifyResponse('{"code":"1000","extInfo":{}}'));
    expect(result.code).toBe(1000);
    expect(result.passed).toBe(true);
    expect(ok(decodeVerifyResponse('{"code":1000}')).passed).toBe(true);
    expect(ok(decodeVerifyResponse('{"code":"2006"}')).passed).toBe(false);
  });

  it('leaves missing or unusable optional fields absent, never null or empty', () => {
    for (const json of [
      '{"code":1001}',
      '{"code":1001,"subCode":null,"reason":"","extInfo":null}',
      '{"code":1001,"subCode":5051,"reason":{"a":1},"extInfo":{"certifyId":42}}',
    ]) {
      const result = ok(decodeVerifyResponse(json));
      expect(Object.keys(result).sort()).toEqual(['code', 'extInfo', 'passed', 'routing']);
    }
  });

  it('replaces an extInfo that is not an object with {}', () => {
    for (const extInfo of ['[1,2]', '"x"', '7', 'null', 'true'])
      expect(ok(decodeVerifyResponse(`{"code":1001,"extInfo":${extInfo}}`)).extInfo).toEqual({});
  });

  it('calls JSON that is not an object with a usable code invalid', () => {
    for (const json of [
      '[]',
      '[{"code":1000}]',
      '"1000"',
      '1000',
      'null',
      'true',
      '{}',
      '{"code":""}',
      '{"code":" 1000"}',
      '{"code":"10a0"}',
      '{"code":1.5}',
      '{"code":-1}',
      '{"code":1e21}',
      '{"code":1234567890}',
      '{"code":true}',
      '{"code":null}',
      '{"code":[1000]}',
      '{"code":{"value":1000}}',
    ])
      expect(decodeVerifyResponse(json), json).toStrictEqual({ ok: false, error: 'invalid' });
    // Also after decoding.
    expect(decodeVerifyResponse(enc('[1000]'))).toStrictEqual({ ok: false, error: 'invalid' });
  });

  it('calls text that never parses malformed, including broken percent escapes', () => {
    for (const raw of ['', 'hello', '%7B', '%7B"code"%3A1000', '%E4%B8', '%ZZ', '{"code":1000'])
      expect(decodeVerifyResponse(raw), raw).toStrictEqual({ ok: false, error: 'malformed' });
  });

  it('calls a missing value absent (null from URLSearchParams#get)', () => {
    expect(decodeVerifyResponse(new URLSearchParams('a=1').get('response'))).toStrictEqual({
      ok: false,
      error: 'absent',
    });
    expect(decodeVerifyResponse(undefined)).toStrictEqual({ ok: false, error: 'absent' });
  });

  it('refuses a raw value over 8 KB before decoding it, and accepts one of exactly 8 KB', () => {
    const base = '{"code":1001,"reason":"","extInfo":{}}';
    const exact = base.replace('""', `"${'x'.repeat(MAX_RESPONSE_LENGTH - base.length)}"`);
    expect(exact).toHaveLength(8192);
    expect(ok(decodeVerifyResponse(exact)).code).toBe(1001);
    expect(decodeVerifyResponse(exact.replace('x', 'xx'))).toStrictEqual({
      ok: false,
      error: 'too-large',
    });
    expect(decodeVerifyResponse('%'.repeat(100_000))).toStrictEqual({
      ok: false,
      error: 'too-large',
    });
  });

  it('drops __proto__ and constructor keys at every depth, so merging the result pollutes nothing', () => {
    const json =
      '{"code":1000,"__proto__":{"passed":true},"extInfo":{"certifyId":"c1","__proto__":{"polluted":1},' +
      '"constructor":{"prototype":{"polluted":1}},"nested":{"__proto__":{"polluted":1},"list":[{"constructor":{"prototype":{"polluted":1}}}],"keep":1}}}';
    for (const raw of [json, enc(json), enc(enc(json))]) {
      const { extInfo } = ok(decodeVerifyResponse(raw));
      expect(extInfo).toStrictEqual({ certifyId: 'c1', nested: { list: [{}], keep: 1 } });
      expect(Object.getPrototypeOf(extInfo)).toBe(Object.prototype);
      // What a careless consumer does with it: a naive recursive merge with [[Set]].
      const merge = (target: Record<string, unknown>, source: Record<string, unknown>): void => {
        for (const key in source) {
          const value = source[key];
          if (value && typeof value === 'object') {
            const next = (target[key] ??= {}) as Record<string, unknown>;
            merge(next, value as Record<string, unknown>);
          } else target[key] = value;
        }
      };
      merge({}, extInfo);
      Object.assign({}, extInfo);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('copies the routing it is given', () => {
    expect(ok(decodeVerifyResponse(REAL_JSON, 'hash')).routing).toBe('hash');
  });
});

describe('parseVerifyResult', () => {
  const once = enc(REAL_JSON);
  const twice = enc(once);

  it('finds response in the query (history routing)', () => {
    const result = ok(parseVerifyResult(`https://shop.example/return?response=${once}`));
    expect(result.routing).toBe('history');
    expect(result.certifyId).toBe('sha02ba3a2ffad9f5c4780e42eaba933');
  });

  it('finds response among other parameters and before a hash', () => {
    const url = `https://shop.example/r?a=1&response=${once}&b=2#/somewhere?x=1`;
    expect(ok(parseVerifyResult(url)).routing).toBe('history');
  });

  it('finds response inside the hash route, encoded twice (the seeds) or once', () => {
    for (const value of [twice, once]) {
      const result = ok(parseVerifyResult(`https://shop.example/app/#/result?response=${value}`));
      expect(result.routing).toBe('hash');
      expect(result.code).toBe(1003);
    }
    expect(ok(parseVerifyResult(`https://shop.example/#response=${twice}`)).routing).toBe('hash');
    expect(ok(parseVerifyResult(`https://s.example/?a=1#/r?b=2&response=${twice}`)).routing).toBe(
      'hash',
    );
  });

  it('prefers the query when both carry response', () => {
    const other = enc('{"code":2006}');
    const result = ok(
      parseVerifyResult(`https://s.example/?response=${other}#/r?response=${twice}`),
    );
    expect([result.code, result.routing]).toEqual([2006, 'history']);
  });

  it('reads the seeds example in a URL, raw quotes and all, as string or parsed URL', () => {
    const href = `https://shop.example/return?response=${SEEDS_EXAMPLE}`;
    expect(ok(parseVerifyResult(href)).subCode).toBe('Z5051');
    // The URL parser percent-encodes the quotes; the result is the same.
    expect(new URL(href).href).toContain('%22code%22');
    expect(ok(parseVerifyResult(new URL(href))).subCode).toBe('Z5051');
  });

  it('reads relative URLs', () => {
    expect(ok(parseVerifyResult(`/return?response=${once}`)).code).toBe(1003);
  });

  it('reports absent when there is no response parameter, including look-alike names and paths', () => {
    for (const url of [
      'https://shop.example/return',
      'https://shop.example/return?responses=1',
      'https://shop.example/return?xresponse=1&response_=2',
      'https://shop.example/response=%7B%7D',
      `https://shop.example/a&response=${once}`,
      `https://shop.example/a&response=${once}/?b=1#c`,
      '',
    ])
      expect(parseVerifyResult(url), url).toStrictEqual({ ok: false, error: 'absent' });
  });

  it('reports malformed, invalid and too-large values found in a URL', () => {
    expect(parseVerifyResult('https://s.example/?response=')).toStrictEqual({
      ok: false,
      error: 'malformed',
    });
    expect(parseVerifyResult(`https://s.example/?response=${enc('{"x":1}')}`)).toStrictEqual({
      ok: false,
      error: 'invalid',
    });
    expect(parseVerifyResult(`https://s.example/?response=${'a'.repeat(9000)}`)).toStrictEqual({
      ok: false,
      error: 'too-large',
    });
  });
});

/** A fake browser: location, history (replaceState updates the href, as browsers do) and storage. */
function fakeBrowser(href: string, record?: PendingRecord | string) {
  const items = new Map<string, string>();
  if (record !== undefined)
    items.set(PENDING_KEY, typeof record === 'string' ? record : JSON.stringify(record));
  const calls: { state: unknown; url: string }[] = [];
  const location = { href };
  const state = { router: 'keep me' };
  const history = {
    state,
    replaceState(nextState: unknown, _unused: string, url?: string | URL | null) {
      calls.push({ state: nextState, url: String(url) });
      location.href = String(url);
    },
  };
  const storage: PendingStorage = {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
  const options: ConsumeOptions = { location, history, storage, now: 1_700_000_000_000 };
  return { options, calls, items, location, state };
}

/** Each test uses its own value: the module remembers consumed values for the document's life. */
let serial = 0;
function freshValue(extInfo: Record<string, unknown> = {}): string {
  serial += 1;
  return enc(JSON.stringify({ code: 1000, subCode: 'Z5050', reason: `r${serial}`, extInfo }));
}

describe('consumeVerifyResult', () => {
  it('strips response, keeping every other parameter, the hash route and history.state', () => {
    const cases: [string, string][] = [
      ['https://s.example/r?a=1&response=V&b=2#/h?x=1', 'https://s.example/r?a=1&b=2#/h?x=1'],
      ['https://s.example/r?response=V&b=2', 'https://s.example/r?b=2'],
      ['https://s.example/r?a=1&response=V', 'https://s.example/r?a=1'],
      ['https://s.example/r?response=V', 'https://s.example/r'],
      ['https://s.example/r?response=V#/route', 'https://s.example/r#/route'],
      ['https://s.example/#/r?response=V&x=1', 'https://s.example/#/r?x=1'],
      ['https://s.example/#/r?x=1&response=V', 'https://s.example/#/r?x=1'],
      ['https://s.example/#/r?response=V', 'https://s.example/#/r'],
      ['https://s.example/#response=V&x=1', 'https://s.example/#x=1'],
      ['https://s.example/#response=V', 'https://s.example/'],
      ['https://s.example/?q=%20a+b&response=V&z=%2B', 'https://s.example/?q=%20a+b&z=%2B'],
    ];
    for (const [before, after] of cases) {
      const value = freshValue();
      const { options, calls, state } = fakeBrowser(before.replace('V', value));
      expect(consumeVerifyResult(options).ok, before).toBe(true);
      expect(calls, before).toEqual([{ state, url: after }]);
      expect(calls[0]?.state).toBe(state);
    }
  });

  it('is one-shot: a second call finds nothing', () => {
    const { options } = fakeBrowser(`https://s.example/?response=${freshValue()}`);
    expect(consumeVerifyResult(options).ok).toBe(true);
    expect(consumeVerifyResult(options)).toStrictEqual({
      ok: false,
      error: 'absent',
      correlation: { pending: false },
    });
  });

  it('stays one-shot when replaceState throws (Safari throttling)', () => {
    const href = `https://s.example/?response=${freshValue()}`;
    const history = {
      state: null,
      replaceState() {
        throw new DOMException('throttled', 'SecurityError');
      },
    };
    const { options } = fakeBrowser(href);
    expect(consumeVerifyResult({ ...options, history }).ok).toBe(true);
    expect(consumeVerifyResult({ ...options, history }).ok).toBe(false);
  });

  const started = 1_700_000_000_000 - 60_000;

  it('reports a matching certifyId and clears the pending record', () => {
    const value = freshValue({ certifyId: 'cid-1' });
    const { options, items } = fakeBrowser(`https://s.example/?response=${value}`, {
      v: 1,
      certifyId: 'cid-1',
      startedAt: started,
      returnPath: '/checkout?step=3#top',
    });
    const outcome = consumeVerifyResult(options);
    expect(outcome.ok && outcome.result.certifyId).toBe('cid-1');
    expect(outcome.correlation).toStrictEqual({
      pending: true,
      certifyId: 'cid-1',
      certifyIdMatches: true,
      stale: false,
      ageMs: 60_000,
      returnPath: '/checkout?step=3#top',
    });
    expect(items.has(PENDING_KEY)).toBe(false);
  });

  it('hands back the certifyId and the ticket the record holds, for the describe of this tab', () => {
    const value = freshValue({ certifyId: 'cid-1' });
    const { options } = fakeBrowser(`https://s.example/?response=${value}`, {
      v: 1,
      certifyId: 'cid-1',
      ticket: 'v1.opaque.mac',
      startedAt: started,
    });
    expect(consumeVerifyResult(options).correlation).toStrictEqual({
      pending: true,
      certifyId: 'cid-1',
      ticket: 'v1.opaque.mac',
      certifyIdMatches: true,
      stale: false,
      ageMs: 60_000,
    });
  });

  it('ignores a ticket or certifyId in the record that is not a non-empty string', () => {
    // A foreign writer's record: passed as its JSON text, since PendingRecord would refuse it.
    const { options } = fakeBrowser(
      `https://s.example/?response=${freshValue()}`,
      JSON.stringify({ v: 1, certifyId: 42, ticket: '', startedAt: started }),
    );
    const { correlation } = consumeVerifyResult(options);
    expect(correlation).not.toHaveProperty('certifyId');
    expect(correlation).not.toHaveProperty('ticket');
  });

  it('reports a certifyId mismatch without hiding the result', () => {
    const value = freshValue({ certifyId: 'cid-other' });
    const { options } = fakeBrowser(`https://s.example/?response=${value}`, {
      v: 1,
      certifyId: 'cid-1',
      startedAt: started,
    });
    const outcome = consumeVerifyResult(options);
    expect(outcome.ok).toBe(true);
    expect(outcome.correlation).toStrictEqual({
      pending: true,
      certifyId: 'cid-1',
      certifyIdMatches: false,
      stale: false,
      ageMs: 60_000,
    });
  });

  it('reports a record older than 30 minutes (or from the future) as stale', () => {
    const now = 1_700_000_000_000;
    const cases: [number, boolean][] = [
      [now - PENDING_MAX_AGE_MS, false],
      [now - PENDING_MAX_AGE_MS - 1, true],
      [now - 2 * 3_600_000, true],
      [now + 5_000, true],
    ];
    for (const [startedAt, stale] of cases) {
      const { options } = fakeBrowser(`https://s.example/?response=${freshValue()}`, {
        v: 1,
        startedAt,
      });
      const { correlation } = consumeVerifyResult(options);
      expect(correlation).toStrictEqual({ pending: true, stale, ageMs: now - startedAt });
    }
    const { options } = fakeBrowser(`https://s.example/?response=${freshValue()}`, {
      v: 1,
      startedAt: now - 10_000,
    });
    expect(consumeVerifyResult({ ...options, maxAgeMs: 5_000 }).correlation.stale).toBe(true);
  });

  it('leaves certifyIdMatches out when either side has no certifyId', () => {
    const withoutInResult = fakeBrowser(`https://s.example/?response=${freshValue()}`, {
      v: 1,
      certifyId: 'cid-1',
      startedAt: started,
    });
    expect(consumeVerifyResult(withoutInResult.options).correlation).not.toHaveProperty(
      'certifyIdMatches',
    );
    const withoutInRecord = fakeBrowser(
      `https://s.example/?response=${freshValue({ certifyId: 'cid-1' })}`,
      { v: 1, startedAt: started },
    );
    expect(consumeVerifyResult(withoutInRecord.options).correlation).not.toHaveProperty(
      'certifyIdMatches',
    );
  });

  it('reports no pending record when there is none, it is foreign, or storage is unusable', () => {
    const href = (): string => `https://s.example/?response=${freshValue()}`;
    for (const record of [undefined, 'not json', '{"v":2,"startedAt":1}', '{"v":1}', 'null', '7'])
      expect(consumeVerifyResult(fakeBrowser(href(), record).options).correlation).toStrictEqual({
        pending: false,
      });
    const throwing: PendingStorage = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => undefined,
      removeItem: () => undefined,
    };
    const { options } = fakeBrowser(href());
    expect(consumeVerifyResult({ ...options, storage: throwing }).correlation).toStrictEqual({
      pending: false,
    });
    expect(consumeVerifyResult({ ...fakeBrowser(href()).options, storage: null }).ok).toBe(true);
  });

  it('survives a storage whose removeItem throws', () => {
    const record = JSON.stringify({ v: 1, startedAt: started });
    const storage: PendingStorage = {
      getItem: () => record,
      setItem: () => undefined,
      removeItem: () => {
        throw new Error('read-only');
      },
    };
    const { options } = fakeBrowser(`https://s.example/?response=${freshValue()}`);
    expect(consumeVerifyResult({ ...options, storage }).correlation.pending).toBe(true);
  });

  it('keeps the record when no response arrived, and reports it', () => {
    const { options, items, calls } = fakeBrowser('https://s.example/return?a=1', {
      v: 1,
      startedAt: started,
    });
    const outcome = consumeVerifyResult(options);
    expect(outcome).toMatchObject({ ok: false, error: 'absent', correlation: { pending: true } });
    expect(items.has(PENDING_KEY)).toBe(true);
    expect(calls).toEqual([]);
  });

  it('strips and clears even when the value is unusable, and says why', () => {
    const { options, items, calls } = fakeBrowser('https://s.example/?x=1&response=%7Bbroken', {
      v: 1,
      certifyId: 'cid-1',
      startedAt: started,
    });
    const outcome = consumeVerifyResult(options);
    expect(outcome).toStrictEqual({
      ok: false,
      error: 'malformed',
      correlation: { pending: true, certifyId: 'cid-1', stale: false, ageMs: 60_000 },
    });
    expect(calls.map((c) => c.url)).toEqual(['https://s.example/?x=1']);
    expect(items.has(PENDING_KEY)).toBe(false);
  });

  it('outside a browser finds nothing and does not throw', () => {
    expect(consumeVerifyResult()).toStrictEqual({
      ok: false,
      error: 'absent',
      correlation: { pending: false },
    });
  });
});

describe('public types', () => {
  it('match the contract', () => {
    expectTypeOf<VerifyResult>().toEqualTypeOf<{
      code: number;
      subCode?: string;
      reason?: string;
      extInfo: Record<string, unknown>;
      certifyId?: string;
      passed: boolean;
      routing: 'history' | 'hash' | 'iframe';
    }>();
    expectTypeOf<ParseOutcome>().toEqualTypeOf<
      | { ok: true; result: VerifyResult }
      | { ok: false; error: 'absent' | 'malformed' | 'invalid' | 'too-large' }
    >();
    expectTypeOf(parseVerifyResult).parameter(0).toEqualTypeOf<string | URL | Location>();
    expectTypeOf(consumeVerifyResult).returns.toEqualTypeOf<ConsumeOutcome>();
    expectTypeOf<ConsumeOutcome['correlation']>().toEqualTypeOf<Correlation>();
    // The outcome narrows on `ok`.
    const outcome = decodeVerifyResponse('{"code":1000}');
    if (outcome.ok) expectTypeOf(outcome.result.code).toBeNumber();
    else expectTypeOf(outcome.error).toEqualTypeOf<ParseError>();
    // @ts-expect-error no result without checking ok first
    void outcome.result;
    // @ts-expect-error routing is one of two words
    decodeVerifyResponse('{}', 'query');
    // @ts-expect-error parse takes a URL, not options
    parseVerifyResult({ href: 'https://x.example/' });
    // @ts-expect-error consume's options are typed
    consumeVerifyResult({ maxAgeMs: '30m' });
  });
});
