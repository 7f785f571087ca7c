/**
 * The flow of `<aliyun-face-verify>` as a reactive controller (the shape of `@lit/task`, without
 * the dependency): one run at a time, each with an `AbortSignal`, and what the element shows as
 * plain data ({@link FlowState}) that can be logged, asserted and awaited ({@link
 * FaceVerifyController.settled}).
 */
import {
  consumeVerifyResult,
  interpretFrameResult,
  interpretReturn,
  FaceVerifyError,
  type AlipayVerifyOutcome,
  type DescribeRequest,
  type ParseOutcome,
} from '@aliyun-face-verify/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  FaceVerifyDescribedEvent,
  FaceVerifyErrorEvent,
  FaceVerifyResultEvent,
  type FaceVerifyErrorStage,
  type FaceVerifySuspicion,
} from '../events.js';
import { errorDetail, failureOf, resultFailure, type Failure } from '../failures.js';
import { describe, start, type StartConfig, type Step } from '../flows.js';
import { STRINGS } from '../strings.js';

/** How a result from the browser side reads, before the merchant server confirms anything. */
export type ResultVerdict =
  /** Passed (return page) or submitted (Alipay): only the server's check counts. */
  | { readonly kind: 'awaiting' }
  /** Not to be trusted even as a hint, and never described. */
  | { readonly kind: 'suspect'; readonly suspicion: FaceVerifySuspicion }
  /** A browser code other than a pass: core's message for it. */
  | { readonly kind: 'browser-code'; readonly code: number; readonly subCode?: string }
  /** The Alipay bridge reported anything but a submitted verification. */
  | { readonly kind: 'alipay-ended'; readonly status: AlipayVerifyOutcome['status'] };

/** What the error view's button does: a new start, or asking the server again. */
export type Retry =
  | { readonly kind: 'start' }
  | { readonly kind: 'describe'; readonly request: DescribeRequest; readonly back: FlowState };

/** What the element shows, as data. */
export type FlowState =
  /** Nothing has happened yet: the compatibility verdict decides the view. */
  | { readonly kind: 'idle' }
  /** A step of a run is in progress. */
  | { readonly kind: 'step'; readonly step: Step }
  /** The browser is leaving for the CertifyUrl. */
  | { readonly kind: 'leaving' }
  /** An `alipays://` link to open; with `describe-url`, the user says when they are back. */
  | {
      readonly kind: 'alipay-link';
      readonly launchUrl: string;
      readonly request: DescribeRequest;
    }
  /** iframe mode: the certify page in a frame of this page, until it posts its result. */
  | { readonly kind: 'frame'; readonly certifyUrl: string }
  /** The browser side's result (return page, frame or Alipay bridge), for reference only. */
  | {
      readonly kind: 'result';
      readonly verdict: ResultVerdict;
      readonly certifyId?: string;
      readonly reason?: string;
    }
  /** The merchant server's authoritative result. */
  | {
      readonly kind: 'described';
      readonly certifyId: string;
      readonly passed: boolean;
      readonly message: string;
    }
  /** A failure the user sees, and what its button retries. */
  | { readonly kind: 'error'; readonly failure: Failure; readonly retry: Retry };

/** What the controller reads from the element: its configuration, read when a run starts. */
export interface FlowConfig extends StartConfig {
  readonly describeUrl: string | undefined;
}

/** The element the controller serves: it renders the state and the events go out from it. */
export type FlowHost = ReactiveControllerHost & EventTarget;

const IDLE: FlowState = { kind: 'idle' };
const START: Retry = { kind: 'start' };

/** The stage `face-verify-error` names for a step (the hand-over is `redirect` there). */
const stageOf = (step: Step): FaceVerifyErrorStage => (step === 'handover' ? 'redirect' : step);

/**
 * Resolves once the page's own scripts had their chance to add listeners: after DOMContentLoaded
 * and one more task. Events found on connect (result, unsupported) wait for it, because in plain
 * HTML the bundle that upgrades the element runs before the page's next `<script>`.
 */
export const pageScriptsRan = (): Promise<void> =>
  new Promise((resolve) => {
    const later = (): unknown => setTimeout(resolve);
    if (document.readyState === 'loading') addEventListener('DOMContentLoaded', later);
    else later();
  });

/**
 * Owns the flow: starts, the return page, describes and retries. A new run aborts the one before,
 * and so do a disconnect and a restore from the back/forward cache; an aborted run's outcome is
 * dropped, so a stale reply never replaces a newer state.
 */
export class FaceVerifyController implements ReactiveController {
  /** What the element shows. */
  state: FlowState = IDLE;
  /** A result from the return URL (or its error) is on show, and no start since. */
  fromReturn = false;

  private readonly _host: FlowHost;
  private readonly _config: () => FlowConfig;
  private _abort: AbortController | undefined;
  /** The state the run in progress returns to when it is abandoned. */
  private _back: FlowState = IDLE;
  /** The return URL was read: once per element, even when it moves in the DOM. */
  private _read = false;
  /** The work in progress (a run, or the return page's wait for the page's scripts). */
  private _pending: Promise<unknown> = Promise.resolve();

