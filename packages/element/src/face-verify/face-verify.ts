import {
  checkCompatibility,
  describeVerifyCode,
  FaceVerifyError,
  type CompatReport,
  type Locale,
  type VerifyAction,
} from '@aliyun-face-verify/core';
import { describeServiceCode, describeSubCode } from '@aliyun-face-verify/core/tables';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DescribeController } from '../controllers/describe-controller.js';
import { MerchantRequestError } from '../controllers/merchant-request.js';
import { ReturnController } from '../controllers/return-controller.js';
import {
  StartController,
  type FaceVerifyInit,
  type StartStage,
} from '../controllers/start-controller.js';
import {
  FaceVerifyDescribedEvent,
  FaceVerifyErrorEvent,
  FaceVerifyResultEvent,
  FaceVerifyUnsupportedEvent,
  type FaceVerifyErrorDetail,
  type FaceVerifyErrorStage,
} from '../events.js';
import { resolveLocale, STRINGS, type UiStrings } from '../strings.js';
import { styles } from './face-verify.styles.js';

/** A compatibility verdict to force instead of checking the browser (demos, tests). */
export type CompatOverride = CompatReport | CompatReport['action'];

/** How a result reads: its tone colors the heading; `again` offers a new attempt. */
interface Outcome {
  tone: 'success' | 'pending' | 'failure' | 'warning';
  title: string;
  message: string;
  again: boolean;
}

/**
 * Resolves once the page's own scripts had their chance to add listeners: after DOMContentLoaded
 * and one more task. Events found on connect (result, unsupported) wait for it, because in plain
 * HTML the bundle that upgrades the element runs before the page's next `<script>`.
 */
const pageScriptsRan = (): Promise<void> =>
  new Promise((resolve) => {
    const later = (): void => void setTimeout(resolve);
    if (document.readyState === 'loading')
      document.addEventListener('DOMContentLoaded', later, { once: true });
    else later();
  });

const QUERYABLE = new Set([1000, 2006]);

/**
 * The browser side of Alibaba Cloud ID Verification (金融级实人认证) H5 flow in one tag: checks the
 * browser, loads the script on the user's click, asks the merchant server for a CertifyUrl, hands
 * over, and on the return page shows the result — confirmed by the merchant server when
 * `describe-url` is set.
 *
 * @summary Start, guard and result page of the Aliyun face verification H5 flow.
 *
 * @slot header - Shown above every view (brand, title).
 * @slot start - Replaces the start button; a click anywhere in it starts the verification.
 *
 * @fires face-verify-redirect - Before navigating to the CertifyUrl. Cancelable. `detail`: `{ certifyId, certifyUrl }`.
 * @fires face-verify-result - Once, when a result arrives from the return URL or the Alipay bridge (reference only).
 * @fires face-verify-described - When the merchant server returned the authoritative result.
 * @fires face-verify-error - On every failure the user sees: `detail` has a stable `code`.
 * @fires face-verify-unsupported - On connect when this browser cannot verify. `detail`: the CompatReport.
 *
 * @csspart base - The card around every view.
 * @csspart header - Wrapper of the `header` slot.
 * @csspart heading - The heading of the current view (receives focus on view change).
 * @csspart status - The live region announcing progress; visible while loading.
 * @csspart spinner - The progress indicator.
 * @csspart button - Every button; also `primary`/`secondary` plus `start`, `continue`, `retry`, `again`, `copy`, `close`.
 * @csspart link - The Alipay launch link.
 * @csspart guard - The unsupported-browser view.
 * @csspart overlay - The open-in-browser dialog.
 * @csspart url - The page link to copy.
 * @csspart guide - The WeChat guide view.
 * @csspart idle - The start view.
 * @csspart error - The error view.
 * @csspart alipay - The Alipay view.
 * @csspart result - The result view.
 * @csspart warning - The warning on a result that does not match this page's verification.
 *
 * @cssproperty --aliyun-face-verify-accent - Button and focus color.
 * @cssproperty --aliyun-face-verify-accent-text - Text on the accent color.
 * @cssproperty --aliyun-face-verify-color - Text color.
 * @cssproperty --aliyun-face-verify-muted - Secondary text color.
 * @cssproperty --aliyun-face-verify-background - Card background.
 * @cssproperty --aliyun-face-verify-border - Border color.
 * @cssproperty --aliyun-face-verify-radius - Corner radius.
 * @cssproperty --aliyun-face-verify-padding - Card padding.
 * @cssproperty --aliyun-face-verify-font - Font shorthand.
 * @cssproperty --aliyun-face-verify-max-width - Maximum width of the element.
 * @cssproperty --aliyun-face-verify-error - Heading color of errors and failures.
 * @cssproperty --aliyun-face-verify-success - Heading color of a confirmed pass.
 * @cssproperty --aliyun-face-verify-warning - Color of warnings.
 * @cssproperty --aliyun-face-verify-focus-ring - Focus outline color.
 *
 * @attr nonce - CSP nonce for the verification script (read through the native `nonce` property).
 */
