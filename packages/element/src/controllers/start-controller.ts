import {
  buildAlipayLaunchUrl,
  FaceVerifyError,
  getMetaInfo,
  isAllowedCertifyUrl,
  startAlipayVerification,
  startVerification,
  type AlipayVerifyOutcome,
  type InitRequest,
  type InitResponse,
} from '@aliyun-face-verify/core';
import type { ReactiveControllerHost } from 'lit';
import { FaceVerifyRedirectEvent } from '../events.js';
import { AsyncController } from './async-controller.js';
import { postJson, toInitResponse } from './merchant-request.js';

/** The init request the element sends: `initData` merged in, `metaInfo` and `returnUrl` win. */
export type FaceVerifyInitRequest = InitRequest & Record<string, unknown>;

/** A custom init call (instead of POSTing to `init-url`): resolves with the merchant's reply. */
export type FaceVerifyInit = (
  request: FaceVerifyInitRequest,
  signal: AbortSignal,
) => Promise<InitResponse>;

/** Steps of the start flow, in order. */
export type StartStage = 'script' | 'init' | 'redirect' | 'alipay';

/** How the start flow ended. */
export type StartValue =
  | { kind: 'redirect' | 'cancelled'; certifyId: string }
  | { kind: 'alipay-launch'; certifyId: string; launchUrl: string }
  | { kind: 'alipay'; certifyId: string; outcome: AlipayVerifyOutcome };

/** What one start needs, read from the element at click time. */
export interface StartOptions {
  initUrl: string | undefined;
  init: FaceVerifyInit | undefined;
  initData: Record<string, unknown> | undefined;
  src: string | undefined;
  nonce: string | undefined;
  timeoutMs: number;
  allowedHosts: readonly string[];
  returnUrl: string;
  /** Inside the Alipay app: use its bridge instead of a launch link. */
  inAlipay: boolean;
  /** Where `face-verify-redirect` is dispatched. */
  target: EventTarget;
}

/**
 * The start flow after the user's click: load the script and read MetaInfo, ask the merchant
 * server for a CertifyId, then hand over to the CertifyUrl (after a cancelable
 * `face-verify-redirect`) or to Alipay. Failures reject with a `FaceVerifyError`.
 */
async function start(
  o: StartOptions,
  signal: AbortSignal,
  stage: (stage: StartStage) => void,
): Promise<StartValue> {
  stage('script');
  const metaInfo = await getMetaInfo({
    timeoutMs: o.timeoutMs,
    signal,
    ...(o.src ? { src: o.src } : {}),
    ...(o.nonce ? { nonce: o.nonce } : {}),
  });
  stage('init');
  const request: FaceVerifyInitRequest = { ...o.initData, metaInfo, returnUrl: o.returnUrl };
  // Without a cause: the one init failure that is the page's configuration, not the server.
  if (!o.init && !o.initUrl) throw new FaceVerifyError('init-failed', 'no init-url and no init');
  let reply: InitResponse;
  try {
    reply = toInitResponse(
      await (o.init
        ? o.init(request, signal)
        : postJson(o.initUrl as string, request, signal, o.timeoutMs)),
    );
  } catch (cause) {
    throw signal.aborted ? cause : new FaceVerifyError('init-failed', 'init failed', { cause });
  }
  const { certifyId } = reply;
  if (reply.flow === 'alipay') {
    if (!o.inAlipay)
      return { kind: 'alipay-launch', certifyId, launchUrl: buildAlipayLaunchUrl(reply.url) };
    stage('alipay');
    const outcome = await startAlipayVerification({ certifyId, url: reply.url });
    return { kind: 'alipay', certifyId, outcome };
  }
  const { certifyUrl } = reply;
  stage('redirect');
  // Checked before the event: a listener that navigates by itself must only ever see a vetted URL.
  if (!isAllowedCertifyUrl(certifyUrl, o.allowedHosts))
    throw new FaceVerifyError('invalid-certify-url', 'CertifyUrl not on the allowlist');
  if (!o.target.dispatchEvent(new FaceVerifyRedirectEvent({ certifyId, certifyUrl })))
    return { kind: 'cancelled', certifyId };
  startVerification({ certifyUrl, certifyId, allowedHosts: o.allowedHosts });
  return { kind: 'redirect', certifyId };
}

/**
 * Runs the start flow for the element, one attempt at a time. When the browser restores the page
 * from the back/forward cache after the hand-over, the flow returns to its start instead of
 * showing "opening…" forever; nothing is sent again.
 */
export class StartController extends AsyncController<StartOptions, StartValue, StartStage> {
  constructor(host: ReactiveControllerHost, settled: () => void) {
    super(host, start, settled);
  }

  /** @internal */
  hostConnected(): void {
    addEventListener('pageshow', this._restored);
  }

  /** @internal */
  override hostDisconnected(): void {
    super.hostDisconnected();
    removeEventListener('pageshow', this._restored);
  }

  private _restored = (event: PageTransitionEvent): void => {
    if (event.persisted && (this.status === 'pending' || this.value?.kind === 'redirect'))
      this.reset();
  };
}
