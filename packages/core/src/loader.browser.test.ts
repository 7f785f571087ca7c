import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaceVerifyError, isFaceVerifyError } from './errors.js';
import type { FaceVerifyErrorCode } from './errors.js';
import { _resetJsvmLoader, getMetaInfo, loadJsvm, TRUSTED_TYPES_POLICY } from './loader.js';

// Served by packages/core/test/script-server-plugin.ts on the vitest server itself.
type Probe = Window & {
  getMetaInfo?: unknown;
  __jsvmRuns?: number;
  __jsvmNoGlobalRuns?: number;
};
const probe = window as Probe;

let id = '';
const src = (scenario: string): string => `/__jsvm/${scenario}/${id}.js`;
const abs = (url: string): string => new URL(url, document.baseURI).href;
const stats = async (): Promise<{ count: number; urls: string[] }> =>
  (await fetch(`/__jsvm/stats/${id}`)).json() as Promise<{ count: number; urls: string[] }>;
/** Script tags on the page for this test's id, whatever the scenario or query. */
const tags = (): HTMLScriptElement[] =>
  [...document.scripts].filter((s) => s.src.includes(`/${id}.js`));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function rejection(promise: Promise<unknown>): Promise<FaceVerifyError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaceVerifyError);
  return error as FaceVerifyError;
}
async function expectCode(
  promise: Promise<unknown>,
  code: FaceVerifyErrorCode,
): Promise<FaceVerifyError> {
  const error = await rejection(promise);
  expect(error.code).toBe(code);
  return error;
}

const unhandled: unknown[] = [];
const onUnhandled = (e: PromiseRejectionEvent): void => {
  unhandled.push(e.reason);
};

beforeEach(() => {
  id = crypto.randomUUID();
  _resetJsvmLoader();
  delete probe.getMetaInfo;
  probe.__jsvmRuns = 0;
  probe.__jsvmNoGlobalRuns = 0;
  unhandled.length = 0;
  window.addEventListener('unhandledrejection', onUnhandled);
});

afterEach(() => {
  window.removeEventListener('unhandledrejection', onUnhandled);
  for (const s of document.querySelectorAll('script[data-aliyun-face-verify], script[data-test]')) {
    s.remove();
  }
  delete probe.getMetaInfo;
  expect(unhandled).toEqual([]);
});

