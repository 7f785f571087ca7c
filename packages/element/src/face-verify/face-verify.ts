import {
  checkCompatibility,
  describeVerifyCode,
  FaceVerifyError,
  type CompatReport,
  type Locale,
} from '@aliyun-face-verify/core';
import {
  html,
  LitElement,
  nothing,
  type CSSResult,
  type PropertyDeclarations,
  type TemplateResult,
} from 'lit';
import { DescribeController } from '../controllers/describe-controller.js';
import { MerchantRequestError } from '../controllers/merchant-request.js';
import { ReturnController } from '../controllers/return-controller.js';
import { StartController, type FaceVerifyInit } from '../controllers/start-controller.js';
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

/** The current view: its name (focus moves when it changes), the status line, the template. */
type View = [name: string, status: string, content: TemplateResult];

/** A result as shown: heading, message, tone (colors the heading), whether to offer a new attempt. */
type Outcome = [
  title: string,
  message: string,
  tone: 'success' | 'pending' | 'failure',
  again?: 1 | undefined,
];

/**
 * InitFaceVerify Codes (from the seeds) that mean something to the user; every other one (400 a
 * request missing a field, 402–412 configuration, 500) is the merchant's to fix: "unavailable".
 */
const UPSTREAM: Readonly<Record<string, keyof UiStrings>> = {
  401: 'identity',
  414: 'device',
  415: 'device',
  416: 'device',
  417: 'noSource',
  418: 'tooMany',
};

/** Core error codes with a message of their own (the rest of the script codes read "did not load"). */
const CODE_TEXT: Readonly<Record<string, keyof UiStrings>> = {
  'script-timeout': 'timeout',
  'invalid-certify-url': 'certifyUrl',
  'alipay-version-too-old': 'alipayOld',
};

/** Merchant error codes with a message of their own. */
const SERVER_TEXT: Readonly<Record<string, keyof UiStrings>> = {
  'identity-required': 'identity',
  'rate-limited': 'busy',
  'not-ready': 'unconfirmed',
};

/**
 * Resolves once the page's own scripts had their chance to add listeners: after DOMContentLoaded
 * and one more task. Events found on connect (result, unsupported) wait for it, because in plain
 * HTML the bundle that upgrades the element runs before the page's next `<script>`.
 */
const pageScriptsRan = (): Promise<void> =>
  new Promise((resolve) => {
    const later = (): unknown => setTimeout(resolve);
    if (document.readyState === 'loading') addEventListener('DOMContentLoaded', later);
    else later();
  });