  /** The element's frame for iframe mode, once it is rendered. */
  private readonly _frame: () => HTMLIFrameElement | null;

  constructor(
    host: FlowHost,
    config: () => FlowConfig,
    frame: () => HTMLIFrameElement | null = () => null,
  ) {
    this._host = host;
    this._config = config;
    this._frame = frame;
    host.addController(this);
  }

  /** Resolves with the state once no run is in progress (runs started meanwhile included). */
  get settled(): Promise<FlowState> {
    const wait = async (): Promise<FlowState> => {
      let seen: Promise<unknown>;
      do {
        seen = this._pending;
        await seen;
      } while (seen !== this._pending);
      return this.state;
    };
    return wait();
  }

  /** A start is in progress, or the browser is leaving for the CertifyUrl. */
  get starting(): boolean {
    const { state } = this;
    return (
      state.kind === 'leaving' ||
      state.kind === 'frame' ||
      (state.kind === 'step' && state.step !== 'describe')
    );
  }

  /** Listens for bfcache restores; on the first connect, reads the return URL. */
  hostConnected(): void {
    addEventListener('pageshow', this._restored);
    if (this._read) return;
    this._read = true;
    this._readReturn();
  }

  /** Abandons a run in progress (back to the state it started from). */
  hostDisconnected(): void {
    removeEventListener('pageshow', this._restored);
    if (this.state.kind === 'step' || this.state.kind === 'leaving') this._reset();
  }

  /** Starts a verification attempt; ignored while one is starting. */
  start(): void {
    if (this.starting) return;
    this.fromReturn = false;
    this._pending = this._start();
  }

  /** What the error view's button does. */
  retry(): void {
    const { state } = this;
    if (state.kind !== 'error') return;
    const { retry } = state;
    if (retry.kind === 'start') this.start();
    else this._pending = this._describe(retry.request, retry.back);
  }

  /** Closes the certify page's frame: the attempt is abandoned. */
  closeFrame(): void {
    if (this.state.kind === 'frame') this._reset();
  }

  /** The user is back from Alipay: ask the merchant server for the result. */
  confirmAlipay(): void {
    const { state } = this;
    if (state.kind === 'alipay-link') this._pending = this._describe(state.request, state);
  }

  private _set(state: FlowState): void {
    this.state = state;
    this._host.requestUpdate();
  }

  private _fire(failure: Failure): void {
    const t = STRINGS[this._config().locale];
    this._host.dispatchEvent(new FaceVerifyErrorEvent(errorDetail(failure, t)));
  }

