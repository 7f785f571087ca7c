/**
 * The return page: `response` is consumed once, shown in the user's language, never as final on
 * the browser's word, confirmed through `describe-url` (only for the certifyId this tab started,
 * with its ticket), flagged when it does not belong to this tab's verification, and never re-fired
 * by a reload, a move in the DOM or a bfcache restore.
 */
import { describeVerifyCode } from '@aliyun-face-verify/core';
import { delay, http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import '../aliyun-face-verify.js';
import { STRINGS, type AliyunFaceVerify } from '../index.js';
import {
  $,
  cleanup,
  encodeResponse,
  expectAccessible,
  facts,
  heading,
  JSVM,
  mockServer,
  pending,
  record,
  returnWith,
  stage,
  text,
  until,
  type Recorded,
} from '../../test/helpers.js';

const DESCRIBE = '/api/face-verify/describe';
const zh = STRINGS['zh-CN'];
const en = STRINGS.en;
const worker = await mockServer();
let describeBodies: unknown[] = [];

/** Makes the describe endpoint answer with `reply`, recording request bodies. */
function describeReplies(reply: () => Response | Promise<Response>): void {
  worker.use(
    http.post(DESCRIBE, async ({ request }) => {
      describeBodies.push(await request.json());
      return reply();
    }),
  );
}

interface Mounted {
  el: AliyunFaceVerify;
  seen: Recorded;
}

/**
 * Mounts the element on the current (return) URL, recording from before it connects. A new attempt
 * loads the jsvm stand-in from the test server, whose host is allowed.
 */
async function mount(attributes: Record<string, string> = {}): Promise<Mounted> {
  const el = document.createElement('aliyun-face-verify');
  for (const [name, value] of Object.entries({
    'script-src': JSVM,
    'allowed-hosts': location.host,
    ...attributes,
  }))
    el.setAttribute(name, value);
  const seen = record(el);
  stage().append(el);
  await el.updateComplete;
  return { el, seen };
}

/** Waits for the one result event and a render. */
async function resulted({ el, seen }: Mounted) {
  await until(() => seen['face-verify-result'].length === 1);
  await el.updateComplete;
  return seen['face-verify-result'][0]?.detail;
}

const tick = (ms = 50): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A 1000 result for `certifyId`. Each value is unique: core remembers every raw value this document
 * consumed (one-shot even where replaceState fails), so a repeated value would read as absent.
 */
let seq = 0;
const success = (certifyId = 'sha-r1') =>
  encodeResponse({
    code: 1000,
    subCode: 'Z5051',
    reason: 'success',
    extInfo: { certifyId, seq: ++seq },
  });

beforeEach(() => {
  cleanup();
  describeBodies = [];
});
afterEach(() => {
  worker.resetHandlers();
  cleanup();
});

describe('without describe-url', () => {
  it('1000 reads "submitted, awaiting confirmation", never "verified"; fires once; strips the parameter', async () => {
    pending('sha-r1');
    returnWith(success());
    const m = await mount();
    expect(heading(m.el)).toBe(zh.awaitingTitle);
    expect(text(m.el)).not.toContain(zh.passedTitle);
    expect(text(m.el)).toContain('sha-r1');
    expect(location.href).not.toContain('response=');
    expect(location.search).toContain('sessionId=');
    const detail = await resulted(m);
    expect(detail).toEqual({
      source: 'return',
      result: {
        code: 1000,
        subCode: 'Z5051',
        reason: 'success',
        extInfo: { certifyId: 'sha-r1', seq: expect.any(Number) },
        certifyId: 'sha-r1',
        passed: true,
        routing: 'history',
      },
      correlation: expect.objectContaining({ pending: true, certifyIdMatches: true, stale: false }),
    });
    expect(sessionStorage.getItem('aliyun-face-verify:pending')).toBeNull();
    await expectAccessible(m.el);
    await tick();
    expect(m.seen['face-verify-result']).toHaveLength(1);
    expect(m.seen['face-verify-described']).toEqual([]);
  });

  it('a failure shows the code’s title, message and a new attempt, in English too', async () => {
    pending('sha-q');
    returnWith(
      encodeResponse({ code: 1003, subCode: 'Z5055', reason: 'user quit', extInfo: {} }),
      'hash',
    );
    const m = await mount({ lang: 'en' });
    const expected = describeVerifyCode(1003, 'Z5055', 'en');
    expect(heading(m.el)).toBe(expected.title);
    expect(text(m.el)).toContain(expected.message);
    expect(text(m.el)).toContain('user quit');
    expect($(m.el, 'button[part~="again"]').textContent?.trim()).toBe(en.again);
    const detail = await resulted(m);
    expect(detail?.source === 'return' && detail.result.routing).toBe('hash');
    expect(location.hash).toBe('#/verify');
    await expectAccessible(m.el);
  });

  it('2006 without describe-url: the browser\'s "failed" with a new attempt', async () => {
    pending('sha-26');
    returnWith(encodeResponse({ code: 2006, subCode: 'Z5056', extInfo: { certifyId: 'sha-26' } }));
    const m = await mount();
    expect(heading(m.el)).toBe(describeVerifyCode(2006).title);
    expect($(m.el, 'button[part~="again"]').textContent?.trim()).toBe(zh.again);
    await resulted(m);
  });

  it('hash routing with the value encoded twice', async () => {
    pending('sha-h2');
    returnWith(encodeURIComponent(success('sha-h2')), 'hash');
    const m = await mount();
    const detail = await resulted(m);
    expect(detail?.source === 'return' && detail.result.certifyId).toBe('sha-h2');
  });

  it('"verify again" starts a new attempt (and leaves the result behind)', async () => {
    pending('sha-a');
    returnWith(encodeResponse({ code: 2002, subCode: 'Z5053', extInfo: {} }));
    const m = await mount();
    expect(heading(m.el)).toBe(describeVerifyCode(2002, 'Z5053').title);
    let called = 0;
    m.el.init = () => {
      called++;
      return new Promise(() => undefined);
    };
    $(m.el, 'button[part~="again"]').click();
    await until(() => called === 1);
    await m.el.updateComplete;
    expect(heading(m.el)).toBe(zh.init);
  });
});

describe('never re-fired', () => {
  it('a reload (a new element on the stripped URL) sees nothing', async () => {
    returnWith(success());
    const first = await mount();
    await resulted(first);
    const again = await mount();
    await tick();
    expect(heading(again.el)).toBe(zh.title);
    expect(Object.values(again.seen).flat()).toEqual([]);
  });

  it('moving the element in the DOM does not read or fire again', async () => {
    pending('sha-r1');
    returnWith(success());
    const m = await mount();
    await resulted(m);
    m.el.remove();
    stage().append(m.el);
    await m.el.updateComplete;
    await tick();
    expect(m.seen['face-verify-result']).toHaveLength(1);
    expect(heading(m.el)).toBe(zh.awaitingTitle);
  });

  it('a bfcache restore (pageshow persisted) keeps the view and fires nothing', async () => {
    pending('sha-r1');
    returnWith(success());
    const m = await mount();
    await resulted(m);
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await m.el.updateComplete;
    await tick();
    expect(m.seen['face-verify-result']).toHaveLength(1);
    expect(heading(m.el)).toBe(zh.awaitingTitle);
  });
});

describe('with describe-url', () => {
  it('shows a pending state, then the authoritative result; fires described once', async () => {
    let answer: () => void = () => undefined;
    describeReplies(async () => {
      await new Promise<void>((r) => (answer = r));
      return HttpResponse.json({
        certifyId: 'sha-r1',
        passed: true,
        subCode: '200',
        message: '认证通过',
      });
    });
    pending('sha-r1', Date.now(), 'tk-r1');
    returnWith(success());
    const m = await mount({ 'describe-url': DESCRIBE });
    const result = await resulted(m);
    // The ticket only goes back to describe: events get logged and posted.
    expect(result?.source === 'return' && result.correlation).toEqual(
      expect.objectContaining({ certifyId: 'sha-r1', pending: true }),
    );
    expect(result?.source === 'return' && result.correlation).not.toHaveProperty('ticket');
    await until(() => describeBodies.length === 1);
    await m.el.updateComplete;
    expect(heading(m.el)).toBe(zh.describe);
    expect($(m.el, '[part="status"]').textContent?.trim()).toBe(zh.describe);
    expect(text(m.el)).not.toContain(zh.passedTitle);
    await expectAccessible(m.el);
    expect(describeBodies).toEqual([{ certifyId: 'sha-r1', ticket: 'tk-r1' }]);
    answer();
    await m.el.settled;

    expect(m.seen['face-verify-described']).toHaveLength(1);
    await m.el.updateComplete;
    expect(heading(m.el)).toBe(zh.passedTitle);
    expect(text(m.el)).toContain('认证通过');
    expect($(m.el, '[part~="result"]').className).toContain('success');
    expect(m.seen['face-verify-described'][0]?.detail).toEqual({
      certifyId: 'sha-r1',
      passed: true,
      subCode: '200',
      message: '认证通过',
    });
    expect(m.el.shadowRoot?.activeElement).toBe($(m.el, 'h2'));
    await expectAccessible(m.el);
  });

  it('the server says no: its SubCode text, whatever the browser claimed', async () => {
    describeReplies(() =>
      HttpResponse.json({ certifyId: 'sha-r1', passed: false, subCode: '205', message: 'risk' }),
    );
    pending('sha-r1');
    returnWith(success());
    const m = await mount({ 'describe-url': DESCRIBE, lang: 'en' });
    await m.el.settled;

    expect(m.seen['face-verify-described']).toHaveLength(1);
    await m.el.updateComplete;
    expect(heading(m.el)).toBe(en.failedTitle);
    // The merchant server's own message, as text.
    expect($(m.el, '[part~="result"] p').textContent).toBe('risk');
    expect($(m.el, 'button[part~="again"]')).toBeTruthy();
  });

  it('2006 is confirmed on the server too (the browser cannot tell why)', async () => {
    describeReplies(() =>
      HttpResponse.json({ certifyId: 'sha-f', passed: false, subCode: '207', message: 'x' }),
    );
    pending('sha-f');
    returnWith(encodeResponse({ code: 2006, extInfo: { certifyId: 'sha-f' } }));
    const m = await mount({ 'describe-url': DESCRIBE });
    await m.el.settled;

    expect(m.seen['face-verify-described']).toHaveLength(1);
    expect(describeBodies).toEqual([{ certifyId: 'sha-f' }]);
  });

  it('other codes are not queried (the cloud would answer 424)', async () => {
    describeReplies(() => HttpResponse.json({}));
    pending('sha-s');
    returnWith(encodeResponse({ code: 1001, extInfo: { certifyId: 'sha-s' } }));
    const m = await mount({ 'describe-url': DESCRIBE });
    await resulted(m);
    await tick(200);
    expect(describeBodies).toEqual([]);
    expect(heading(m.el)).toBe(describeVerifyCode(1001).title);
  });

  it('a describe failure shows a retry that asks again', async () => {
    describeReplies(() => new HttpResponse(null, { status: 500 }));
    pending('sha-r1');
    returnWith(success());
    const m = await mount({ 'describe-url': DESCRIBE, lang: 'en' });
    await m.el.settled;

    expect(m.seen['face-verify-error']).toHaveLength(1);
    await m.el.updateComplete;
    expect(m.seen['face-verify-error'][0]?.detail).toEqual({
      code: 'describe-failed',
      stage: 'describe',
      message: en.server,
      failure: 'http',
      status: 500,
    });
    expect(heading(m.el)).toBe(en.errorTitle);
    describeReplies(() =>
      HttpResponse.json({ certifyId: 'sha-r1', passed: true, subCode: '200', message: 'ok' }),
    );
    $(m.el, 'button[part~="retry"]').click();
    await m.el.settled;

    expect(m.seen['face-verify-described']).toHaveLength(1);
    await m.el.updateComplete;
    expect(heading(m.el)).toBe(en.passedTitle);
    expect(describeBodies).toHaveLength(2);
  });

  it('a result the server has not recorded yet (not-ready)', async () => {
    describeReplies(() =>
      HttpResponse.json(
        { error: { code: 'not-ready', message: 'x', upstreamCode: '424' } },
        { status: 409 },
      ),
    );
    pending('sha-r1');
    returnWith(success());
    const m = await mount({ 'describe-url': DESCRIBE, lang: 'en' });
    await m.el.settled;

    expect(m.seen['face-verify-error']).toHaveLength(1);
    expect(m.seen['face-verify-error'][0]?.detail.message).toBe(en.unconfirmed);
  });

  it('a describe that hangs times out', async () => {
    describeReplies(async () => {
      await delay('infinite');
      return HttpResponse.json({});
    });
    pending('sha-r1');
    returnWith(success());
    const m = await mount({ 'describe-url': DESCRIBE, timeout: '300' });
    await m.el.settled;

    expect(m.seen['face-verify-error']).toHaveLength(1);
    expect(m.seen['face-verify-error'][0]?.detail).toMatchObject({
      code: 'describe-failed',
      failure: 'timeout',
    });
  });
});

describe('describe asks only about what this tab started', () => {
  it('a result without a certifyId: the certifyId of the pending record, with its ticket', async () => {
    describeReplies(() =>
      HttpResponse.json({ certifyId: 'sha-mine', passed: true, subCode: '200', message: 'ok' }),
    );
    pending('sha-mine', Date.now(), 'tk-mine');
    returnWith(encodeResponse({ code: 1000, extInfo: { seq: ++seq } }));
    const m = await mount({ 'describe-url': DESCRIBE, lang: 'en' });
    await m.el.settled;

    expect(m.seen['face-verify-described']).toHaveLength(1);
    await m.el.updateComplete;
    expect(describeBodies).toEqual([{ certifyId: 'sha-mine', ticket: 'tk-mine' }]);
    expect(heading(m.el)).toBe(en.passedTitle);
    expect(facts(m.el)[en.certifyId]).toBe('sha-mine');
  });

  it('a verdict about another certifyId is no answer: describe-failed, nothing described', async () => {
    describeReplies(() =>
      HttpResponse.json({ certifyId: 'sha-other', passed: true, subCode: '200', message: 'ok' }),
    );
    pending('sha-r1', Date.now(), 'tk-r1');
    returnWith(success());
    const m = await mount({ 'describe-url': DESCRIBE, lang: 'en' });
    await m.el.settled;

    expect(m.seen['face-verify-error']).toHaveLength(1);
    await m.el.updateComplete;
    expect(m.seen['face-verify-error'][0]?.detail).toEqual({
      code: 'describe-failed',
      stage: 'describe',
      message: en.malformed,
      failure: 'malformed',
    });
    expect(m.seen['face-verify-described']).toEqual([]);
    expect(text(m.el)).not.toContain(en.passedTitle);
  });
});

describe('results that do not belong to this tab', () => {
  /** Counts every request to the describe endpoint, whether or not a handler answers it. */
  function countDescribes(): { count: () => number } {
    let count = 0;
    const listener = ({ request }: { request: Request }): void => {
      if (new URL(request.url).pathname === DESCRIBE) count++;
    };
    worker.events.on('request:start', listener);
    onTestFinished(() => worker.events.removeListener('request:start', listener));
    return { count: () => count };
  }

  it.each([
    ['zh-CN', zh],
    ['en', en],
  ] as const)(
    'a forged success opened in a fresh tab (no pending record, %s): unconfirmed, result-unmatched, never described',
    async (lang, t) => {
      const describes = countDescribes();
      describeReplies(() =>
        HttpResponse.json({
          certifyId: 'sha-attacker',
          passed: true,
          subCode: '200',
          message: 'ok',
        }),
      );
      returnWith(success('sha-attacker'));
      const m = await mount({ 'describe-url': DESCRIBE, lang });
      const detail = await resulted(m);
      expect(detail).toMatchObject({
        source: 'return',
        suspicion: 'unmatched',
        correlation: { pending: false },
        result: { code: 1000, certifyId: 'sha-attacker', passed: true },
      });
      await m.el.settled;

      expect(m.seen['face-verify-error']).toHaveLength(1);
      expect(m.seen['face-verify-error'][0]?.detail).toEqual({
        code: 'result-unmatched',
        stage: 'result',
        message: t.unmatched,
      });
      expect(heading(m.el)).toBe(t.suspectTitle);
      expect($(m.el, '[part="warning"]').textContent).toBe(t.unmatched);
      expect($(m.el, 'button[part~="again"]').textContent?.trim()).toBe(t.again);
      expect(text(m.el)).not.toContain(t.passedTitle);
      expect(text(m.el)).not.toContain(t.awaitingTitle);
      await expectAccessible(m.el);
      await tick(200);
      expect(describes.count()).toBe(0);
      expect(describeBodies).toEqual([]);
      expect(m.seen['face-verify-described']).toEqual([]);
      expect(m.seen['face-verify-error']).toHaveLength(1);
      expect(heading(m.el)).toBe(t.suspectTitle);
    },
  );

  it('a pending record without a certifyId is no match either', async () => {
    const describes = countDescribes();
    describeReplies(() =>
      HttpResponse.json({ certifyId: 'sha-x', passed: true, subCode: '200', message: 'ok' }),
    );
    pending(undefined, Date.now(), 'tk-x');
    returnWith(success('sha-x'));
    const m = await mount({ 'describe-url': DESCRIBE });
    expect(await resulted(m)).toMatchObject({
      suspicion: 'unmatched',
      correlation: { pending: true },
    });
    await m.el.settled;

    expect(m.seen['face-verify-error']).toHaveLength(1);
    expect(m.seen['face-verify-error'][0]?.detail.code).toBe('result-unmatched');
    await tick(200);
    expect(describes.count()).toBe(0);
    expect(m.seen['face-verify-described']).toEqual([]);
  });

  it('"verify again" from the unconfirmed view starts a new attempt', async () => {
    returnWith(success('sha-attacker'));
    const m = await mount();
    let called = 0;
    m.el.init = () => {
      called++;
      return new Promise(() => undefined);
    };
    await resulted(m);
    $(m.el, 'button[part~="again"]').click();
    await until(() => called === 1);
  });

  it('forged: another certifyId than the one started — a warning, never passed, not queried', async () => {
    describeReplies(() =>
      HttpResponse.json({ certifyId: 'sha-r1', passed: true, subCode: '200', message: 'ok' }),
    );
    pending('sha-mine');
    returnWith(success('sha-r1'));
    const m = await mount({ 'describe-url': DESCRIBE });
    const detail = await resulted(m);
    expect(detail).toMatchObject({
      source: 'return',
      suspicion: 'forged',
      correlation: { certifyIdMatches: false },
    });
    expect(heading(m.el)).toBe(zh.suspectTitle);
    expect($(m.el, '[part="warning"]').textContent).toBe(zh.forged);
    expect(text(m.el)).not.toContain(zh.passedTitle);
    expect(text(m.el)).not.toContain(zh.awaitingTitle);
    await tick(200);
    expect(describeBodies).toEqual([]);
    await expectAccessible(m.el);
  });

  it('stale: started more than 30 minutes ago', async () => {
    pending('sha-r1', Date.now() - 31 * 60_000);
    returnWith(success('sha-r1'));
    const m = await mount({ lang: 'en' });
    expect(await resulted(m)).toMatchObject({ suspicion: 'stale', correlation: { stale: true } });
    expect(heading(m.el)).toBe(en.suspectTitle);
    expect($(m.el, '[part="warning"]').textContent).toBe(en.stale);
  });
});

describe('unreadable and hostile results', () => {
  it('a garbled response: an error with a new attempt, no result event', async () => {
    returnWith('%7Bnot-json');
    const m = await mount({ lang: 'en' });
    await m.el.settled;

    expect(m.seen['face-verify-error']).toHaveLength(1);
    expect(m.seen['face-verify-error'][0]?.detail).toEqual({
      code: 'result-unreadable',
      stage: 'result',
      message: en.unreadable,
    });
    expect($(m.el, '[part="error"] p').textContent).toBe(en.unreadable);
    expect($(m.el, 'button[part~="retry"]').textContent?.trim()).toBe(en.again);
    expect(m.seen['face-verify-result']).toEqual([]);
    expect(location.href).not.toContain('response=');
  });

  it('HTML in reason or extInfo is shown as text and never runs', async () => {
    const w = window as { __xss?: number };
    delete w.__xss;
    const reason = '<img src=x onerror="window.__xss=1"><b>bold</b>';
    const certifyId = '<script>window.__xss=2</script><svg onload="window.__xss=3">';
    returnWith(encodeResponse({ code: 1001, reason, extInfo: { certifyId, note: '<iframe>' } }));
    const m = await mount();
    const detail = await resulted(m);
    expect(detail?.source === 'return' && detail.result.reason).toBe(reason);
    expect(text(m.el)).toContain(reason);
    expect(text(m.el)).toContain(certifyId);
    const root = m.el.shadowRoot as ShadowRoot;
    expect(root.querySelector('img, b, script, svg, iframe')).toBeNull();
    await tick(200);
    expect(w.__xss).toBeUndefined();
  });
});