/**
 * The browser side of the Alibaba Cloud ID Verification (金融级实人认证) H5 flow in one tag: checks
 * the browser, loads the script on the user's click, asks the merchant server for a CertifyUrl,
 * hands over, and on the return page shows the result — confirmed by the merchant server when
 * `describe-url` is set. Everything it says is text: nothing from a URL or a server becomes HTML.
 *
 * @tagname aliyun-face-verify
 * @summary Start, guard and result page of the Aliyun face verification H5 flow.
 *
 * @slot header - Shown above every view (brand, title).
 * @slot start - Replaces the start button; a click anywhere in it starts the verification.
 *
 * @fires {FaceVerifyRedirectEvent} face-verify-redirect - Before navigating to the allowlisted CertifyUrl; cancelable. `detail`: `{ certifyId, certifyUrl }`.
 * @fires {FaceVerifyResultEvent} face-verify-result - Once, when a result arrives from the return URL or the Alipay bridge (reference only).
 * @fires {FaceVerifyDescribedEvent} face-verify-described - When the merchant server returned the authoritative result (DescribeResponse).
 * @fires {FaceVerifyErrorEvent} face-verify-error - On every failure the user sees; `detail.code` is stable.
 * @fires {FaceVerifyUnsupportedEvent} face-verify-unsupported - On connect when this browser cannot verify; `detail` is the CompatReport.
 *
 * @csspart base - The card around every view.
 * @csspart header - Wrapper of the `header` slot.
 * @csspart heading - Heading of the current view; takes focus when the view changes.
 * @csspart status - Live region announcing progress; visible while loading.
 * @csspart spinner - Progress indicator.
 * @csspart button - Every button, plus one of `primary` / `secondary` and its role: `start`, `continue`, `retry`, `again`, `done`, `copy`, `close`.
 * @csspart link - The Alipay launch link.
 * @csspart idle - The start view.
 * @csspart guide - The WeChat guide view.
 * @csspart guard - The unsupported-browser view (and the open-in-browser text once its overlay is closed).
 * @csspart overlay - The open-in-browser dialog.
 * @csspart url - The page link to copy.
 * @csspart error - The error view.
 * @csspart alipay - The Alipay view.
 * @csspart result - The result view.
 * @csspart warning - Why a result does not belong to this page's verification.
 *
 * @cssproperty --aliyun-face-verify-accent - Button, link and focus ring color.
 * @cssproperty --aliyun-face-verify-accent-text - Text on the accent color.
 * @cssproperty --aliyun-face-verify-color - Text color.
 * @cssproperty --aliyun-face-verify-muted - Secondary text color.
 * @cssproperty --aliyun-face-verify-background - Card background.
 * @cssproperty --aliyun-face-verify-border - Border color.
 * @cssproperty --aliyun-face-verify-radius - Corner radius.
 * @cssproperty --aliyun-face-verify-padding - Card padding.
 * @cssproperty --aliyun-face-verify-font - Font shorthand.
 * @cssproperty --aliyun-face-verify-max-width - Maximum width of the element (default 28rem).
 * @cssproperty --aliyun-face-verify-error - Heading color of errors and failures.
 * @cssproperty --aliyun-face-verify-success - Heading color of a confirmed pass.
 * @cssproperty --aliyun-face-verify-warning - Color of warnings.
 *
 * @attr nonce - CSP nonce for the verification script; read through the native `nonce` property, so CSP's nonce hiding does not lose it.
 */
export class AliyunFaceVerify extends LitElement {
  // Static getters, not static fields: fields would compile to static blocks, which iOS before
  // 16.4 cannot parse, and in-app WebViews from iOS 14.3 on must run this.
  static override get styles(): CSSResult {
    return styles;
  }

  static override get properties(): PropertyDeclarations {
    return {
      initUrl: { attribute: 'init-url' },
      describeUrl: { attribute: 'describe-url' },
      scriptSrc: { attribute: 'script-src' },
      returnUrl: { attribute: 'return-url' },
      allowedHosts: { attribute: 'allowed-hosts' },
      lang: {},
      timeout: { type: Number },
      compat: {},
      init: { attribute: false },
      initData: { attribute: false },
      _guided: { state: true },
      _closed: { state: true },
      _note: { state: true },
    };
  }

  /** Merchant endpoint: POST `{metaInfo, returnUrl, …initData}` → `{certifyId, certifyUrl}` (or an Alipay flow). */
  declare initUrl: string | undefined;
  /** Merchant endpoint: POST `{certifyId}` → the authoritative DescribeResponse. */
  declare describeUrl: string | undefined;
  /** URL of `jsvm_all.js`; core's default (the seeds' OSS URL) when unset. */
  declare scriptSrc: string | undefined;
  /** Where the certify page returns to; this page when unset. */
  declare returnUrl: string | undefined;
  /** Extra CertifyUrl hosts (`host` or `host:port`, e.g. the emulator's), separated by spaces or commas. */
  declare allowedHosts: string | undefined;
  /** Language of the views: `zh-CN` (default), `en`, or `auto` (from `navigator.language`). */
  declare lang: string;
  /** Time limit in ms for loading the script and for each merchant request. */
  declare timeout: number;
  /** Forces the compatibility verdict (an action name, or a full report) instead of checking the browser. */
  declare compat: CompatOverride | undefined;
  /** Calls the merchant server yourself instead of POSTing to `init-url`. */
  declare init: FaceVerifyInit | undefined;
  /** Extra fields merged into the init request (e.g. a name/ID form on the page). */
  declare initData: Record<string, unknown> | undefined;

  declare private _guided: boolean;
  declare private _closed: boolean;
  declare private _note: string;