  /**
   * Runs `job` as the one run in progress, from `first` step on: its steps show as progress; a
   * failure shows an error whose button does `retry`, and fires `face-verify-error`. Resolves
   * with the job's value, or `undefined` when it failed or was abandoned (then at once, even if
   * the job ignores its signal). `back` is the state to return to if it is abandoned.
   */
  private async _run<T>(
    first: Step,
    back: FlowState,
    retry: Retry,
    job: (signal: AbortSignal, step: (step: Step) => void) => Promise<T>,
  ): Promise<T | undefined> {
    this._abort?.abort();
    const abort = (this._abort = new AbortController());
    const { signal } = abort;
    this._back = back;
    let current = first;
    const step = (next: Step): void => {
      if (signal.aborted) return;
      current = next;
      this._set({ kind: 'step', step: next });
    };
    const abandoned = new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => reject(signal)),
    );
    step(first);
    try {
      const value = await Promise.race([job(signal, step), abandoned]);
      return signal.aborted ? undefined : value;
    } catch (error) {
      if (signal.aborted) return undefined;
      const failure = failureOf(error, stageOf(current));
      this._set({ kind: 'error', failure, retry });
      this._fire(failure);
      return undefined;
    }
  }

  /** Abandons the run in progress and shows the state it started from. */
  private _reset(): void {
    this._abort?.abort();
    this._set(this._back);
  }

  /** Back from the certify page through the bfcache: the start again instead of "opening…" forever. */
  private _restored = (event: PageTransitionEvent): void => {
    if (event.persisted && this.starting) this._reset();
  };

  private async _start(): Promise<void> {
    const config = this._config();
    const started = await this._run('script', IDLE, START, (signal, step) =>
      start(config, this._host, signal, step, (certifyUrl) => this._showFrame(certifyUrl)),
    );
    switch (started?.kind) {
      case undefined:
        return;
      case 'handover':
        return this._set({ kind: 'leaving' });
      case 'cancelled':
        return this._set(IDLE);
      case 'frame':
        return this._frameResult(started.request, started.outcome);
      case 'alipay-link': {
        const { launchUrl, request } = started;
        return this._set({ kind: 'alipay-link', launchUrl, request });
      }
      case 'alipay-outcome': {
        const { request, outcome } = started;
        const { certifyId } = request;
        this._host.dispatchEvent(
          new FaceVerifyResultEvent({ source: 'alipay', certifyId, outcome }),
        );
        const submitted = outcome.status === 'submitted';
        const shown: FlowState = {
          kind: 'result',
          certifyId,
          verdict: submitted
            ? { kind: 'awaiting' }
            : { kind: 'alipay-ended', status: outcome.status },
        };
        this._set(shown);
        if (submitted) await this._describe(request, shown);
      }
    }
  }

  /** Shows the frame for `certifyUrl` and resolves with it once it is in the DOM. */
  private async _showFrame(certifyUrl: string): Promise<HTMLIFrameElement> {
    this._set({ kind: 'frame', certifyUrl });
    await this._host.updateComplete;
    const frame = this._frame();
    if (!frame) throw new FaceVerifyError('not-browser', 'the frame was not rendered');
    return frame;
  }

  /**
   * What the framed certify page posted: the result of the verification this element started
   * (a posted certifyId that is another one is forged and never described), confirmed by the
   * merchant server after 1000 or 2006.
   */
  private async _frameResult(request: DescribeRequest, outcome: ParseOutcome): Promise<void> {
    if (!outcome.ok) {
      const failure = resultFailure('result-unreadable');
      this._set({ kind: 'error', failure, retry: START });
      this._fire(failure);
      return;
    }
    const { result } = outcome;
    const { certifyId } = request;
    const { suspicion, describe: asked } = interpretFrameResult(result, request);
    const forged = suspicion === 'forged';
    this._host.dispatchEvent(
      new FaceVerifyResultEvent({
        source: 'iframe',
        result,
        certifyId,
        ...(forged && { suspicion: 'forged' as const }),
      }),
    );
    const verdict: ResultVerdict = forged
      ? { kind: 'suspect', suspicion: 'forged' }
      : result.passed
        ? { kind: 'awaiting' }
        : {
            kind: 'browser-code',
            code: result.code,
            ...(result.subCode !== undefined && { subCode: result.subCode }),
          };
    const shown: FlowState = {
      kind: 'result',
      verdict,
      certifyId,
      ...(result.reason !== undefined && { reason: result.reason }),
    };
    this._set(shown);
    if (asked) await this._describe(asked, shown);
  }

  /**
   * Asks the merchant server for the authoritative result about `request` (a verification this tab
   * started, with its ticket), when `describe-url` is set; `back` is the state it confirms.
   */
  private async _describe(request: DescribeRequest, back: FlowState): Promise<void> {
    const { describeUrl, timeout, locale } = this._config();
    if (!describeUrl) return;
    const reply = await this._run('describe', back, { kind: 'describe', request, back }, (signal) =>
      describe(describeUrl, request, timeout, signal, locale),
    );
    if (!reply) return;
    this._host.dispatchEvent(new FaceVerifyDescribedEvent(reply));
    // The merchant server's own words (text only), e.g. the SubCode's meaning.
    const { passed, message } = reply;
    this._set({ kind: 'described', certifyId: request.certifyId, passed, message });
  }

  /**
   * The return page: core reads `response` once (and strips it, so a reload, back/forward or a
   * second element sees nothing) and its flow rules decide whether the result is suspect and
   * whether to ask the merchant server. Events wait for the page's scripts.
   */
  private _readReturn(): void {
    const outcome = consumeVerifyResult();
    if (!outcome.ok && outcome.error === 'absent') return;
    this.fromReturn = true;
    if (!outcome.ok) {
      const failure = resultFailure('result-unreadable');
      this._set({ kind: 'error', failure, retry: START });
      this._pending = pageScriptsRan().then(() => this._fire(failure));
      return;
    }
    const { suspicion, describe: request } = interpretReturn(outcome);
    const { result } = outcome;
    // Events get logged and posted: the ticket only ever goes back to describe.
    const correlation = { ...outcome.correlation };
    delete correlation.ticket;
    const certifyId = result.certifyId ?? correlation.certifyId;
    const verdict: ResultVerdict = suspicion
      ? { kind: 'suspect', suspicion }
      : result.passed
        ? { kind: 'awaiting' }
        : {
            kind: 'browser-code',
            code: result.code,
            ...(result.subCode !== undefined && { subCode: result.subCode }),
          };
    const shown: FlowState = {
      kind: 'result',
      verdict,
      ...(certifyId !== undefined && { certifyId }),
      ...(result.reason !== undefined && { reason: result.reason }),
    };
    this._set(shown);
    this._pending = pageScriptsRan().then(async () => {
      this._host.dispatchEvent(
        new FaceVerifyResultEvent({
          source: 'return',
          result,
          correlation,
          ...(suspicion && { suspicion }),
        }),
      );
      if (suspicion === 'unmatched') this._fire(resultFailure('result-unmatched'));
      // Not when the user has already left the result for a new attempt.
      if (request && this.state === shown) await this._describe(request, shown);
    });
  }
}
