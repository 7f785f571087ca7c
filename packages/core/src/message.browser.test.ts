import { afterEach, describe, expect, it } from 'vitest';
import { parseVerifyMessage, type VerifyMessageFrame } from './message.js';
import type { ParseOutcome } from './result.js';

// Real browser, real postMessage: frames post with their own realm's objects, the browser
// structured-clones them and fills in `origin` and `source`. A `srcdoc` frame shares this page's
// origin but is another window; a sandboxed one (without allow-same-origin) has an opaque origin.

const RESULT = { code: 1000, reason: 'success', extInfo: { certifyId: 'c0ffee' } };

/** What the frame posts, in order: two bits of chatter, then the result in every accepted form. */
const POSTS = `
  const result = ${JSON.stringify(RESULT)};
  const json = JSON.stringify(result);
  for (const data of [
    'ready',
    { type: 'resize', height: 640 },
    result,
    json,
    encodeURIComponent(json),
    encodeURIComponent(encodeURIComponent(json)),
    JSON.parse('{"code":1000,"reason":"success","__proto__":{"polluted":1},"extInfo":{"certifyId":"c0ffee","constructor":{"prototype":{"polluted":2}}}}'),
  ]) parent.postMessage(data, '*');
  parent.postMessage('done', '*');
`;

const EXPECTED_RESULT: ParseOutcome = {
  ok: true,
  result: {
    code: 1000,
    reason: 'success',
    extInfo: { certifyId: 'c0ffee' },
    certifyId: 'c0ffee',
    passed: true,
    routing: 'iframe',
  },
};

const frames: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const f of frames.splice(0)) f.remove();
});

/** Adds a frame that posts {@link POSTS} once loaded; `sandboxed` gives it an opaque origin. */
function addFrame(sandboxed = false): HTMLIFrameElement {
  const iframe = document.createElement('iframe');
  if (sandboxed) iframe.sandbox.add('allow-scripts');
  // Posting waits for the parent's go-ahead, so every listener is in place first.
  iframe.srcdoc = `<!doctype html><script>
    addEventListener('message', (e) => { if (e.data === 'go') { ${POSTS} } });
  </script>`;
  document.body.append(iframe);
  frames.push(iframe);
  return iframe;
}

const loaded = (iframe: HTMLIFrameElement): Promise<void> =>
  new Promise((resolve) => iframe.addEventListener('load', () => resolve(), { once: true }));

/** Starts every frame and resolves with the events each one posted, once each said 'done'. */
async function messagesFrom(iframes: HTMLIFrameElement[]): Promise<Map<Window, MessageEvent[]>> {
  await Promise.all(iframes.map(loaded));
  const seen = new Map<Window, MessageEvent[]>();
  await new Promise<void>((resolve) => {
    let pending = iframes.length;
    const onMessage = (event: MessageEvent): void => {
      const source = event.source as Window;
      seen.set(source, [...(seen.get(source) ?? []), event]);
      if (event.data === 'done' && --pending === 0) {
        removeEventListener('message', onMessage);
        resolve();
      }
    };
    addEventListener('message', onMessage);
    for (const iframe of iframes) iframe.contentWindow?.postMessage('go', '*');
  });
  return seen;
}

describe('parseVerifyMessage with real postMessage between frames', () => {
  it('reads the result in every form from the verification frame, and nothing else', async () => {
    const verification = addFrame();
    const foreignWindow = addFrame();
    const foreignOrigin = addFrame(true);
    const seen = await messagesFrom([verification, foreignWindow, foreignOrigin]);
    const frame: VerifyMessageFrame = {
      origin: location.origin,
      source: verification.contentWindow,
    };
    const parsed = (w: HTMLIFrameElement): (ParseOutcome | undefined)[] =>
      (seen.get(w.contentWindow as Window) ?? []).map((e) => parseVerifyMessage(e, frame));

    // Chatter, then the object, JSON, encoded once, encoded twice and the hostile object; 'done'.
    expect(parsed(verification)).toStrictEqual([
      undefined,
      undefined,
      ...Array<ParseOutcome>(5).fill(EXPECTED_RESULT),
      undefined,
    ]);
    // The browser's clone kept the own __proto__ key; the parser dropped it.
    const hostile = seen.get(verification.contentWindow as Window)?.[6]?.data as object;
    expect(Object.keys(hostile)).toContain('__proto__');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

    // The same posts from another window of the same origin, and from an opaque origin.
    expect(parsed(foreignWindow)).toHaveLength(8);
    expect(parsed(foreignWindow).every((o) => o === undefined)).toBe(true);
    expect(seen.get(foreignOrigin.contentWindow as Window)?.[0]?.origin).toBe('null');
    expect(parsed(foreignOrigin)).toHaveLength(8);
    expect(parsed(foreignOrigin).every((o) => o === undefined)).toBe(true);
  });

  it('ignores the right window when it is no longer on the CertifyUrl’s origin', async () => {
    // As if the frame had navigated away: the window is the one we framed, the origin is not.
    const moved = addFrame(true);
    const seen = await messagesFrom([moved]);
    const frame = { origin: location.origin, source: moved.contentWindow };
    const events = seen.get(moved.contentWindow as Window) ?? [];
    expect(events).toHaveLength(8);
    expect(events.map((e) => parseVerifyMessage(e, frame))).toStrictEqual(
      Array<undefined>(8).fill(undefined),
    );
    // Named by its real (opaque) origin, the same window's result reads.
    const named = { origin: 'null', source: moved.contentWindow };
    expect(parseVerifyMessage(events[2] as MessageEvent, named)).toStrictEqual(EXPECTED_RESULT);
  });
});
