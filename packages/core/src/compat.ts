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

// Row kinds (one per row). OS rows and browser rows share the table; the first OS row and the first
// other row that match win.
const OS = 1;
const APP = 2;
const VENDOR = 3; // vendor browsers: the seeds say only some models work
const NOT_ON_IOS = 4; // UC and Quark: not supported on iOS
const NEVER = 5;

/**
 * The one user-agent table: `[name, pattern whose first group is the version, kind]`. Order matters:
 * in-app views carry browser tokens (WeCom also says MicroMessenger, QQ says MQQBrowser, Alipay's
 * Android view says UCBS), and most browsers also say Chrome and Safari.
 */
const UA_RULES: readonly (readonly [string, RegExp, number?])[] = [
  // HarmonyOS NEXT says OpenHarmony; HarmonyOS 2–4 say Android and behave like it.
  ['harmonyos', /OpenHarmony ([\d.]+)/, OS],
  ['ios', /(?:iPhone|iPad|iPod).*? OS ([\d_]+)/, OS],
  ['android', /Android ([\d.]+)/, OS],
  ['windows', /Windows NT ([\d.]+)/, OS],
  ['macos', /Mac OS X ([\d_.]+)/, OS],
  ['linux', /Linux|X11|CrOS/, OS],
  ['wecom', /wxwork\/([\d.]+)/i, APP],
  ['wechat', /MicroMessenger\/([\d.]+)/i, APP],
  ['dingtalk', /DingTalk\/([\d.]+)/i, APP],
  ['alipay', /(?:AliApp\(AP|AlipayClient)\/([\d.]+)/i, APP],
  ['qq', /\bQQ\/([\d.]+)/, APP],
  ['weibo', /\bWeibo\b(?:.*__weibo__([\d.]+))?/, APP],
  ['douyin', /aweme_([\d.]+)|BytedanceWebview/i, APP],
  ['uc', /UCBrowser\/([\d.]+)/i, NOT_ON_IOS],
  ['quark', /Quark\/([\d.]+)/i, NOT_ON_IOS],
  ['qqbrowser', /QQBrowser\/([\d.]+)/i],
  ['ie', /(?:MSIE |Trident\/.*rv:)([\d.]+)/, NEVER],
  ['edge', /Edg(?:e|A|iOS)?\/([\d.]+)/],
  ['opera', /(?:OPR|OPiOS)\/([\d.]+)/],
  ['samsung', /SamsungBrowser\/([\d.]+)/, VENDOR],
  ['miui', /MiuiBrowser\/([\d.]+)/i, VENDOR],
  ['huawei', /HuaweiBrowser\/([\d.]+)/i, VENDOR],
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

const ACTIONS = ['proceed', 'wechat-guide', 'open-in-browser', 'unsupported'] as const;

/** Reports whether the H5 face scan can run here and, if not or not reliably, what to tell the user. */
export function checkCompatibility(input: CompatInput = {}): CompatReport {
  // Read lazily: with all three inputs given this function touches nothing global.
  const nav = (): Navigator | undefined => (globalThis as { navigator?: Navigator }).navigator;
  const ua = input.userAgent ?? nav()?.userAgent ?? '';
  const secure = input.isSecureContext ?? !!globalThis.isSecureContext;
  const camera = input.hasGetUserMedia ?? typeof nav()?.mediaDevices?.getUserMedia === 'function';

  let os: CompatReport['os'] | undefined;
  let browser: CompatReport['browser'] | undefined;
  let kind = 0;
  for (const [name, pattern, rowKind = 0] of UA_RULES) {
    const m = pattern.exec(ua);
    if (!m) continue;
    const found = m[1] ? { name, version: m[1].replace(/_/g, '.') } : { name };
    // OS rows carry OsName values; the table keeps them next to the browser rows on purpose.
    if (rowKind === OS) os ??= found as CompatReport['os'];
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
    kind === APP
      ? (browser?.name as App)
      : (os.name === 'android' ? /; wv\)/.test(ua) : ios && !browser)
        ? 'other-webview'
        : undefined;
  browser ??= { name: 'unknown' };
  const name = browser.name;

  const reasons: string[] = [];
  // 0 proceed, 1 wechat-guide, 2 open-in-browser, 3 unsupported; the worst finding decides.
  let level = 0;
  const find = (at: number, reason: string): void => {
    reasons.push(reason);
    level = Math.max(level, at);
  };
  // Findings that make the scan impossible here come first: they decide `supported`.
  if (!secure) find(3, 'camera needs https');
  if (kind === NEVER) find(3, name + ' unsupported');
  if (ios && !versionAtLeast(v, '11')) find(3, 'needs iOS 11+');
  if (os.name === 'android' && !versionAtLeast(v, '5')) find(3, 'needs Android 5+');
  // Alipay runs its own native scan through the bridge, so the page's camera API does not matter.
  // Inside an app the system browser is the fix; elsewhere there is nothing to switch to.
  if (!camera && app !== 'alipay') find(app ? 2 : 3, 'no getUserMedia');
  if (ios && kind === NOT_ON_IOS) find(2, name + ' unsupported on iOS');
  else if (ios && name !== 'safari' && app !== 'alipay' && !versionAtLeast(v, '14.3')) {
    find(2, 'non-Safari needs iOS 14.3+');
  }
  const supported = !reasons.length;
  // Caveats: the scan may work, but the user should know (or switch).
  if (app === 'wechat') find(1, 'WeChat: camera may fail');
  else if (app && app !== 'alipay') find(2, 'in-app view: camera may fail');
  if (kind === VENDOR) find(0, 'vendor browser: some models only');
  if (name === 'unknown' && !app) find(0, 'unknown browser');

  const report: CompatReport = {
    supported,
    action: ACTIONS[level] as CompatReport['action'],
    reasons,
    browser,
    os,
  };
  if (app) report.app = app;
  return report;
}
