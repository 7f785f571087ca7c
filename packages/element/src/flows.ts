/**
 * The element's two trips to the merchant server, as plain async functions of an abort signal:
 * the start (script, MetaInfo, init, hand-over) and the describe (the authoritative result). They
 * take the configuration as data ({@link StartConfig}) and report failures as `FaceVerifyError`
 * (or `not-configured`); the controller turns what they return into state and events.
 */
import {
  buildAlipayLaunchUrl,
  FaceVerifyError,
  getMetaInfo,
  isAllowedCertifyUrl,
  isAllowedScriptUrl,
  startAlipayVerification,
  startVerification,
  waitForVerifyMessage,
  type AlipayVerifyOutcome,
  type DescribeRequest,
  type DescribeResponse,
  type FaceVerifyErrorCode,
  type InitRequest,
  type InitResponse,
  type Locale,
  type ParseOutcome,
} from '@aliyun-face-verify/core';
import { FaceVerifyRedirectEvent } from './events.js';
import { FaceVerifyElementError } from './failures.js';
import { postJson, toDescribeResponse, toInitResponse } from './merchant-request.js';

/** The init request the element sends: `initData` merged in, `metaInfo` and `returnUrl` win. */
export type FaceVerifyInitRequest = InitRequest & Record<string, unknown>;

/** A custom init call (instead of POSTing to `init-url`): resolves with the merchant's reply. */
export type FaceVerifyInit = (
  request: FaceVerifyInitRequest,
  signal: AbortSignal,
) => Promise<InitResponse>;

/**
 * Steps of a run, in order: load the script and read MetaInfo, ask for a CertifyId, hand over to
 * the CertifyUrl (the browser leaves) or show it in a frame (iframe mode), run the Alipay flow, ask for the authoritative result.
 */
export type Step = 'script' | 'init' | 'handover' | 'iframe' | 'alipay' | 'describe';

/** What a start reads from the element: its public configuration at the click. */
export interface StartConfig {
  readonly init: FaceVerifyInit | undefined;
  readonly initUrl: string | undefined;
  readonly initData: Record<string, unknown> | undefined;
  readonly scriptSrc: string | undefined;
  readonly nonce: string | undefined;
  readonly returnUrl: string | undefined;
  readonly allowedHosts: string | undefined;
  readonly flow: 'web' | 'alipay' | undefined;
  /** `iframe` asked for iframe mode (the certify page in a frame in this page). */
  readonly mode: 'redirect' | 'iframe' | undefined;
  /**
   * iframe mode can run here; false where the compatibility check says embedding is fragile (in-app
   * views), and the start falls back to the redirect (its event says so).
   */
  readonly canEmbed: boolean;
  readonly timeout: number;
  /** The element's locale (`zh-CN` or `en`), sent as Accept-Language. */
  readonly locale: Locale;
  /** Runs inside Alipay: the bridge runs the Alipay flow. */
  readonly inAlipay: boolean;
}

/**
 * How a start ended: `handover` (the browser is leaving for the CertifyUrl), `cancelled` (a
 * `face-verify-redirect` listener took over), an `alipays://` link to offer, or the Alipay bridge's
 * outcome. The Alipay ones carry the describe request (certifyId and the merchant's ticket): there
 * is no pending record for them, the element keeps it in memory.
 */
export type Started =
  | { kind: 'handover' }
  | { kind: 'frame'; request: DescribeRequest; outcome: ParseOutcome }
  | { kind: 'cancelled' }
  | { kind: 'alipay-link'; request: DescribeRequest; launchUrl: string }
  | { kind: 'alipay-outcome'; request: DescribeRequest; outcome: AlipayVerifyOutcome };

/** Runs `call` and `check`s its reply; any failure but an abort becomes a `code` error with it as cause. */
async function ask<T>(
  code: FaceVerifyErrorCode,
  signal: AbortSignal,
  call: () => Promise<unknown>,
  check: (json: unknown) => T,
): Promise<T> {
  try {
    return check(await call());
  } catch (cause) {
    throw signal.aborted ? cause : new FaceVerifyError(code, undefined, { cause });
  }
}

/**
 * The start after the user's click: load the script and read MetaInfo, ask the merchant server for
 * a CertifyId, then hand over to the CertifyUrl (after a cancelable `face-verify-redirect`
 * dispatched on `target`) or to Alipay (its bridge inside Alipay, else a launch link).
 */