export class AliyunFaceVerify extends LitElement {
  static override styles = styles;

  /** Merchant endpoint that POSTs `{metaInfo, returnUrl, …initData}` and answers `{certifyId, certifyUrl}`. */
  @property({ attribute: 'init-url' }) initUrl: string | undefined;

  /** Merchant endpoint that POSTs `{certifyId}` and answers the authoritative DescribeResponse. */
  @property({ attribute: 'describe-url' }) describeUrl: string | undefined;

  /** URL of `jsvm_all.js`; core's default (the seeds' OSS URL) when unset. */
  @property({ attribute: 'script-src' }) scriptSrc: string | undefined;

  /** Where the certify page returns to; the current page when unset. */
  @property({ attribute: 'return-url' }) returnUrl: string | undefined;

  /** Extra CertifyUrl hosts (`host` or `host:port`), separated by spaces or commas. */
  @property({ attribute: 'allowed-hosts' }) allowedHosts: string | undefined;

  /** Language of the views: `zh-CN` (default), `en`, or `auto` (from `navigator.language`). */
  @property() override lang = '';

  /** Time limit in ms for loading the script and for each merchant request. */
  @property({ type: Number }) timeout = 15_000;

  /** Forces the compatibility verdict (an action name or a full report) instead of checking. */
  @property() compat: CompatOverride | undefined;

  /** Calls the merchant server yourself instead of POSTing to `init-url`. */
  @property({ attribute: false }) init: FaceVerifyInit | undefined;

  /** Extra fields merged into the init request body (e.g. a name/ID form on the page). */
  @property({ attribute: false }) initData: Record<string, unknown> | undefined;

  @state() private report: CompatReport | undefined;
  @state() private guided = false;
  @state() private overlayClosed = false;
  @state() private note = '';

  private readonly _start = new StartController(this, () => this._startSettled());
  private readonly _describe = new DescribeController(this, () => this._describeSettled());
  private readonly _return = new ReturnController(this);
  private _view = '';
  private _announced = false;

