/** What {@link checkCompatibility} looks at; each absent field is read from the live browser. */
export interface CompatInput {
  /** `navigator.userAgent`. */
  userAgent?: string;
  /** `window.isSecureContext`: camera access needs https or localhost. */
  isSecureContext?: boolean;
  /** Whether `navigator.mediaDevices.getUserMedia` exists. */
  hasGetUserMedia?: boolean;
}

/** Whether the face scan can run here, and what to do about it when it cannot (or may not). */
export interface CompatReport {
  /** False when the scan cannot work here as things stand; never with `proceed`. */
  supported: boolean;
  /** `wechat-guide`: keep the hosted consent page and offer the system browser; `open-in-browser`: switch. */
  action: 'proceed' | 'wechat-guide' | 'open-in-browser' | 'unsupported';
  /** Human-readable diagnostics (English), one per finding; empty when nothing is in the way. */
  reasons: string[];
  /** The app whose in-app view shows the page; absent for a standalone browser. */
  app?: 'wechat' | 'wecom' | 'alipay' | 'qq' | 'dingtalk' | 'weibo' | 'douyin' | 'other-webview';
  /** Browser (or app) named by the user agent, `unknown` when none is recognised. */
  browser: { name: string; version?: string };
  /** Operating system named by the user agent. */
  os: {
    name: 'ios' | 'android' | 'harmonyos' | 'windows' | 'macos' | 'linux' | 'other';
    version?: string;
  };
}

type App = NonNullable<CompatReport['app']>;

/**
 * What a row of {@link UA_RULES} names: an OS, an app's in-app view (`app`: one the report names;
 * `webview`: another app's, reported as `other-webview`), or a browser (`browser`, the default;
 * `vendor`: a vendor browser, which the seeds say works on some models only; `not-on-ios`: UC and
 * Quark, not supported on iOS; `never`: a browser the scan never works in).
 */
type RowKind = 'os' | 'app' | 'webview' | 'browser' | 'vendor' | 'not-on-ios' | 'never';

/** The oldest Alipay whose bridge has `startBizService` / `open-certify` (seeds §1.3.3.1). */
export const MIN_ALIPAY_VERSION = '10.1.32';

/**
 * The one user-agent table: `[name, pattern whose first group is the version, kind]`. Order matters:
 * in-app views carry browser tokens (WeCom also says MicroMessenger, QQ says MQQBrowser, Alipay's
 * Android view says UCBS), and most browsers also say Chrome and Safari.
 */
