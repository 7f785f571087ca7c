import { MIN_ALIPAY_VERSION, versionAtLeast } from './compat.js';
import { FaceVerifyError } from './errors.js';

/** The callback argument of Alipay's `startBizService`, as the bridge delivers it (untrusted). */
interface BridgeResult {
  resultStatus?: unknown;
  result?: unknown;
}

/** The part of `AlipayJSBridge` this module calls. */
export interface AlipayBridge {
  /** Alipay's bridge entry point; `startBizService` reports through `callback`. */
  call(
    api: string,
    params: Record<string, unknown>,
    callback: (result: BridgeResult) => void,
  ): void;
}

/** The part of `window` {@link startAlipayVerification} needs; a stand-in can be injected for tests. */
export interface AlipayWindow {
  /** Present once Alipay has injected its bridge. */
  AlipayJSBridge?: AlipayBridge;
  /** Where Alipay fires `AlipayJSBridgeReady`. */
  document: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** Read for the user agent unless one is passed. */
  navigator?: { userAgent: string };
}

/** Options of {@link startAlipayVerification}. */
export interface AlipayVerificationOptions {
  /** CertifyId from the merchant's init endpoint. */
  certifyId: string;
  /** The certify gateway URL from the merchant's init endpoint. */
  url: string;
  /** User agent to read the Alipay version from; default `navigator.userAgent`. */
  userAgent?: string;
  /** Window to use; default the global `window`. */
  window?: AlipayWindow;
  /** How long to wait for `AlipayJSBridgeReady`, in ms; default 10000. */
  bridgeTimeoutMs?: number;
}

/**
 * What Alipay reported. `submitted` (resultStatus 9000) means the scan finished, not that it passed:
 * the browser can be tampered with, so ask the server (DescribeFaceVerify) for the result.
 */
export interface AlipayVerifyOutcome {
  /** 9000 submitted, 6001 cancelled by the user, 6002 network error, 4000 business error. */
  status: 'submitted' | 'cancelled' | 'network-error' | 'business-error' | 'unknown';
  /** The raw status as text, e.g. `'9000'`. */
  resultStatus: string;
  /** Alipay's `result`; often null (always for 6001/6002). Only string fields are kept. */
  result: { certifyId?: string; errorCode?: string } | null;
}

/** Outcome per resultStatus, in the order of {@link RESULT_STATUS}. */
const STATUS = ['submitted', 'cancelled', 'network-error', 'business-error'] as const;
// A list, not an object: an untrusted status such as `constructor` must not find a property.
const RESULT_STATUS = ['9000', '6001', '6002', '4000'];

const READY = 'AlipayJSBridgeReady';

/** The `alipays://` URL that opens Alipay on the certify page, for use outside the Alipay app. */
export function buildAlipayLaunchUrl(url: string): string {
  return 'alipays://platformapi/startapp?appId=20000067&url=' + encodeURIComponent(url);
}

/** Runs the certify flow inside the Alipay app through `AlipayJSBridge` and reports its outcome. */
export function startAlipayVerification(
  options: AlipayVerificationOptions,
): Promise<AlipayVerifyOutcome> {
  // A throw in the executor is the rejection.
  return new Promise((resolve, reject) => {
    const {
      certifyId,
      url,
      window: win = typeof window === 'undefined' ? undefined : (window as AlipayWindow),
    } = options;
    const version = /AliApp\(AP\/([\d.]+)\)/i.exec(
      options.userAgent ?? win?.navigator?.userAgent ?? '',
    )?.[1];
    if (!win || !version) throw new FaceVerifyError('alipay-unavailable');
    if (!versionAtLeast(version, MIN_ALIPAY_VERSION))
      throw new FaceVerifyError(
        'alipay-version-too-old',
        `Alipay ${version} < ${MIN_ALIPAY_VERSION}`,
      );
    if (!certifyId || !url) throw new FaceVerifyError('invalid-argument');

    const doc = win.document;
    const timer = setTimeout(() => {
      doc.removeEventListener(READY, call);
      reject(new FaceVerifyError('alipay-unavailable', 'Bridge not ready'));
    }, options.bridgeTimeoutMs ?? 10_000);
    const call = (): void => {
      clearTimeout(timer);
      doc.removeEventListener(READY, call);
      try {
        // A ready event without a bridge makes this throw, which is reported below.
        (win.AlipayJSBridge as AlipayBridge).call(
          'startBizService',
          { name: 'open-certify', param: JSON.stringify({ certifyId, url }) },
          (answer) => resolve(toOutcome(answer)),
        );
      } catch (cause) {
        reject(new FaceVerifyError('alipay-unavailable', undefined, { cause }));
      }
    };
    doc.addEventListener(READY, call);
    // Injected already: no need to wait for the ready event.
    if (win.AlipayJSBridge) call();
  });
}

/** Maps the bridge's untrusted callback argument to a typed outcome; never throws. */
function toOutcome(answer: unknown): AlipayVerifyOutcome {
  // `Object()` turns null and primitives into something safe to destructure.
  const { resultStatus: s, result: r } = Object(answer) as BridgeResult;
  const resultStatus = typeof s === 'string' || typeof s === 'number' ? '' + s : '';
  let result: AlipayVerifyOutcome['result'] = null;
  if (r && typeof r === 'object') {
    // Only the two known string fields are copied, into a fresh object.
    result = {};
    const { certifyId, errorCode } = r as Record<string, unknown>;
    if (typeof certifyId === 'string') result.certifyId = certifyId;
    if (typeof errorCode === 'string') result.errorCode = errorCode;
  }
  return {
    status: STATUS[RESULT_STATUS.indexOf(resultStatus)] ?? 'unknown',
    resultStatus,
    result,
  };
}
