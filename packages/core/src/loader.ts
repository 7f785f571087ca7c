import { FaceVerifyError, type FaceVerifyErrorCode } from './errors.js';
import { isRecord } from './guard.js';

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
// undefined: not tried yet; 0: unavailable (the name is taken, or the CSP does not allow it).
let policy: ScriptUrlPolicy | 0 | undefined;
// The single URL the policy accepts, once: set only right before our own createScriptURL call.
let allowedUrl: string | undefined;

const fail = (code: FaceVerifyErrorCode, cause?: unknown, message?: string): FaceVerifyError =>
  new FaceVerifyError(code, message, { cause });

const win = (): JsvmWindow => window;

/** Loads `jsvm_all.js` once and resolves when its global `getMetaInfo` exists. Never throws synchronously. */
export function loadJsvm(options: LoadOptions = {}): Promise<void> {
  const { signal, timeoutMs = 15_000 } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  // A throw in the executor is this caller's rejection; `finally` detaches whatever was attached.
  return new Promise<void>((resolve, reject) => {
    if (typeof document === 'undefined') throw fail('not-browser');
    onAbort = () => reject(fail('aborted', signal?.reason));
    if (signal?.aborted) return onAbort();
    if (typeof win().getMetaInfo === 'function') return resolve();
    let url: string;
    try {
      url = new URL(options.src ?? DEFAULT_JSVM_SRC, document.baseURI).href;
    } catch (cause) {
      throw fail('script-load-failed', cause);
    }
    // The map forgets a settled load (so a failed one can be retried later). Every caller
    // handles the shared promise, so a load nobody waits for any more is never unhandled.
    let shared = loads.get(url);
    if (!shared) {
      const started = load(url, options).finally(
        () => loads.get(url) === started && loads.delete(url),
      );
      loads.set(url, (shared = started));
    }
    if (timeoutMs > 0 && timeoutMs < Infinity) {
      timer = setTimeout(() => reject(fail('script-timeout')), timeoutMs);
    }
    signal?.addEventListener('abort', onAbort);
    shared.then(resolve, reject);
  }).finally(() => {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  });
}

/** The shared load: reuse or inject a tag; on a network/HTTP failure retry with backoff and a fresh URL. */
async function load(url: string, { nonce, retries = 2 }: LoadOptions): Promise<void> {
  // Read `.nonce`: browsers blank the attribute once a nonced element is in the document.
  nonce ??= [...document.querySelectorAll<HTMLScriptElement>('script[nonce]')].find(
    (s) => s.nonce,
  )?.nonce;
  for (let attempt = 0, src = url; ;) {
    let tag = [...document.scripts].find((s) => s.src === src);
    // A tag is worth waiting for while it is loading: ours say so; a page's own tag can only still
    // be loading before the window `load` event, which waits for every script the parser found.
    let ours = tag?.getAttribute(MARK) === 'loading';
    if (!ours && document.readyState === 'complete') tag?.remove();
    if (!ours && !tag?.isConnected) {
      tag = document.createElement('script');
      try {
        // TrustedScriptURL where Trusted Types exist; the DOM typings only know `string`.
        (tag as { src: unknown }).src = trustedUrl(src);
      } catch (cause) {
        // Not retried: the same URL would be refused again.
        throw fail('script-load-failed', cause, 'Trusted Types: allow ' + TRUSTED_TYPES_POLICY);
      }
      if (nonce) tag.nonce = nonce;
      tag.setAttribute(MARK, 'loading');
      ours = true;
      (document.head ?? document.documentElement).append(tag);
    }
    const el = tag as HTMLScriptElement;
    const type = await new Promise<string>((resolve) => {
      const done = (event: Event): void => {
        el.removeEventListener('load', done);
        el.removeEventListener('error', done);
        removeEventListener('load', done);
        resolve(event.type);
      };
      el.addEventListener('load', done);
      el.addEventListener('error', done);
      if (!ours) addEventListener('load', done);
    });
    if (typeof win().getMetaInfo === 'function') return el.setAttribute(MARK, 'loaded');
    // A failed tag goes, so that a later call starts afresh instead of finding a dead one.
    el.remove();
    // Only a failed fetch is worth repeating: a script without the global would come back the same.
    if (type !== 'error') throw fail('script-missing-global', undefined, 'No getMetaInfo');
    if (attempt >= Math.min(retries, 5))
      throw fail('script-load-failed', undefined, 'Failed: ' + src);
    await new Promise((r) => setTimeout(r, 300 << attempt++));
    // A URL that no cache (browser, proxy or CDN) can answer with the failure it just served.
    const u = new URL(url);
    u.search += '&_afv=' + Date.now();
    src = u.href;
  }
}

/** The value for `script.src`: a TrustedScriptURL from our named policy when Trusted Types exist. */
function trustedUrl(url: string): unknown {
  const tt = win().trustedTypes;
  try {
    if (tt)
      policy ??= tt.createPolicy(TRUSTED_TYPES_POLICY, {
        createScriptURL(u) {
          if (u !== allowedUrl) throw TypeError(u);
          allowedUrl = undefined;
          return u;
        },
      });
  } catch {
    // The CSP does not list the name, or another copy of this loader already took it: fall back
    // to a plain string, which the page's `default` policy (if any) gets to vet.
    policy = 0;
  }
  return policy ? policy.createScriptURL((allowedUrl = url)) : url;
}

/** Loads the script if needed and returns the `MetaInfo` JSON **string** for InitFaceVerify. */
export async function getMetaInfo(options?: LoadOptions): Promise<string> {
  await loadJsvm(options);
  let text: unknown;
  try {
    const value = await win().getMetaInfo?.();
    // A string must already be JSON; either way what we send is a JSON object as text.
    text = typeof value === 'string' ? value : JSON.stringify(value);
    if (isRecord(JSON.parse(text as string))) return text as string;
  } catch (cause) {
    throw fail('metainfo-unavailable', cause);
  }
  throw fail('metainfo-unavailable');
}

/**
 * @internal Test hook: forgets in-flight loads and the Trusted Types policy. Tags stay in the DOM.
 * Not part of the public API; may change without notice.
 */
export function _resetJsvmLoader(): void {
  loads.clear();
  policy = undefined;
}
