import {
  checkCompatibility,
  consumeVerifyResult,
  describeVerifyCode,
  FaceVerifyError,
  type CompatReport,
  type DescribeRequest,
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
import {
  FaceVerifyDescribedEvent,
  FaceVerifyErrorEvent,
  FaceVerifyResultEvent,
  FaceVerifyUnsupportedEvent,
  type FaceVerifyErrorDetail,
  type FaceVerifyErrorStage,
} from '../events.js';
import {
  describe,
  start,
  UNCONFIGURED,
  type FaceVerifyInit,
  type Stage,
  type Started,
} from '../flows.js';
import { MerchantRequestError } from '../merchant-request.js';
import { resolveLocale, STRINGS, type UiStrings } from '../strings.js';
import { styles } from './face-verify.styles.js';

/** A compatibility verdict to force instead of checking the browser (demos, tests). */
export type CompatOverride = CompatReport | CompatReport['action'];

/** A view: its name (focus moves to its heading when the name changes), the status line, the template. */
type View = [name: string, status: string, content: TemplateResult];

/**
 * What the element shows: a step in progress, a view drawn from the texts (so that a `lang` change
 * re-renders it in the new language), or nothing yet — then the compatibility verdict decides.
 */
type Shown = Stage | ((t: UiStrings, locale: Locale) => View) | undefined;

/** A result as shown: heading, message, tone (colors the heading), whether to offer a new attempt. */
type Outcome = [title: string, message: string, tone: string, again?: 1];

/**
 * Text for the codes the user can act on, looked up by the code's own name. No prototype: the
 * codes come from the merchant server, and `constructor` must not find anything. InitFaceVerify
 * Codes (from the seeds) other than these (400 a missing field, 402–412 configuration, 500) are the
 * merchant's to fix: "unavailable"; so are merchant codes without an entry.
 */
const TEXT_OF: Readonly<Record<string, keyof UiStrings>> = {
  __proto__: null,
  // InitFaceVerify Codes
  401: 'identity',
  414: 'device',
  415: 'device',
  416: 'device',
  417: 'noSource',
  418: 'tooMany',
  // Merchant error codes
  'identity-required': 'identity',
  'rate-limited': 'busy',
  'not-ready': 'unconfirmed',
  // Core error codes (the other script codes read "did not load")
  'script-timeout': 'timeout',
  'script-not-allowed': 'scriptBlocked',
  'invalid-certify-url': 'certifyUrl',
  'alipay-version-too-old': 'alipayOld',
} as object as Record<string, keyof UiStrings>;

/**
 * A failure as plain data, with the message the user sees in the language of `t`. At the `result`
 * stage `error` is the return page's code (`result-unmatched`, else `result-unreadable`); every
 * other stage carries the error its step threw.
 */
function detail(error: unknown, stage: FaceVerifyErrorStage, t: UiStrings): FaceVerifyErrorDetail {
  if (stage === 'result')
    return error === 'result-unmatched'
      ? { code: error, stage, message: t.unmatched }
      : { code: 'result-unreadable', stage, message: t.unreadable };
  const known = error instanceof FaceVerifyError;
  const code = known ? error.code : 'init-failed';
  const request = known && error.cause instanceof MerchantRequestError ? error.cause : undefined;
  const body = request?.body;
  const upstreamCode = body?.upstreamCode;
  const describing = stage === 'describe';
  const key =
    TEXT_OF[code] ??
    (code.startsWith('script') || code === 'metainfo-unavailable'
      ? 'scriptFailed'
      : !request
        ? known && error.message === UNCONFIGURED
          ? 'unconfigured'
          : describing
            ? 'unconfirmed'
            : 'server'
        : request.failure !== 'http'
          ? request.failure
          : (!describing && TEXT_OF[upstreamCode ?? '']) ||
            TEXT_OF[body?.code ?? ''] ||
            (request.status < 500 ? 'rejected' : 'server'));
  // Through JSON: the payload is plain data, and absent fields are absent rather than undefined.
  return JSON.parse(
    JSON.stringify({
      code,
      stage,
      message: t[key],
      failure: request?.failure,
      status: request?.status || undefined,
      serverCode: body?.code,
      upstreamCode,
      requestId: body?.requestId,
    }),
  ) as FaceVerifyErrorDetail;
}

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

const heading = (text: unknown): TemplateResult =>
  html`<h2 part="heading" id="h" tabindex="-1">${text}</h2>`;

const button = (parts: string, label: string, onClick?: () => unknown): TemplateResult =>
  html`<button part="button ${parts}" type="button" @click=${onClick}>${label}</button>`;

const items = (list: readonly string[]): TemplateResult[] =>
  list.map((item) => html`<li>${item}</li>`);

/** A view in a `<section>` named by its part, under its heading. */
const section = (
  part: string,
  title: string,
  status: string,
  content: unknown,
  tone?: string,
): View => [
  part,
  status,
  html`<section part=${part} class=${tone}>${heading(title)}${content}</section>`,
];

/**
 * The result and error views: a message (the warning itself when the result does not belong to
 * this page), label/value facts as text (values may come from the URL: never HTML), and the button
 * to try again, if there is one.
 */
const outcome = (
  part: 'result' | 'error',
  [title, message, tone, warning]: [string, string, string, unknown?],
  facts: [string, string | undefined][],
  again?: TemplateResult,
): View => {
  const shown = facts.filter((fact) => fact[1]);
  return section(
    part,
    title,
    part === 'error' ? message : title,
    html`<p part=${warning ? 'warning' : nothing}>${message}</p>
      ${
        shown.length
          ? html`<dl>
              ${shown.map(
                ([label, value]) =>
                  html`<dt>${label}</dt>
                    <dd>${value}</dd>`,
              )}
            </dl>`
          : nothing
      }${again}`,
    tone,
  );
};

/** The error view: the message, the codes for support, and a retry (a new attempt on the return page). */
const failure = (
  t: UiStrings,
  { message, upstreamCode, requestId, stage }: FaceVerifyErrorDetail,
  retry: () => void,
): View =>
  outcome(
    'error',
    [t.errorTitle, message, 'failure'],
    [
      [t.code, upstreamCode],
      [t.requestId, requestId],
    ],
    button('primary retry', stage === 'result' ? t.again : t.retry, retry),
  );

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
      flow: {},
      lang: {},
      timeout: { type: Number },
      compat: {},
      init: { attribute: false },
      initData: { attribute: false },
      _shown: { state: true },
      _guided: { state: true },
      _closed: { state: true },
      _note: { state: true },
    };
  }

  /** Merchant endpoint: POST `{metaInfo, returnUrl, …initData}` → `{certifyId, certifyUrl}` (or an Alipay flow). */
  declare initUrl: string | undefined;
  /** Merchant endpoint: POST `{certifyId, ticket}` (of a verification this tab started) → the authoritative DescribeResponse. */
  declare describeUrl: string | undefined;
  /** URL of `jsvm_all.js`, only on the official script hosts or `allowed-hosts`; core's default (the seeds' OSS URL) when unset. */
  declare scriptSrc: string | undefined;
  /** Where the certify page returns to; this page when unset. */
  declare returnUrl: string | undefined;
  /**
   * `alipay` asks the merchant server for the Alipay H5 flow outside Alipay too (an `alipays://`
   * launch link); inside Alipay ≥ 10.1.32 the element asks for it by itself. Default: the web flow.
   */
  declare flow: 'web' | 'alipay' | undefined;
  /** Extra CertifyUrl and `script-src` hosts (`host` or `host:port`, e.g. the emulator's), separated by spaces or commas. */
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

  declare private _shown: Shown;
  declare private _guided: boolean;
  declare private _closed: boolean;
  declare private _note: string;

  /** Aborts the run in progress (a start or a describe). */
  private _abort: AbortController | undefined;
  /** The view the run in progress returns to when it is abandoned. */
  private _back: Shown;
  private _report: CompatReport | undefined;
  /** The return URL was read: once per element, even when it moves in the DOM. */
  private _read = false;
  /** A result from the return URL is on show (or its error): no unsupported event over it. */
  private _returned = false;
  private _view = '';
  private _focused = '';

  constructor() {
    super();
    this.timeout = 15_000;
  }

  /** Starts a verification attempt; the start button calls it (call it from a user gesture). */
  start(): void {
    if (this._starting()) return;
    this._returned = false;
    void this._run(
      'script',
      async (signal, step) =>
        this._started(await start(this, this._compat().app === 'alipay', signal, step)),
      () => this.start(),
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('pageshow', this._restored);
    if (this._read) return;
    this._read = true;
    // Core strips `response` while reading it, so a reload, back/forward or a second element sees nothing.
    const outcome = consumeVerifyResult();
    if (!outcome.ok && outcome.error === 'absent') return;
    this._returned = true;
    const again = (): void => this.start();
    if (!outcome.ok) {
      this._shown = (t) => failure(t, detail(0, 'result', t), again);
      void pageScriptsRan().then(() =>
        this.dispatchEvent(new FaceVerifyErrorEvent(detail(0, 'result', this._t))),
      );
      return;
    }
    const {
      result,
      correlation: { ticket, ...correlation },
    } = outcome;
    // The certifyId this tab started (its pending record's): the only one it asks describe about.
    const mine = correlation.certifyId;
    const { reason } = result;
    const certifyId = result.certifyId ?? mine;
    const suspicion =
      correlation.certifyIdMatches === false
        ? 'forged'
        : correlation.stale
          ? 'stale'
          : mine
            ? undefined
            : 'unmatched';
    const shown: Shown = (t, locale) => {
      const code = describeVerifyCode(result.code, result.subCode, locale);
      return this._result(
        t,
        suspicion
          ? [t.suspectTitle, t[suspicion], 'failure', 1]
          : result.passed
            ? [t.awaitingTitle, t.awaiting, 'pending']
            : [code.title, code.message, 'failure', 1],
        certifyId,
        reason,
        suspicion,
      );
    };
    this._shown = shown;
    void pageScriptsRan().then(() => {
      this.dispatchEvent(
        new FaceVerifyResultEvent({
          source: 'return',
          result,
          correlation,
          ...(suspicion && { suspicion }),
        }),
      );
      if (suspicion === 'unmatched')
        this.dispatchEvent(new FaceVerifyErrorEvent(detail('result-unmatched', 'result', this._t)));
      // The cloud answers DescribeFaceVerify only after 1000 or 2006; a suspect result is not
      // asked about, nor one the user has already left for a new attempt.
      if (
        mine &&
        !suspicion &&
        (result.code === 1000 || result.code === 2006) &&
        this._shown === shown
      )
        this._confirm({ certifyId: mine, ...(ticket && { ticket }) }, shown);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('pageshow', this._restored);
    if (typeof this._shown === 'string') this._reset();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (this._report && !changed.has('compat')) return;
    const report = (this._report = this._compat());
    if (!report.supported && !this._returned)
      void pageScriptsRan().then(() => this.dispatchEvent(new FaceVerifyUnsupportedEvent(report)));
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
    // Focus follows the view (not on first render: the page decides where focus starts).
    if (this._view !== this._focused && this._focused)
      this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    this._focused = this._view;
  }

  protected override render(): TemplateResult {
    const locale = resolveLocale(this.lang);
    const t = STRINGS[locale];
    const shown = this._shown;
    const [view, status, content] =
      typeof shown === 'string'
        ? (['loading', t[shown], heading(html`<span part="spinner"></span>${t[shown]}`)] as View)
        : shown
          ? shown(t, locale)
          : this._compatView(t);
    this._view = view;
    return html`<div part="base" lang=${locale}>
      <header part="header"><slot name="header"></slot></header>
      ${content}
      <p part="status" role="status">${status}</p>
    </div>`;
  }

  private get _t(): UiStrings {
    return STRINGS[resolveLocale(this.lang)];
  }

  /** A start is in progress, or the browser is leaving for the CertifyUrl. */
  private _starting(): boolean {
    const shown = this._shown;
    return typeof shown === 'string' && shown !== 'describe';
  }

  /**
   * Runs one trip at a time (a start, or a describe): a new run aborts the one before, and so does
   * leaving the page; an aborted run's outcome is dropped, so a stale reply never replaces a newer
   * view. Its steps show as progress; a failure shows an error whose button calls `retry`, and
   * fires `face-verify-error`. `back` is the view to return to if the run is abandoned.
   */
  private async _run(
    stage: Stage,
    job: (signal: AbortSignal, step: (stage: Stage) => void) => Promise<Shown>,
    retry: () => void,
    back?: Shown,
  ): Promise<void> {
    this._abort?.abort();
    const { signal } = (this._abort = new AbortController());
    const step = (next: Stage): void => {
      if (!signal.aborted) this._shown = stage = next;
    };
    this._back = back;
    step(stage);
    try {
      const shown = await job(signal, step);
      if (!signal.aborted) this._shown = shown;
    } catch (error) {
      if (signal.aborted) return;
      this._shown = (t) => failure(t, detail(error, stage, t), retry);
      this.dispatchEvent(new FaceVerifyErrorEvent(detail(error, stage, this._t)));
    }
  }

  /** Abandons the run in progress and shows the view it started from. */
  private _reset(): void {
    this._abort?.abort();
    this._shown = this._back;
  }

  /** Back from the certify page through the bfcache: the start again instead of "opening…" forever. */
  private _restored = (event: PageTransitionEvent): void => {
    if (event.persisted && this._starting()) this._reset();
  };

  /** The view after a start: "opening…" while the browser leaves, the Alipay link, or the bridge's outcome. */
  private _started(value: Started): Shown {
    if (typeof value !== 'object') return value;
    const { request } = value;
    const { certifyId } = request;
    if ('launchUrl' in value) {
      const link: Shown = (t) =>
        section(
          'alipay',
          t.alipayTitle,
          t.alipayTitle,
          html`<a part="link" href=${value.launchUrl}>${t.alipayOpen}</a> ${
              // The page cannot know when the user is back from Alipay: the user says so.
              this.describeUrl
                ? button('secondary done', t.done, () => this._confirm(request, link))
                : nothing
            }`,
        );
      return link;
    }
    const { outcome } = value;
    const status = outcome.status;
    this.dispatchEvent(new FaceVerifyResultEvent({ source: 'alipay', certifyId, outcome }));
    const shown: Shown = (t) =>
      this._result(
        t,
        status === 'submitted'
          ? [t.awaitingTitle, t.awaiting, 'pending']
          : [
              t.errorTitle,
              t[
                status === 'cancelled'
                  ? 'cancelled'
                  : status === 'network-error'
                    ? 'network'
                    : 'server'
              ],
              'failure',
              1,
            ],
        certifyId,
      );
    if (status === 'submitted') this._confirm(request, shown);
    return shown;
  }

  /**
   * Asks the merchant server for the authoritative result about `request` (a verification this tab
   * started, with its ticket), when `describe-url` is set; `back` shows what it confirms.
   */
  private _confirm(request: DescribeRequest, back: Shown): void {
    const url = this.describeUrl;
    if (url)
      void this._run(
        'describe',
        async (signal) => {
          const reply = await describe(
            url,
            request,
            this.timeout,
            signal,
            resolveLocale(this.lang),
          );
          this.dispatchEvent(new FaceVerifyDescribedEvent(reply));
          // The merchant server's own words (text only), e.g. the SubCode's meaning.
          const { passed, message } = reply;
          return (t) =>
            this._result(
              t,
              passed ? [t.passedTitle, message, 'success'] : [t.failedTitle, message, 'failure', 1],
              request.certifyId,
            );
        },
        () => this._confirm(request, back),
        back,
      );
  }

  private _result(
    t: UiStrings,
    [title, message, tone, again]: Outcome,
    certifyId: string | undefined,
    reason?: string,
    warning?: unknown,
  ): View {
    return outcome(
      'result',
      [title, message, tone, warning],
      [
        [t.reason, reason],
        [t.certifyId, certifyId],
      ],
      again && button('primary again', t.again, () => this.start()),
    );
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

  /** Before any start: the guard, the open-in-browser overlay, the WeChat guide, or the start view. */
  private _compatView(t: UiStrings): View {
    const report = this._report;
    const action = report?.action;
    if (action === 'unsupported')
      return section(
        'guard',
        t.guardTitle,
        t.guardTitle,
        html`<p>${t.guardBody}</p>
          ${
            report?.reasons.length
              ? html`<ul lang="en">
                  ${items(report.reasons)}
                </ul>`
              : nothing
          }`,
      );
    if (action === 'open-in-browser') {
      const steps = html`<p>${t.openSteps}</p>
        <input part="url" readonly aria-label=${t.link} .value=${location.href} />${button(
          'secondary copy',
          t.copy,
          () => void this._copy(),
        )}
        <p role="status">${this._note}</p>`;
      // Closed, the overlay's text stays on the page.
      return this._closed
        ? section('guard', t.openTitle, t.openTitle, steps)
        : [
            'open',
            t.openTitle,
            html`<dialog part="overlay" aria-labelledby="h" @close=${() => (this._closed = true)}>
              ${heading(t.openTitle)}${steps}${button('secondary close', t.close, () =>
                this.renderRoot.querySelector('dialog')?.close(),
              )}
            </dialog>`,
          ];
    }
    if (action === 'wechat-guide' && !this._guided)
      return section(
        'guide',
        t.guideTitle,
        '',
        html`<ol>
            ${items(t.guide)}
          </ol>
          ${button('primary continue', t.continue, () => (this._guided = true))}`,
      );
    return section(
      'idle',
      t.title,
      '',
      html`<slot name="start" @click=${() => this.start()}
        >${button('primary start', t.start)}</slot
      >`,
    );
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
