import { checkCompatibility, type CompatReport } from '@aliyun-face-verify/core';
import { LitElement, type CSSResult, type PropertyDeclarations, type TemplateResult } from 'lit';
import { FaceVerifyUnsupportedEvent } from '../events.js';
import type { FaceVerifyInit } from '../flows.js';
import { resolveLocale, STRINGS } from '../strings.js';
import {
  FaceVerifyController,
  pageScriptsRan,
  type FlowConfig,
  type FlowState,
} from './face-verify.controller.js';
import { styles } from './face-verify.styles.js';
import { card, screenOf, type ViewActions } from './face-verify.views.js';

/** A compatibility verdict to force instead of checking the browser (demos, tests). */
export type CompatOverride = CompatReport | CompatReport['action'];

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
 * @csspart embed - The iframe-mode view (the certify page in a frame).
 * @csspart frame - The frame showing the certify page (iframe mode).
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
 * @cssproperty --aliyun-face-verify-frame-height - Height of the certify page's frame in iframe mode (default 36rem).
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
      mode: {},
      lang: {},
      timeout: { type: Number },
      compat: {},
      init: { attribute: false },
      initData: { attribute: false },
      _guided: { state: true },
      _overlayClosed: { state: true },
      _copyNote: { state: true },
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
  /**
   * `iframe` shows the certify page in a frame inside this page (no navigation; the server inits
   * with ReturnUrl "iframe"); `redirect` (default) leaves for it and comes back.
   */
  declare mode: 'redirect' | 'iframe' | undefined;
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

  declare private _guided: boolean;
  declare private _overlayClosed: boolean;
  declare private _copyNote: string;

  /** The flow: its state decides the view. */
  private readonly _flow = new FaceVerifyController(
    this,
    () => this._flowConfig(),
    () => this.renderRoot.querySelector('iframe'),
  );
  private _report: CompatReport | undefined;
  /** Name of the view rendered last, and of the one focus last followed. */
  private _view = '';
  private _focused = '';

  private readonly _actions: ViewActions = {
    start: () => this.start(),
    retry: () => this._flow.retry(),
    confirmAlipay: () => this._flow.confirmAlipay(),
    closeFrame: () => this._flow.closeFrame(),
    continueGuide: () => (this._guided = true),
    copy: () => void this._copy(),
    overlayClosed: () => (this._overlayClosed = true),
  };

  constructor() {
    super();
    this.timeout = 15_000;
  }

  /** What is on screen, as data (idle, a step, leaving, the Alipay link, a result, described, an error). */
  get state(): FlowState {
    return this._flow.state;
  }

  /** Resolves with {@link state} once no run (start, describe, the return page's events) is in progress. */
  get settled(): Promise<FlowState> {
    return this._flow.settled;
  }

  /** Starts a verification attempt; the start button calls it (call it from a user gesture). */
  start(): void {
    this._flow.start();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (this._report && !changed.has('compat')) return;
    const report = (this._report = this._compat());
    if (!report.supported && !this._flow.fromReturn)
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
    const screen = screenOf(
      this._flow.state,
      {
        t: STRINGS[locale],
        locale,
        report: this._report,
        guided: this._guided,
        overlayClosed: this._overlayClosed,
        copyNote: this._copyNote,
        href: location.href,
        canDescribe: !!this.describeUrl,
      },
      this._actions,
    );
    this._view = screen.name;
    return card(screen, locale);
  }

  /** The configuration a run reads at its start. */
  private _flowConfig(): FlowConfig {
    return {
      init: this.init,
      initUrl: this.initUrl,
      initData: this.initData,
      describeUrl: this.describeUrl,
      scriptSrc: this.scriptSrc,
      nonce: this.nonce,
      returnUrl: this.returnUrl,
      allowedHosts: this.allowedHosts,
      flow: this.flow,
      mode: this.mode,
      // Embedding is fragile in in-app views (WeChat among them): there the redirect runs instead.
      canEmbed: this._compat().app === undefined,
      timeout: this.timeout,
      locale: resolveLocale(this.lang),
      inAlipay: this._compat().app === 'alipay',
    };
  }

  private _compat(): CompatReport {
    const forced = this.compat;
    if (typeof forced === 'object') return forced;
    if (!forced) return checkCompatibility();
    return {
      supported: forced === 'proceed' || forced === 'wechat-guide',
      action: forced,
      reasons: [],
      browser: { name: 'forced' },
      os: { name: 'other' },
      ...((forced === 'wechat-guide' || forced === 'open-in-browser') && { app: 'wechat' }),
    };
  }

  private async _copy(): Promise<void> {
    const t = STRINGS[resolveLocale(this.lang)];
    try {
      await navigator.clipboard.writeText(location.href);
      this._copyNote = t.copied;
    } catch {
      // In-app browsers often refuse the clipboard: select the link for a manual copy instead.
      this.renderRoot.querySelector('input')?.select();
      this._copyNote = t.copyFailed;
    }
  }
}
