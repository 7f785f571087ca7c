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

/** Progress stages of the start flow, in order. */
export type StartStage = 'script' | 'init' | 'redirect' | 'alipay';

/** How the start flow ended. */
export type StartValue =
  | { kind: 'redirect'; certifyId: string; certifyUrl: string }
  | { kind: 'cancelled' }
  | { kind: 'alipay-launch'; certifyId: string; launchUrl: string }
  | { kind: 'alipay'; certifyId: string; outcome: AlipayVerifyOutcome };

/** What one start needs, read from the element's attributes and properties at click time. */
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

/** Turns anything thrown by the init step into an `init-failed` error, keeping the cause. */
const initFailed = (cause: unknown): FaceVerifyError =>
  cause instanceof FaceVerifyError
    ? cause
    : new FaceVerifyError('init-failed', 'the init endpoint failed', { cause });

/**
 * The start flow after the user's click: load the script and read MetaInfo, ask the merchant
 * server for a CertifyId, then hand over to the CertifyUrl (after a cancelable
 * `face-verify-redirect`) or to Alipay. Every failure rejects with a `FaceVerifyError`.
 */
async function start(
  options: StartOptions,
  signal: AbortSignal,
  stage: (stage: StartStage) => void,
): Promise<StartValue> {
  const { init, initUrl, timeoutMs, allowedHosts } = options;
  stage('script');
  const load = { timeoutMs, signal } as const;
  const metaInfo = await getMetaInfo({
    ...load,
    ...(options.src ? { src: options.src } : {}),
    ...(options.nonce ? { nonce: options.nonce } : {}),
  });
  stage('init');
  const request: FaceVerifyInitRequest = {
    ...options.initData,
    metaInfo,
    returnUrl: options.returnUrl,
  };
  let reply: InitResponse;
  try {
    if (init) reply = toInitResponse(await init(request, signal));
    else if (initUrl) reply = toInitResponse(await postJson(initUrl, request, signal, timeoutMs));
    else throw new FaceVerifyError('init-failed', 'neither init-url nor init is set');
  } catch (error) {
    throw signal.aborted ? error : initFailed(error);
  }
  const { certifyId } = reply;
  if (reply.flow === 'alipay') {
    if (!options.inAlipay)
      return { kind: 'alipay-launch', certifyId, launchUrl: buildAlipayLaunchUrl(reply.url) };
    stage('alipay');
    return {
      kind: 'alipay',
      certifyId,
      outcome: await startAlipayVerification({ certifyId, url: reply.url }),
    };
  }
  const { certifyUrl } = reply;
  // Checked before the event too: a listener that navigates itself must only ever see a vetted URL.
  if (!isAllowedCertifyUrl(certifyUrl, allowedHosts))
    throw new FaceVerifyError('invalid-certify-url', 'the CertifyUrl is not on the allowlist');
  stage('redirect');
  if (!options.target.dispatchEvent(new FaceVerifyRedirectEvent({ certifyId, certifyUrl })))
    return { kind: 'cancelled' };
  startVerification({ certifyUrl, certifyId, allowedHosts });
  return { kind: 'redirect', certifyId, certifyUrl };
}

/**
 * Runs the start flow for the element, one attempt at a time, with progress stages. When the
 * browser restores the page from the back/forward cache after the hand-over, the flow goes back to
 * its start instead of showing "opening…" forever; nothing is re-sent.
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