  private readonly _start = new StartController(this, () => this._settled(this._start));
  private readonly _describe = new DescribeController(this, () => this._settled(this._describe));
  private readonly _return = new ReturnController(this);
  private _report: CompatReport | undefined;
  private _view = '';
  private _shown = '';
  private _announced = false;

  constructor() {
    super();
    this.timeout = 15_000;
  }

  /** Starts a verification attempt; the start button calls it (call it from a user gesture). */
  start(): void {
    if (this._start.status === 'pending') return;
    this._describe.reset();
    this._return.clear();
    void this._start.run({
      initUrl: this.initUrl,
      init: this.init,
      initData: this.initData,
      src: this.scriptSrc,
      nonce: this.nonce || undefined,
      timeoutMs: this.timeout,
      allowedHosts: this.allowedHosts?.split(/[\s,]+/).filter(Boolean) ?? [],
      returnUrl: new URL(this.returnUrl ?? '', location.href).href,
      inAlipay: this._compat().app === 'alipay',
      target: this,
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const returned = this._return.value;
    if (!returned || this._announced) return;
    this._announced = true;
    void pageScriptsRan().then(() => {
      if (!returned.ok)
        return this._fail({
          code: 'result-unreadable',
          stage: 'result',
          message: this._t.unreadable,
        });
      const { result, correlation, suspicion } = returned;
      this.dispatchEvent(
        new FaceVerifyResultEvent({
          source: 'return',
          result,
          correlation,
          ...(suspicion && { suspicion }),
        }),
      );
      // The cloud answers DescribeFaceVerify only after 1000 or 2006; a suspect result is not asked about.
      if (!suspicion && (result.code === 1000 || result.code === 2006))
        this._confirm(result.certifyId);
    });
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (this._report && !changed.has('compat')) return;
    const report = (this._report = this._compat());
    if (!report.supported && !this._return.value)
      void pageScriptsRan().then(() => this.dispatchEvent(new FaceVerifyUnsupportedEvent(report)));
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
    // Focus follows the view (not on first render: the page decides where focus starts).
    if (this._view !== this._shown && this._shown)
      this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    this._shown = this._view;
  }

  private get _t(): UiStrings {
    return STRINGS[this._locale];
  }

  private get _locale(): Locale {
    return resolveLocale(this.lang);
  }

  private _compat(): CompatReport {
    const forced = this.compat;
    return typeof forced === 'object'
      ? forced
      : forced
        ? {
            supported: forced === 'proceed' || forced === 'wechat-guide',
            action: forced,
            reasons: [],
            browser: { name: 'forced' },
            os: { name: 'other' },
            ...((forced === 'wechat-guide' || forced === 'open-in-browser') && { app: 'wechat' }),
          }
        : checkCompatibility();
  }

  /** Asks the merchant server for the authoritative result, when `describe-url` is set. */
  private _confirm(certifyId: string | undefined): void {
    if (this.describeUrl && certifyId)
      void this._describe.run({ url: this.describeUrl, certifyId, timeoutMs: this.timeout });
  }

  /** After a start or describe run: fire what happened. */
  private _settled(run: StartController | DescribeController): void {
    if (run.status === 'error') return this._fail(this._detail(run.error, run.stage));
    const value = run.value;
    if (!value) return;
    if ('passed' in value) return void this.dispatchEvent(new FaceVerifyDescribedEvent(value));
    if (value.kind !== 'alipay') return;
    const { certifyId, outcome } = value;
    this.dispatchEvent(new FaceVerifyResultEvent({ source: 'alipay', certifyId, outcome }));
    if (outcome.status === 'submitted') this._confirm(certifyId);
  }

  private _fail(detail: FaceVerifyErrorDetail): void {
    this.dispatchEvent(new FaceVerifyErrorEvent(detail));
  }

  /** A failure as plain data, with the message the user sees in the element's language. */
  private _detail(error: unknown, stage: FaceVerifyErrorStage = 'init'): FaceVerifyErrorDetail {
    const t = this._t;
    const known = error instanceof FaceVerifyError;
    const code = known ? error.code : 'init-failed';
    const request = known && error.cause instanceof MerchantRequestError ? error.cause : undefined;
    const body = request?.body;
    const upstream = body?.upstreamCode;
    const describe = code === 'describe-failed';
    const key: keyof UiStrings =
      CODE_TEXT[code] ??
      (code.startsWith('script') || code === 'metainfo-unavailable'
        ? 'scriptFailed'
        : !request
          ? known && !error.cause && !describe
            ? 'unconfigured'
            : describe
              ? 'unconfirmed'
              : 'server'
          : request.failure !== 'http'
            ? request.failure
            : ((describe ? undefined : UPSTREAM[upstream ?? '']) ??
              SERVER_TEXT[body?.code ?? ''] ??
              (request.status < 500 ? 'rejected' : 'server')));
    const detail = {
      code,
      stage,
      message: t[key],
      failure: request?.failure,
      status: request?.status || undefined,
      serverCode: body?.code,
      upstreamCode: upstream,
      requestId: body?.requestId,
    };
    // Absent, not undefined: the payload is plain data that serializes and compares cleanly.
    return Object.fromEntries(
      Object.entries(detail).filter((entry) => entry[1] !== undefined),
    ) as unknown as FaceVerifyErrorDetail;
  }

  protected override render(): TemplateResult {
    const [view, status, content] = this._content(this._t);
    this._view = view;
    return html`<div part="base" lang=${this._locale}>
      <header part="header"><slot name="header"></slot></header>
      ${content}
      <p part="status" role="status">${status}</p>
    </div>`;
  }

  private _content(t: UiStrings): View {
    const { _start: start, _describe: describe } = this;
    const stage = describe.status === 'pending' ? describe.stage : start.stage;
    if (
      describe.status === 'pending' ||
      start.status === 'pending' ||
      start.value?.kind === 'redirect'
    ) {
      const text = t[start.value ? 'redirect' : (stage ?? 'script')];
      return ['loading', text, this._heading(html`<span part="spinner"></span>${text}`)];
    }
    if (describe.status === 'error')
      return this._error(this._detail(describe.error, 'describe'), () =>
        this._confirm(this._certifyId()),
      );
    if (describe.value) {
      // The merchant server's own words (text only), e.g. the SubCode's meaning.
      const { passed, message } = describe.value;
      return this._result(
        passed ? [t.passedTitle, message, 'success'] : [t.failedTitle, message, 'failure', 1],
      );
    }
    if (start.status === 'error') return this._error(this._detail(start.error, start.stage));
    const value = start.value;
    if (value?.kind === 'alipay-launch')
      return [
        'alipay',
        t.alipayTitle,
        html`<section part="alipay">
          ${this._heading(t.alipayTitle)}
          <a part="link" href=${value.launchUrl}>${t.alipayOpen}</a>
          ${
            this.describeUrl
              ? this._button('secondary done', t.done, () => this._confirm(value.certifyId))
              : nothing
          }
        </section>`,
      ];
    if (value?.kind === 'alipay') {
      const status = value.outcome.status;
      return this._result(
        status === 'submitted'
          ? [t.awaitingTitle, t.awaiting, 'pending']
          : [
              t.errorTitle,
              status === 'cancelled'
                ? t.cancelled
                : status === 'network-error'
                  ? t.network
                  : t.server,
              'failure',
              1,
            ],
      );
    }
    const returned = this._return.value;
    if (returned) {
      if (!returned.ok)
        return this._error({ code: 'result-unreadable', stage: 'result', message: t.unreadable });
      const { result, suspicion } = returned;
      const code = describeVerifyCode(result.code, result.subCode, this._locale);
      return this._result(
        suspicion
          ? [t.suspectTitle, t[suspicion], 'failure', 1]
          : result.passed
            ? [t.awaitingTitle, t.awaiting, 'pending']
            : [code.title, code.message, 'failure', 1],
        result.reason,
        result.certifyId,
        suspicion && t[suspicion],
      );
    }
    const report = this._report;
    const action = report?.action;
    if (action === 'unsupported' || (action === 'open-in-browser' && this._closed))
      return [
        'guard',
        t.guardTitle,
        html`<section part="guard">
          ${
            action === 'unsupported'
              ? html`${this._heading(t.guardTitle)}
                  <p>${t.guardBody}</p>
                  ${
                    report?.reasons.length
                      ? html`<ul lang="en">
                          ${report.reasons.map((reason) => html`<li>${reason}</li>`)}
                        </ul>`
                      : nothing
                  }`
              : this._openInBrowser(t)
          }
        </section>`,
      ];
    if (action === 'open-in-browser')
      return [
        'open',
        t.openTitle,
        html`<dialog part="overlay" aria-labelledby="h" @close=${() => (this._closed = true)}>
          ${this._openInBrowser(t)}
          ${this._button('secondary close', t.close, () =>
            this.renderRoot.querySelector('dialog')?.close(),
          )}
        </dialog>`,
      ];
    if (action === 'wechat-guide' && !this._guided)
      return [
        'guide',
        '',
        html`<section part="guide">
          ${this._heading(t.guideTitle)}
          <ol>
            ${t.guide.map((step) => html`<li>${step}</li>`)}
          </ol>
          ${this._button('primary continue', t.continue, () => (this._guided = true))}
        </section>`,
      ];
    return [
      'idle',
      '',
      html`<section part="idle">
        ${this._heading(t.title)}
        <slot name="start" @click=${() => this.start()}
          >${this._button('primary start', t.start, () => undefined)}</slot
        >
      </section>`,
    ];
  }

  private _heading(text: string | TemplateResult): TemplateResult {
    return html`<h2 part="heading" id="h" tabindex="-1">${text}</h2>`;
  }

  private _button(
    parts: string,
    label: string,
    onClick = (): void => this.start(),
  ): TemplateResult {
    return html`<button part="button ${parts}" type="button" @click=${onClick}>${label}</button>`;
  }

  private _certifyId(): string | undefined {
    const returned = this._return.value;
    return returned?.ok ? returned.result.certifyId : this._start.value?.certifyId;
  }

  private _error(detail: FaceVerifyErrorDetail, retry?: () => void): View {
    const t = this._t;
    const { message, requestId, upstreamCode } = detail;
    return [
      'error',
      message,
      html`<section part="error">
        ${this._heading(t.errorTitle)}
        <p>${message}</p>
        ${this._facts([
          [t.code, upstreamCode],
          [t.requestId, requestId],
        ])}
        ${this._button('primary retry', detail.stage === 'result' ? t.again : t.retry, retry)}
      </section>`,
    ];
  }

  private _result(
    [title, message, tone, again]: Outcome,
    reason?: string,
    certifyId = this._certifyId(),
    warning?: string,
  ): View {
    const t = this._t;
    return [
      'result',
      title,
      html`<section part="result" class=${tone}>
        ${this._heading(title)} ${warning ? html`<p part="warning">${warning}</p>` : nothing}
        <p>${message}</p>
        ${this._facts([
          [t.reason, reason],
          [t.certifyId, certifyId],
        ])}
        ${again ? this._button('primary again', t.again) : nothing}
      </section>`,
    ];
  }

  /** Label/value pairs as text (values may come from the URL: never HTML). */
  private _facts(facts: [string, string | undefined][]): TemplateResult | typeof nothing {
    const shown = facts.filter((fact) => fact[1]);
    return shown.length
      ? html`<dl>
          ${shown.map(
            ([label, value]) =>
              html`<dt>${label}</dt>
                <dd>${value}</dd>`,
          )}
        </dl>`
      : nothing;
  }

  private _openInBrowser(t: UiStrings): TemplateResult {
    return html`${this._heading(t.openTitle)}
      <p>${t.openSteps}</p>
      <input part="url" readonly aria-label=${t.link} .value=${location.href} />
      ${this._button('secondary copy', t.copy, () => void this._copy())}
      <p role="status">${this._note}</p>`;
  }

  private async _copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(location.href);
      this._note = this._t.copied;
    } catch {
      // In-app browsers often refuse the clipboard: select the link for a manual copy instead.
      this.renderRoot.querySelector('input')?.select();
      this._note = this._t.copyFailed;
    }
  }
}