export async function start(
  config: StartConfig,
  target: EventTarget,
  signal: AbortSignal,
  step: (step: Step) => void,
  showFrame: (certifyUrl: string) => Promise<HTMLIFrameElement>,
): Promise<Started> {
  const { init, initUrl, scriptSrc, nonce, timeout, initData, inAlipay, locale } = config;
  const returnUrl = new URL(config.returnUrl ?? '', location.href).href;
  const allowedHosts = config.allowedHosts?.split(/[\s,]+/).filter(Boolean) ?? [];
  const src = scriptSrc && resolveScriptSrc(scriptSrc, allowedHosts);
  const metaInfo = await getMetaInfo({
    timeoutMs: timeout,
    signal,
    ...(src ? { src } : {}),
    ...(nonce ? { nonce } : {}),
  });
  step('init');
  // Inside Alipay the bridge runs the flow and reports its end: no ReturnUrl. Outside it, a page
  // that asks for the Alipay flow (the out-of-app launch) keeps its ReturnUrl.
  // iframe mode: the certify page posts its result to this page instead of returning to it.
  const embed =
    config.mode === 'iframe' && config.canEmbed && !inAlipay && config.flow !== 'alipay';
  const request: FaceVerifyInitRequest = inAlipay
    ? { ...initData, metaInfo, flow: 'alipay' }
    : embed
      ? { ...initData, metaInfo, mode: 'iframe' }
      : {
          ...initData,
          metaInfo,
          returnUrl,
          ...(config.flow === 'alipay' && { flow: 'alipay' as const }),
        };
  if (!init && !initUrl)
    throw new FaceVerifyElementError('not-configured', 'no init-url and no init');
  const reply = await ask(
    'init-failed',
    signal,
    () =>
      init ? init(request, signal) : postJson(initUrl as string, request, signal, timeout, locale),
    toInitResponse,
  );
  const { certifyId, ticket } = reply;
  // What describe will send: the ticket proves to the merchant server who started this certifyId.
  const started: DescribeRequest = { certifyId, ...(ticket && { ticket }) };
  if (reply.flow === 'alipay') {
    const { url } = reply;
    step('alipay');
    // The same allowlist as a web CertifyUrl: an `alipays://` link or the bridge opens it as well.
    vet(url, allowedHosts);
    if (!inAlipay)
      return { kind: 'alipay-link', request: started, launchUrl: buildAlipayLaunchUrl(url) };
    const outcome = await startAlipayVerification({ certifyId, url });
    return { kind: 'alipay-outcome', request: started, outcome };
  }
  const { certifyUrl } = reply;
  if (embed) {
    step('iframe');
    vet(certifyUrl, allowedHosts);
    // Read only from that frame's window and the CertifyUrl's origin; 30 minutes at most.
    const frame = await showFrame(certifyUrl);
    const outcome = await waitForVerifyMessage({ frame, certifyUrl, signal });
    return { kind: 'frame', request: started, outcome };
  }
  step('handover');
  // Checked before the event: a listener that navigates by itself must only ever see a vetted URL.
  vet(certifyUrl, allowedHosts);
  const detail = {
    certifyId,
    certifyUrl,
    ...(config.mode === 'iframe' && { fallbackFrom: 'iframe' as const }),
  };
  if (!target.dispatchEvent(new FaceVerifyRedirectEvent(detail))) return { kind: 'cancelled' };
  startVerification({ certifyUrl, allowedHosts, ...started });
  return { kind: 'handover' };
}

/** Throws `invalid-certify-url` unless `url` is on the CertifyUrl allowlist. */
function vet(url: string, allowedHosts: readonly string[]): void {
  if (!isAllowedCertifyUrl(url, allowedHosts)) throw new FaceVerifyError('invalid-certify-url');
}

/**
 * `script-src` resolved against the document, if it is on the script allowlist; otherwise
 * `script-not-allowed`, before any tag is added. The attribute is markup, and injected markup must
 * not make the page run a script of its choosing with the page's nonce.
 */
function resolveScriptSrc(scriptSrc: string, allowedHosts: readonly string[]): string {
  let src = '';
  try {
    src = new URL(scriptSrc, document.baseURI).href;
  } catch {
    // Unparsable: refused below like any other URL off the list.
  }
  if (!isAllowedScriptUrl(src, allowedHosts)) throw new FaceVerifyError('script-not-allowed');
  return src;
}

/**
 * Asks the merchant server (`url`) about `request` (the certifyId this tab started and its ticket)
 * for the authoritative result; failures, and a reply about another certifyId, become `describe-failed`.
 */
export function describe(
  url: string,
  request: DescribeRequest,
  timeoutMs: number,
  signal: AbortSignal,
  locale: string,
): Promise<DescribeResponse> {
  return ask(
    'describe-failed',
    signal,
    () => postJson(url, request, signal, timeoutMs, locale),
    (json) => toDescribeResponse(json, request.certifyId),
  );
}