  /** Starts a verification attempt; call it from a user gesture (the start button does). */
  start(): void {
    if (this._start.status === 'pending') return;
    this._describe.reset();
    this._return.clear();
    const nonce = this.nonce || this.getAttribute('nonce');
    void this._start.run({
      initUrl: this.initUrl,
      init: this.init,
      initData: this.initData,
      src: this.scriptSrc,
      nonce: nonce || undefined,
      timeoutMs: this.timeout,
      allowedHosts: (this.allowedHosts ?? '').split(/[\s,]+/).filter(Boolean),
      returnUrl: new URL(this.returnUrl ?? '', location.href).href,
      inAlipay: this._compat().app === 'alipay',
      target: this,
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const returned = this._return.value;
    if (returned && !this._announced) {
      this._announced = true;
      void pageScriptsRan().then(() => {
        if (returned.ok) {
          const { result, correlation, suspicion } = returned;
          this.dispatchEvent(
            new FaceVerifyResultEvent({
              source: 'return',
              result,
              correlation,
              ...(suspicion ? { suspicion } : {}),
            }),
          );
          if (!suspicion && QUERYABLE.has(result.code) && result.certifyId)
            this._describeNow(result.certifyId);
        } else this._fail('result-unreadable', 'result', STRINGS[this._locale].unreadable);
      });
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.report && !changed.has('compat')) return;
    const report = (this.report = this._compat());
    if (!report.supported && !this._return.value)
      void pageScriptsRan().then(() => this.dispatchEvent(new FaceVerifyUnsupportedEvent(report)));
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
    const view = this._view;
    if (this._lastView && view !== this._lastView)
      this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    this._lastView = view;
  }

  private _lastView = '';

  private get _locale(): Locale {
    return resolveLocale(this.lang);
  }

  private _compat(): CompatReport {
    const forced = this.compat;
    if (!forced) return checkCompatibility();
    return typeof forced === 'object'
      ? forced
      : {
          supported: forced !== 'unsupported' && forced !== 'open-in-browser',
          action: forced,
          reasons: ['forced by the compat property'],
          browser: { name: 'forced' },
          os: { name: 'other' },
          ...(forced === 'wechat-guide' || forced === 'open-in-browser' ? { app: 'wechat' } : {}),
        };
  }

  private _describeNow(certifyId: string): void {
    if (this.describeUrl)
      void this._describe.run({ url: this.describeUrl, certifyId, timeoutMs: this.timeout });
  }

  private _startSettled(): void {
    const start = this._start;
    if (start.status === 'error') return this._failWith(start.error, 'init');
    const value = start.value;
    if (value?.kind === 'alipay') {
      const { certifyId, outcome } = value;
      this.dispatchEvent(new FaceVerifyResultEvent({ source: 'alipay', certifyId, outcome }));
      if (outcome.status === 'submitted') this._describeNow(certifyId);
    }
  }

  private _describeSettled(): void {
    const describe = this._describe;
    if (describe.value) this.dispatchEvent(new FaceVerifyDescribedEvent(describe.value));
    else this._failWith(describe.error, 'describe');
  }

  /** Fires `face-verify-error` for a thrown error; the view reads the same detail. */
  private _failWith(error: unknown, stage: FaceVerifyErrorStage): void {
    const detail = this._detail(error, stage);
    this.dispatchEvent(new FaceVerifyErrorEvent(detail));
  }

  private _fail(
    code: FaceVerifyErrorDetail['code'],
    stage: FaceVerifyErrorStage,
    message: string,
  ): void {
    this.dispatchEvent(new FaceVerifyErrorEvent({ code, stage, message }));
  }

  /** The plain-data description of a failure, with the user-facing message in the element's language. */
  private _detail(error: unknown, fallback: FaceVerifyErrorStage): FaceVerifyErrorDetail {
    const t = STRINGS[this._locale];
    const known = error instanceof FaceVerifyError;
    const code = known ? error.code : fallback === 'describe' ? 'describe-failed' : 'init-failed';
    const cause = known ? error.cause : error;
    const request = cause instanceof MerchantRequestError ? cause : undefined;
    const stage: FaceVerifyErrorStage =
      code.startsWith('script') || code === 'metainfo-unavailable'
        ? 'script'
        : code.startsWith('alipay')
          ? 'alipay'
          : code === 'invalid-certify-url'
            ? 'redirect'
            : fallback;
    const detail: { -readonly [K in keyof FaceVerifyErrorDetail]: FaceVerifyErrorDetail[K] } = {
      code,
      stage,
      message: this._message(code, request, t),
    };
    if (request) {
      detail.failure = request.failure;
      if (request.status) detail.status = request.status;
      const body = request.body;
      if (body) {
        detail.serverCode = body.code;
        if (body.upstreamCode) detail.upstreamCode = body.upstreamCode;
        if (body.requestId) detail.requestId = body.requestId;
      }
    }
    return detail;
  }

  private _message(code: string, request: MerchantRequestError | undefined, t: UiStrings): string {
    switch (code) {
      case 'script-load-failed':
        return t.scriptFailed;
      case 'script-timeout':
        return t.scriptTimeout;
      case 'invalid-certify-url':
        return t.certifyUrl;
      case 'alipay-version-too-old':
        return t.alipayOld;
      case 'alipay-unavailable':
        return t.alipayFailed;
      case 'init-failed':
      case 'describe-failed':
        break;
      default:
        return t.scriptBroken;
    }
    const describe = code === 'describe-failed';
    if (!request) return describe ? t.describeFailed : t.unconfigured;
    const { failure, status = 0, body } = request;
    if (failure !== 'http') return t[failure];
    const upstream = body?.upstreamCode;
    if (upstream && !describe) return describeServiceCode('InitFaceVerify', upstream, this._locale);
    if (body?.code === 'rate-limited') return t.rateLimited;
    if (body?.code === 'identity-required') return t.identity;
    if (body?.code === 'not-ready' || upstream === '424') return t.notReady;
    return status >= 500 ? t.server : describe ? t.describeFailed : t.rejected;
  }

  protected override render(): TemplateResult {
    const t = STRINGS[this._locale];
    const [view, status, content] = this._content(t);
    this._view = view;
    return html`<div part="base" lang=${this._locale}>
      <header part="header"><slot name="header"></slot></header>
      ${content}
      <p part="status" role="status" class=${view === 'loading' ? '' : 'sr'}>
        ${view === 'loading' ? html`<span part="spinner" aria-hidden="true"></span>` : nothing}
        <span>${status}</span>
      </p>
    </div>`;
  }

  /** The current view: its name, the status line to announce, and its template. */
  private _content(t: UiStrings): [string, string, TemplateResult | typeof nothing] {
    const start = this._start;
    const describe = this._describe;
    if (describe.status === 'pending' || start.status === 'pending') {
      const stage: StartStage | 'describe' = describe.stage ?? start.stage ?? 'script';
      return ['loading', t[stage], this._heading(t.waitTitle)];
    }
    if (describe.status === 'error')
      return this._error(describe.error, 'describe', () => this._retryDescribe());
    if (describe.value) {
      const { passed, subCode } = describe.value;
      return this._result(
        passed
          ? { tone: 'success', title: t.passedTitle, message: t.passed, again: false }
          : {
              tone: 'failure',
              title: t.failedTitle,
              message: describeSubCode(subCode, this._locale),
              again: true,
            },
        t,
      );
    }
    if (start.status === 'error') return this._error(start.error, 'init', () => this.start());
    const value = start.value;
    if (value?.kind === 'redirect') return ['loading', t.redirect, this._heading(t.waitTitle)];
    if (value?.kind === 'alipay-launch')
      return [
        'alipay',
        t.alipayTitle,
        html`<section part="alipay">
          ${this._heading(t.alipayTitle)}
          <p>${t.alipayBody}</p>
          <div class="row">
            <a part="link" href=${value.launchUrl}>${t.alipayOpen}</a>
            ${this._button('secondary again', t.again)}
          </div>
        </section>`,
      ];
    if (value?.kind === 'alipay') {
      const status = value.outcome.status;
      return this._result(
        status === 'submitted'
          ? { tone: 'pending', title: t.awaitingTitle, message: t.awaiting, again: false }
          : {
              tone: 'failure',
              title: t.errorTitle,
              message:
                status === 'cancelled'
                  ? t.alipayCancelled
                  : status === 'network-error'
                    ? t.network
                    : t.alipayFailed,
              again: true,
            },
        t,
      );
    }
    const returned = this._return.value;
    if (returned) {
      if (!returned.ok) return this._error(undefined, 'result', () => this.start(), t.unreadable);
      const { result, suspicion } = returned;
      const code = describeVerifyCode(result.code, result.subCode, this._locale);
      return this._result(
        suspicion
          ? { tone: 'warning', title: t.suspectTitle, message: t[suspicion], again: true }
          : result.passed
            ? { tone: 'pending', title: t.awaitingTitle, message: t.awaiting, again: false }
            : {
                tone: 'failure',
                title: code.title,
                message: code.message,
                again: again(code.action),
              },
        t,
        result.reason,
        result.certifyId,
      );
    }
    const report = this.report;
    if (report?.action === 'unsupported')
      return [
        'guard',
        t.guardTitle,
        html`<section part="guard">
          ${this._heading(t.guardTitle)}
          <p>${t.guardBody}</p>
          ${
            report.reasons.length
              ? html`<details class="muted">
                  <summary>${t.details}</summary>
                  <ul lang="en">
                    ${report.reasons.map((reason) => html`<li>${reason}</li>`)}
                  </ul>
                </details>`
              : nothing
          }
        </section>`,
      ];
    if (report?.action === 'open-in-browser') return this._openInBrowser(t, report);
    if (report?.action === 'wechat-guide' && !this.guided)
      return [
        'guide',
        '',
        html`<section part="guide">
          ${this._heading(t.guideTitle)}
          <ol>
            ${t.guide.map((step) => html`<li>${step}</li>`)}
          </ol>
          ${this._button('primary continue', t.continue, () => (this.guided = true))}
        </section>`,
      ];
    return [
      'idle',
      '',
      html`<section part="idle">
        ${this._heading(t.title)}
        <p>${t.intro}</p>
        <slot name="start" @click=${() => this.start()}
          >${this._button('primary start', t.start, () => undefined)}</slot
        >
      </section>`,
    ];
  }

  private _heading(text: string): TemplateResult {
    return html`<h2 part="heading" id="h" tabindex="-1">${text}</h2>`;
  }

  private _button(
    parts: string,
    label: string,
    onClick: () => void = () => this.start(),
  ): TemplateResult {
    return html`<button part="button ${parts}" type="button" @click=${onClick}>${label}</button>`;
  }

  private _error(
    error: unknown,
    stage: FaceVerifyErrorStage,
    retry: () => void,
    message = this._detail(error, stage).message,
  ): [string, string, TemplateResult] {
    const t = STRINGS[this._locale];
    const requestId =
      error instanceof FaceVerifyError && error.cause instanceof MerchantRequestError
        ? error.cause.body?.requestId
        : undefined;
    return [
      'error',
      message,
      html`<section part="error">
        ${this._heading(t.errorTitle)}
        <p>${message}</p>
        ${
          requestId
            ? html`<dl>
                <dt>${t.requestId}</dt>
                <dd>${requestId}</dd>
              </dl>`
            : nothing
        }
        ${this._button('primary retry', stage === 'result' ? t.again : t.retry, retry)}
      </section>`,
    ];
  }

  private _result(
    outcome: Outcome,
    t: UiStrings,
    reason?: string,
    certifyId?: string,
  ): [string, string, TemplateResult] {
    const returned = this._return.value;
    const suspicion = returned?.ok ? returned.suspicion : undefined;
    const id = certifyId ?? this._describe.value?.certifyId;
    return [
      'result',
      outcome.title,
      html`<section part="result" class=${outcome.tone}>
        ${this._heading(outcome.title)}
        ${suspicion ? html`<p part="warning" role="alert">${t[suspicion]}</p>` : nothing}
        <p>${outcome.message}</p>
        ${
          reason || id
            ? html`<dl>
                ${
                  reason
                    ? html`<dt>${t.reason}</dt>
                        <dd>${reason}</dd>`
                    : nothing
                }
                ${
                  id
                    ? html`<dt>${t.certifyId}</dt>
                        <dd>${id}</dd>`
                    : nothing
                }
              </dl>`
            : nothing
        }
        ${outcome.again ? this._button('primary again', t.again) : nothing}
      </section>`,
    ];
  }

  private _openInBrowser(t: UiStrings, report: CompatReport): [string, string, TemplateResult] {
    const body = html`${this._heading(t.openTitle)}
      <p>${report.app === 'wechat' ? t.openWeChat : t.openOther}</p>
      <div class="row">
        <input part="url" readonly aria-label=${t.link} .value=${location.href} />
        ${this._button('secondary copy', t.copy, () => void this._copy(t))}
      </div>
      <p class="muted" aria-live="polite">${this.note}</p>`;
    return [
      'open',
      t.openTitle,
      this.overlayClosed
        ? html`<section part="guard">${body}</section>`
        : html`<dialog
            part="overlay"
            aria-labelledby="h"
            @close=${() => (this.overlayClosed = true)}
          >
            <span class="arrow" aria-hidden="true">${report.app === 'wechat' ? '↗' : ''}</span>
            ${body}
            ${this._button('secondary close', t.close, () =>
              this.renderRoot.querySelector('dialog')?.close(),
            )}
          </dialog>`,
    ];
  }

  async _copy(t: UiStrings): Promise<void> {
    try {
      await navigator.clipboard.writeText(location.href);
      this.note = t.copied;
    } catch {
      // Clipboard access is often refused inside in-app browsers: select the text for a manual copy.
      this.renderRoot.querySelector('input')?.select();
      this.note = t.copyFailed;
    }
  }

  private _retryDescribe(): void {
    const id = this._return.value?.ok
      ? this._return.value.result.certifyId
      : this._start.value?.kind === 'alipay'
        ? this._start.value.certifyId
        : undefined;
    if (id) this._describeNow(id);
  }
}

/** Whether a browser code's suggested action is worth a new attempt from this page. */
const again = (action: VerifyAction): boolean => action !== 'done' && action !== 'check-server';