describe('loadJsvm / getMetaInfo against a real script server', () => {
  it('loads the script once and returns MetaInfo as a JSON string of an object', async () => {
    const meta = await getMetaInfo({ src: src('ok') });
    expect(typeof meta).toBe('string');
    const parsed = JSON.parse(meta) as Record<string, unknown>;
    expect(parsed).toMatchObject({ zimVer: '3.0.0', appVersion: '1', apdidToken: '' });
    expect(parsed['ua']).toBe(navigator.userAgent);
    expect(tags()).toHaveLength(1);
    expect(tags()[0]?.getAttribute('data-aliyun-face-verify')).toBe('loaded');
    expect(await stats()).toMatchObject({ count: 1 });
    // A second call finds the global and neither injects nor fetches again.
    expect(await getMetaInfo({ src: src('ok') })).toBe(meta);
    expect(tags()).toHaveLength(1);
    expect((await stats()).count).toBe(1);
    expect(probe.__jsvmRuns).toBe(1);
  });

  it('resolves at once when the global is already present, injecting nothing', async () => {
    probe.getMetaInfo = () => ({ zimVer: '3.0.0' });
    await loadJsvm({ src: src('ok') });
    expect(tags()).toHaveLength(0);
    expect((await stats()).count).toBe(0);
    expect(await getMetaInfo()).toBe('{"zimVer":"3.0.0"}');
  });

  it('404: fails with script-load-failed, removes the tag, retries with cache-busting URLs', async () => {
    const error = await expectCode(loadJsvm({ src: src('404'), retries: 2 }), 'script-load-failed');
    expect(error.message).toContain(`/${id}.js`);
    const { count, urls } = await stats();
    expect(count).toBe(3);
    expect(urls[0]).toBe(src('404'));
    // Each retry asks for a URL no cache has seen.
    expect(new Set(urls).size).toBe(3);
    expect(urls.slice(1).every((u) => /[?&]_afv=/.test(u))).toBe(true);
    expect(tags()).toHaveLength(0);
  });

  it('retries: 0 makes exactly one attempt', async () => {
    await expectCode(loadJsvm({ src: src('404'), retries: 0 }), 'script-load-failed');
    expect((await stats()).count).toBe(1);
  });

  it('500 twice then 200: the third attempt succeeds, only its tag stays', async () => {
    const started = performance.now();
    await loadJsvm({ src: src('fail2') });
    // Backoff between attempts (300 ms, then 600 ms) rather than hammering a failing CDN.
    expect(performance.now() - started).toBeGreaterThanOrEqual(850);
    expect((await stats()).count).toBe(3);
    expect(tags()).toHaveLength(1);
    expect(tags()[0]?.src).toMatch(/[?&]_afv=/);
    expect(probe.__jsvmRuns).toBe(1);
  });

  it('a failed load is forgotten, so a later call tries again and can succeed', async () => {
    await expectCode(loadJsvm({ src: src('fail1'), retries: 0 }), 'script-load-failed');
    expect(tags()).toHaveLength(0);
    await loadJsvm({ src: src('fail1'), retries: 0 });
    expect((await stats()).count).toBe(2);
    expect(tags()).toHaveLength(1);
  });

  it('hang: times out without injecting a second copy, and a later call joins the same tag', async () => {
    const first = loadJsvm({ src: src('hang'), timeoutMs: 400 });
    await sleep(200);
    expect(tags()).toHaveLength(1);
    await expectCode(first, 'script-timeout');
    expect(tags()).toHaveLength(1);
    // Still loading: a new call waits on the same tag instead of adding one.
    await expectCode(loadJsvm({ src: src('hang'), timeoutMs: 300 }), 'script-timeout');
    expect(tags()).toHaveLength(1);
    expect((await stats()).count).toBe(1);
  });

  it('the timeout is per caller: a short one rejects while a patient one still gets the script', async () => {
    const impatient = loadJsvm({ src: src('slow600'), timeoutMs: 100 });
    const patient = loadJsvm({ src: src('slow600'), timeoutMs: 5_000 });
    await expectCode(impatient, 'script-timeout');
    await patient;
    expect((await stats()).count).toBe(1);
    expect(tags()).toHaveLength(1);
  });

  it('script loads but defines no global: script-missing-global, no retry, tag removed', async () => {
    const error = await expectCode(loadJsvm({ src: src('noglobal') }), 'script-missing-global');
    expect(error.message).toMatch(/getMetaInfo/);
    expect(probe.__jsvmNoGlobalRuns).toBe(1);
    expect((await stats()).count).toBe(1);
    expect(tags()).toHaveLength(0);
    // The cache was cleared: a later call fetches again.
    await expectCode(loadJsvm({ src: src('noglobal') }), 'script-missing-global');
    expect((await stats()).count).toBe(2);
  });

  it('100 parallel calls share one <script> and one request', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, () => getMetaInfo({ src: src('slow200') })),
    );
    expect(new Set(results).size).toBe(1);
    expect(tags()).toHaveLength(1);
    expect((await stats()).count).toBe(1);
    expect(probe.__jsvmRuns).toBe(1);
  });

  it('abort rejects only the aborted caller, with the signal reason as cause', async () => {
    const controller = new AbortController();
    const reason = new Error('user left the page');
    const aborted = loadJsvm({ src: src('slow400'), signal: controller.signal });
    const other = getMetaInfo({ src: src('slow400') });
    await sleep(50);
    controller.abort(reason);
    const error = await expectCode(aborted, 'aborted');
    expect(error.cause).toBe(reason);
    expect(JSON.parse(await other)).toHaveProperty('zimVer', '3.0.0');
    expect((await stats()).count).toBe(1);
  });

  it('an already aborted signal rejects before anything is injected', async () => {
    const reason = new DOMException('nope', 'AbortError');
    const error = await expectCode(
      getMetaInfo({ src: src('ok'), signal: AbortSignal.abort(reason) }),
      'aborted',
    );
    expect(error.cause).toBe(reason);
    expect(tags()).toHaveLength(0);
    expect((await stats()).count).toBe(0);
  });

  it('puts the given nonce on the tag', async () => {
    await loadJsvm({ src: src('ok'), nonce: 'n0nce-given' });
    expect(tags()[0]?.nonce).toBe('n0nce-given');
  });

  it("auto-detects the page's nonce from an existing script[nonce]", async () => {
    const marker = document.createElement('script');
    marker.type = 'text/plain';
    // As in served HTML: the attribute (which the browser then hides, leaving only `.nonce`).
    marker.setAttribute('nonce', 'n0nce-page');
    marker.dataset['test'] = '';
    document.head.prepend(marker);
    // A nonce attribute that is empty (as some tooling leaves) must not win over a real one.
    const empty = document.createElement('script');
    empty.type = 'text/plain';
    empty.setAttribute('nonce', '');
    empty.dataset['test'] = '';
    document.head.prepend(empty);
    await loadJsvm({ src: src('ok') });
    expect(tags()[0]?.nonce).toBe('n0nce-page');
  });

  it('reuses a tag with exactly the same URL that another loader copy is still loading', async () => {
    const other = document.createElement('script');
    other.src = src('slow300');
    other.setAttribute('data-aliyun-face-verify', 'loading');
    document.head.append(other);
    await loadJsvm({ src: abs(src('slow300')) });
    expect(tags()).toEqual([other]);
    expect((await stats()).count).toBe(1);
    expect(other.getAttribute('data-aliyun-face-verify')).toBe('loaded');
  });

  it('does not reuse a tag whose URL differs, even only in the query', async () => {
    const near = document.createElement('script');
    near.src = `${src('slow300')}?v=2`;
    near.setAttribute('data-aliyun-face-verify', 'loading');
    document.head.append(near);
    await loadJsvm({ src: src('slow300') });
    expect(tags()).toHaveLength(2);
    expect((await stats()).count).toBe(2);
  });

  it("replaces a page's own tag that finished without defining the global", async () => {
    const dead = document.createElement('script');
    dead.src = src('fail1');
    dead.dataset['test'] = '';
    const failed = new Promise((r) => dead.addEventListener('error', r));
    document.head.append(dead);
    await failed;
    await loadJsvm({ src: src('fail1') });
    expect(dead.isConnected).toBe(false);
    expect(tags()).toHaveLength(1);
    expect((await stats()).count).toBe(2);
  });

  it('a load nobody waits for any more never becomes an unhandled rejection', async () => {
    await expectCode(loadJsvm({ src: src('404'), retries: 1, timeoutMs: 50 }), 'script-timeout');
    // The shared load fails later, after its retry; afterEach asserts nothing went unhandled.
    await expect.poll(async () => (await stats()).count, { timeout: 5_000 }).toBe(2);
    await expect.poll(() => tags().length).toBe(0);
    await sleep(50);
  });

  it('creates the named Trusted Types policy once, and it only accepts the URL being loaded', async () => {
    const tt = (window as unknown as { trustedTypes: TrustedTypesLike }).trustedTypes;
    const original = tt.createPolicy.bind(tt);
    const created: { name: string; policy: ScriptUrlPolicy }[] = [];
    tt.createPolicy = (name, rules) => {
      const policy = original(name, rules);
      created.push({ name, policy });
      return policy;
    };
    try {
      await loadJsvm({ src: src('ok') });
      delete probe.getMetaInfo;
      await loadJsvm({ src: src('ok-string') });
    } finally {
      delete (tt as Partial<TrustedTypesLike>).createPolicy;
    }
    expect(created.map((c) => c.name)).toEqual([TRUSTED_TYPES_POLICY]);
    // The policy object must not be a general-purpose script-URL factory.
    expect(() => created[0]?.policy.createScriptURL('https://evil.example/x.js')).toThrow(
      TypeError,
    );
    expect(tags()).toHaveLength(2);
  });

  it('falls back to a plain URL where Trusted Types are absent', async () => {
    // Window's attributes live on the global object itself, so keep the original to put it back.
    const original = Object.getOwnPropertyDescriptor(window, 'trustedTypes');
    expect(original).toBeDefined();
    Object.defineProperty(window, 'trustedTypes', { value: undefined, configurable: true });
    try {
      await loadJsvm({ src: src('ok') });
    } finally {
      Object.defineProperty(window, 'trustedTypes', original ?? {});
    }
    expect(tags()).toHaveLength(1);
  });

  it('falls back to a plain URL when the policy name is taken', async () => {
    const tt = (window as unknown as { trustedTypes: TrustedTypesLike }).trustedTypes;
    tt.createPolicy = () => {
      throw new TypeError('Policy with name "aliyun-face-verify" already exists.');
    };
    try {
      await loadJsvm({ src: src('ok') });
    } finally {
      delete (tt as Partial<TrustedTypesLike>).createPolicy;
    }
    expect(tags()).toHaveLength(1);
  });
});

describe('getMetaInfo validates what the global returns', () => {
  it('passes a JSON string through unchanged', async () => {
    const meta = await getMetaInfo({ src: src('ok-string') });
    expect(JSON.parse(meta)).toHaveProperty('zimVer', '3.0.0');
  });

  it.each([
    ['ok-bad-string', SyntaxError],
    ['ok-throws', Error],
  ])('%s: metainfo-unavailable with the cause', async (scenario, causeType) => {
    const error = await expectCode(getMetaInfo({ src: src(scenario) }), 'metainfo-unavailable');
    expect(error.cause).toBeInstanceOf(causeType);
  });

  it('an array is not MetaInfo', async () => {
    const error = await expectCode(getMetaInfo({ src: src('ok-array') }), 'metainfo-unavailable');
    expect(isFaceVerifyError(error, 'metainfo-unavailable')).toBe(true);
  });
});

interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}
interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
}