const UA_RULES: readonly (readonly [name: string, pattern: RegExp, kind?: RowKind])[] = [
  // HarmonyOS NEXT says OpenHarmony; HarmonyOS 2–4 say Android and behave like it.
  ['harmonyos', /OpenHarmony ([\d.]+)/, 'os'],
  ['ios', /(?:iPhone|iPad|iPod).*? OS ([\d_]+)/, 'os'],
  ['android', /Android ([\d.]+)/, 'os'],
  ['windows', /Windows NT ([\d.]+)/, 'os'],
  ['macos', /Mac OS X ([\d_.]+)/, 'os'],
  ['linux', /Linux|X11|CrOS/, 'os'],
  ['wecom', /wxwork\/([\d.]+)/i, 'app'],
  ['wechat', /MicroMessenger\/([\d.]+)/i, 'app'],
  ['dingtalk', /DingTalk\/([\d.]+)/i, 'app'],
  ['alipay', /(?:AliApp\(AP|AlipayClient)\/([\d.]+)/i, 'app'],
  ['qq', /\bQQ\/([\d.]+)/, 'app'],
  // Weibo's international app says WeiboIntl (e.g. `WeiboIntlAndroid_6710`), which `\bWeibo\b` misses.
  ['weibo', /WeiboIntl\w*?[_/]([\d.]+)/, 'app'],
  ['weibo', /\bWeibo\b(?:.*__weibo__([\d.]+))?/, 'app'],
  // TikTok (`musical_ly_…`, `trill_…` in Asia) is ByteDance's too, but not Douyin (`aweme_…`).
  ['tiktok', /(?:musical_ly|trill)_([\d.]+)|\bTikTok\b/i, 'webview'],
  ['douyin', /aweme_([\d.]+)/i, 'app'],
  ['bytedance', /BytedanceWebview/i, 'webview'],
  ['uc', /UCBrowser\/([\d.]+)/i, 'not-on-ios'],
  ['quark', /Quark\/([\d.]+)/i, 'not-on-ios'],
  ['qqbrowser', /QQBrowser\/([\d.]+)/i],
  ['ie', /(?:MSIE |Trident\/.*rv:)([\d.]+)/, 'never'],
  ['edge', /Edg(?:e|A|iOS)?\/([\d.]+)/],
  ['opera', /(?:OPR|OPiOS)\/([\d.]+)/],
  ['samsung', /SamsungBrowser\/([\d.]+)/, 'vendor'],
  ['miui', /MiuiBrowser\/([\d.]+)/i, 'vendor'],
  ['huawei', /HuaweiBrowser\/([\d.]+)/i, 'vendor'],
  ['firefox', /(?:Firefox|FxiOS)\/([\d.]+)/],
  ['chrome', /(?:Chrome|CriOS)\/([\d.]+)/],
  ['android-browser', /Android.*Version\/([\d.]+)/],
  ['safari', /Version\/([\d.]+).*Safari\//],
];

/** True when dotted version `version` is at least `min`, comparing numerically part by part. */
export function versionAtLeast(version: string, min: string): boolean {
  const a = version.split('.');
  let d = 0;
  // `some` stops at the first part that differs; missing or non-numeric parts count as 0.
  min.split('.').some((y, i) => (d = (Number(a[i]) || 0) - (Number(y) || 0)));
  return d >= 0;
}

type CompatAction = CompatReport['action'];

/** The actions from mildest to most severe: the most severe finding decides the report's action. */
const BY_SEVERITY: readonly CompatAction[] = [
  'proceed',
  'wechat-guide',
  'open-in-browser',
  'unsupported',
];

/** Reports whether the H5 face scan can run here and, if not or not reliably, what to tell the user. */
export function checkCompatibility(input: CompatInput = {}): CompatReport {
  // Read lazily: with all three inputs given this function touches nothing global.
  const nav = (): Navigator | undefined => (globalThis as { navigator?: Navigator }).navigator;
  const ua = input.userAgent ?? nav()?.userAgent ?? '';
  const secure = input.isSecureContext ?? !!globalThis.isSecureContext;
  const camera = input.hasGetUserMedia ?? typeof nav()?.mediaDevices?.getUserMedia === 'function';

  let os: CompatReport['os'] | undefined;
  let browser: CompatReport['browser'] | undefined;
  let kind: RowKind = 'browser';
  for (const [name, pattern, rowKind = 'browser'] of UA_RULES) {
    const m = pattern.exec(ua);
    if (!m) continue;
    const found = m[1] ? { name, version: m[1].replace(/_/g, '.') } : { name };
    // OS rows carry OsName values; the table keeps them next to the browser rows on purpose.
    if (rowKind === 'os') os ??= found as CompatReport['os'];
    else if (!browser) {
      browser = found;
      kind = rowKind;
    }
  }
  os ??= { name: 'other' };
  const ios = os.name === 'ios';
  const v = os.version ?? '0';
  // An Android WebView says `; wv)`; an iOS WKWebView names no browser (Safari's token is missing).
  const app: App | undefined =
    kind === 'app'
      ? (browser?.name as App)
      : kind === 'webview' || (os.name === 'android' ? /; wv\)/.test(ua) : ios && !browser)
        ? 'other-webview'
        : undefined;
  browser ??= { name: 'unknown' };
  const name = browser.name;

  const reasons: string[] = [];
  let action: CompatAction = 'proceed';
  const find = (calledFor: CompatAction, reason: string): void => {
    reasons.push(reason);
    if (BY_SEVERITY.indexOf(calledFor) > BY_SEVERITY.indexOf(action)) action = calledFor;
  };
  // Findings that make the scan impossible here come first: they decide `supported`.
  if (!secure) find('unsupported', 'camera needs https');
  if (kind === 'never') find('unsupported', name + ' unsupported');
  if (ios && !versionAtLeast(v, '11')) find('unsupported', 'needs iOS 11+');
  if (os.name === 'android' && !versionAtLeast(v, '5')) find('unsupported', 'needs Android 5+');
  // Alipay runs its own native scan through the bridge, so the page's camera API does not matter.
  // Inside an app the system browser is the fix; elsewhere there is nothing to switch to.
  if (!camera && app !== 'alipay') find(app ? 'open-in-browser' : 'unsupported', 'no getUserMedia');
  // Below 10.1.32 the bridge has no open-certify: the system browser's web flow is the way out.
  if (app === 'alipay' && !versionAtLeast(browser.version ?? '0', MIN_ALIPAY_VERSION)) {
    find('open-in-browser', 'Alipay needs ' + MIN_ALIPAY_VERSION + '+');
  }
  if (ios && kind === 'not-on-ios') find('open-in-browser', name + ' unsupported on iOS');
  else if (ios && name !== 'safari' && app !== 'alipay' && !versionAtLeast(v, '14.3')) {
    find('open-in-browser', 'non-Safari needs iOS 14.3+');
  }
  const supported = !reasons.length;
  // Caveats: the scan may work, but the user should know (or switch).
  if (app === 'wechat') find('wechat-guide', 'WeChat: camera may fail');
  else if (app && app !== 'alipay') find('open-in-browser', 'in-app view: camera may fail');
  if (kind === 'vendor') find('proceed', 'vendor browser: some models only');
  if (name === 'unknown' && !app) find('proceed', 'unknown browser');

  const report: CompatReport = {
    supported,
    action,
    reasons,
    browser,
    os,
  };
  if (app) report.app = app;
  return report;
}
