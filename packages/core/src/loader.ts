import { FaceVerifyError } from './errors.js';
import type { FaceVerifyErrorCode } from './errors.js';

/**
 * Where the seeds load `jsvm_all.js` from. Newer official pages use
 * `https://o.alicdn.com/yd-cloudauth/cloudauth-cdn/jsvm_all.js`; pass it as `src` to switch.
 */
export const DEFAULT_JSVM_SRC =
  'https://cn-shanghai-aliyun-cloudauth.oss-cn-shanghai.aliyuncs.com/web_sdk_js/jsvm_all.js';

/**
 * How to load `jsvm_all.js`. `src`, `nonce` and `retries` belong to the shared load and are taken
 * from the first call for a given `src`; `timeoutMs` and `signal` bound only the caller that passes them.
 */
export interface LoadOptions {
  /** Script URL; default {@link DEFAULT_JSVM_SRC}. Resolved against the document, compared exactly. */
  src?: string;
  /** CSP nonce for the injected tag; default: the first non-empty nonce of a `script[nonce]` on the page. */
  nonce?: string;
  /** How long this caller waits, in ms; default 15000. `0` or `Infinity` waits without limit. */
  timeoutMs?: number;
  /** Extra attempts after a network/HTTP failure, each with a cache-busting query; default 2, at most 5. */
  retries?: number;
  /** Stops this caller waiting (rejects with `aborted`); the shared load goes on for other callers. */
  signal?: AbortSignal;
}

/** Just enough of the Trusted Types API, which TypeScript's DOM lib does not declare yet. */
interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}
type JsvmWindow = Window & {
  getMetaInfo?: () => unknown;
  trustedTypes?: {
    createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
  };
};

/** The Trusted Types policy name to list in a page's `trusted-types` CSP directive. */
export const TRUSTED_TYPES_POLICY = 'aliyun-face-verify';

// Marks tags this loader (or another copy of it, e.g. in the element's one-file bundle) injected.
const MARK = 'data-aliyun-face-verify';

// One in-flight load per resolved URL. An entry stays while its tag is still loading, even when
// every caller has timed out, so that a later call joins it instead of adding a second copy.
const loads = new Map<string, Promise<void>>();
// undefined: not tried yet; null: unavailable (no TT, or the name is taken/not allowed by CSP).
let policy: ScriptUrlPolicy | null | undefined;
// The single URL the policy accepts right now; set only around our own createScriptURL call.
let allowedUrl: string | undefined;

const fail = (code: FaceVerifyErrorCode, message: string, cause?: unknown): FaceVerifyError =>
  new FaceVerifyError(code, message, { cause });

const win = (): JsvmWindow => window;

const hasGlobal = (): boolean => typeof win().getMetaInfo === 'function';

/** Loads `jsvm_all.js` once and resolves when its global `getMetaInfo` exists. Never throws synchronously. */
export function loadJsvm(options: LoadOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const { signal } = options;
    const done = (error?: FaceVerifyError): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    const onAbort = (): void => done(fail('aborted', 'Aborted', signal?.reason));
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (typeof document === 'undefined') return done(fail('not-browser', 'Not a browser'));
    if (signal?.aborted) return onAbort();
    if (hasGlobal()) return done();

    let url: string;
    try {
      url = new URL(options.src ?? DEFAULT_JSVM_SRC, document.baseURI).href;
    } catch (cause) {
      return done(fail('script-load-failed', 'Bad src', cause));
    }
    let shared = loads.get(url);
    if (!shared) {
      const started = load(url, options);
      const forget = (): void => {
        if (loads.get(url) === started) loads.delete(url);
      };
      // Handling both outcomes here also means that a load nobody waits for any more never
      // surfaces as an unhandled rejection.
      started.then(forget, forget);
      loads.set(url, (shared = started));
    }
    const ms = options.timeoutMs ?? 15_000;
    if (ms > 0 && ms < Infinity)
      timer = setTimeout(() => done(fail('script-timeout', 'Timed out')), ms);
    signal?.addEventListener('abort', onAbort);
    shared.then(() => done(), done);
  });
}

/** The shared load: attempt, and on a network/HTTP failure retry with backoff and a fresh URL. */
async function load(url: string, options: LoadOptions): Promise<void> {
  // Read `.nonce`: browsers blank the attribute once a nonced element is in the document.
  const nonce =
    options.nonce ??
    [...document.querySelectorAll<HTMLScriptElement>('script[nonce]')].find((s) => s.nonce)?.nonce;
  for (let attempt = 0; ; attempt++) {
    try {
      return await inject(attempt ? bust(url, attempt) : url, nonce);
    } catch (error) {
      // Only a failed fetch (the one error without a cause) is worth repeating: a script without
      // the global, or a URL that Trusted Types refused, would come back the same.
      const { code, cause } = error as FaceVerifyError;
      if (code !== 'script-load-failed' || cause || attempt >= Math.min(options.retries ?? 2, 5)) {
        throw error;
      }
    }
    await new Promise((r) => setTimeout(r, 300 * 2 ** attempt));
  }
}

/** A URL that no cache (browser, proxy or CDN) can answer with the failure it just served. */
function bust(url: string, attempt: number): string {
  const u = new URL(url);
  u.search += `${u.search ? '&' : ''}_afv=${Date.now().toString(36)}${attempt}`;
  return u.href;
}

/** One attempt: reuse a tag with exactly this URL when it may still deliver, else inject one. */
function inject(url: string, nonce: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    let el = [...document.scripts].find((s) => s.src === url);
    // A tag is worth waiting for while it is loading: ours say so; a page's own tag can only still be
    // loading before the window `load` event, which waits for every script the parser found.
    if (el && el.getAttribute(MARK) !== 'loading' && document.readyState === 'complete') {
      el.remove();
      el = undefined;
    }
    const unknownState = !!el && el.getAttribute(MARK) !== 'loading';
    if (!el) {
      el = document.createElement('script');
      try {
        // TrustedScriptURL where Trusted Types exist; the DOM typings only know `string`.
        (el as { src: unknown }).src = trustedUrl(url);
      } catch (cause) {
        return reject(
          fail('script-load-failed', `Trusted Types: allow policy ${TRUSTED_TYPES_POLICY}`, cause),
        );
      }
      el.async = true;
      if (nonce) el.nonce = nonce;
      el.setAttribute(MARK, 'loading');
      (document.head ?? document.documentElement).append(el);
    }
    const tag = el;
    const settle = (event: Event): void => {
      tag.removeEventListener('load', settle);
      tag.removeEventListener('error', settle);
      window.removeEventListener('load', settle);
      if (hasGlobal()) {
        tag.setAttribute(MARK, 'loaded');
        return resolve();
      }
      // A failed tag goes, so that a later call starts afresh instead of finding a dead one.
      tag.remove();
      reject(
        event.type === 'error' && event.target === tag
          ? fail('script-load-failed', `Failed: ${url}`)
          : fail('script-missing-global', 'No getMetaInfo'),
      );
    };
    tag.addEventListener('load', settle);
    tag.addEventListener('error', settle);
    if (unknownState) window.addEventListener('load', settle);
  });
}

/** The value for `script.src`: a TrustedScriptURL from our named policy when Trusted Types exist. */
function trustedUrl(url: string): unknown {
  const tt = win().trustedTypes;
  if (!tt) return url;
  if (policy === undefined) {
    try {
      policy = tt.createPolicy(TRUSTED_TYPES_POLICY, {
        createScriptURL(u) {
          if (u !== allowedUrl) throw new TypeError(u);
          return u;
        },
      });
    } catch {
      // The CSP does not list the name, or another copy of this loader already took it: fall back
      // to a plain string, which the page's `default` policy (if any) gets to vet.
      policy = null;
    }
  }
  if (!policy) return url;
  allowedUrl = url;
  try {
    return policy.createScriptURL(url);
  } finally {
    allowedUrl = undefined;
  }
}

/** Loads the script if needed and returns the `MetaInfo` JSON **string** for InitFaceVerify. */
export async function getMetaInfo(options?: LoadOptions): Promise<string> {
  await loadJsvm(options);
  let value: unknown;
  try {
    value = await win().getMetaInfo?.();
    // A string must already be JSON; either way what we send is a JSON object as text.
    const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return typeof value === 'string' ? value : JSON.stringify(value);
    }
  } catch (cause) {
    throw fail('metainfo-unavailable', 'getMetaInfo failed', cause);
  }
  throw fail('metainfo-unavailable', 'MetaInfo is not a JSON object');
}

/**
 * @internal Test hook: forgets in-flight loads and the Trusted Types policy. Tags stay in the DOM.
 * Not part of the public API; may change without notice.
 */
export function _resetJsvmLoader(): void {
  loads.clear();
  policy = undefined;
}
