import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCompatibility, versionAtLeast } from './compat.js';
import type { CompatReport } from './compat.js';

// Real user agents, as browsers and apps send them.
const UA = {
  safariIos10:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 10_3_1 like Mac OS X) AppleWebKit/603.1.30 (KHTML, like Gecko) Version/10.0 Mobile/14E304 Safari/602.1',
  safariIos11:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 11_0 like Mac OS X) AppleWebKit/604.1.38 (KHTML, like Gecko) Version/11.0 Mobile/15A372 Safari/604.1',
  safariIos14_2:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 14_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.0.1 Mobile/15E148 Safari/604.1',
  safariIos14_3:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 14_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.0.2 Mobile/15E148 Safari/604.1',
  safariIos17:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1',
  safariIpad:
    'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  chromeIos14_2:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 14_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/87.0.4280.77 Mobile/15E148 Safari/604.1',
  chromeIos14_3:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 14_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/87.0.4280.77 Mobile/15E148 Safari/604.1',
  chromeIos17:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/119.0.6045.109 Mobile/15E148 Safari/604.1',
  firefoxIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/119.0 Mobile/15E148 Safari/605.1.15',
  edgeIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/119.2151.58 Mobile/15E148 Safari/605.1.15',
  ucIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_1 like Mac OS X; zh-CN) AppleWebKit/537.51.1 (KHTML, like Gecko) Mobile/20B82 UCBrowser/15.3.0.1864 Mobile AliApp(TUnionSDK/0.1.20.4)',
  quarkIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Quark/6.2.5.1710 Mobile',
  qqBrowserIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.0 MQQBrowser/13.6.0 Mobile/15E148 Safari/604.1 QBWebViewUA/2 QBWebViewType/1 WKType/1',
  wechatIos14_0:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 14_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/7.0.15(0x17000f27) NetType/WIFI Language/zh_CN',
  wechatIos16:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40(0x1800282a) NetType/WIFI Language/zh_CN',
  wechatAndroid:
    'Mozilla/5.0 (Linux; Android 13; V2227A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/111.0.5563.116 Mobile Safari/537.36 XWEB/1110005 MMWEBSDK/20230805 MMWEBID/6351 MicroMessenger/8.0.42.2460(0x28002A35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
  wechatWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/107.0.0.0 Safari/537.36 NetType/WIFI MicroMessenger/7.0.20.1781(0x6700143B) WindowsWechat(0x63090719) XWEB/8447 Flue',
  wecomAndroid:
    'Mozilla/5.0 (Linux; Android 12; PGBM10 Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/98.0.4758.102 MQQBrowser/6.2 TBS/046291 Mobile Safari/537.36 wxwork/4.1.6 ColorScheme/Light MicroMessenger/7.0.1 NetType/WIFI Language/zh Lang/zh ColorScheme/Light',
  wecomIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.6 MicroMessenger/7.0.1 Language/zh ColorScheme/Light',
  alipayAndroid:
    'Mozilla/5.0 (Linux; U; Android 12; zh-CN; V2183A Build/SP1A.210812.003) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.2.43 Mobile Safari/537.36 UCBS/3.22.2.43_220223200704 ChannelId(5) NebulaSDK/1.8.100112 Nebula AlipayDefined(nt:WIFI,ws:360|0|3.0) AliApp(AP/10.3.20.8000) AlipayClient/10.3.20.8000 Language/zh-Hans useStatusBar/true isConcaveScreen/true Region/CNAriver/1.0.0',
  alipayIos13:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 13_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 ChannelId(1) Nebula PSDType(1) AlipayDefined(nt:WIFI,ws:375|748|2.0) AliApp(AP/10.1.85.6000) AlipayClient/10.1.85.6000 Language/zh-Hans Region/CN',
  qqInAppAndroid:
    'Mozilla/5.0 (Linux; Android 12; PEGM00 Build/SKQ1.210216.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/89.0.4389.72 MQQBrowser/6.2 TBS/046279 Mobile Safari/537.36 V1_AND_SQ_8.9.38_4032_YYB_D A_8093800 QQ/8.9.38.10545 NetType/WIFI WebP/0.3.0 AppId/537155547 Pixel/1080 StatusBarHeight/117 SimpleUISwitch/0 QQTheme/1000 StudyMode/0 CurrentMode/0 CurrentFontScale/1.0 GlobalDensityScale/0.9 AllowLandscape/false InMagicWin/0',
  qqInAppIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 QQ/8.9.28.635 V1_IPH_SQ_8.9.28_1_APP_A Pixel/1170 MiniAppEnable SimpleUISwitch/1 StudyMode/0 CurrentMode/0 CurrentFontScale/1.000000 QQTheme/2971 AppId/537146880 Core/WKWebView Device/Apple(iPhone 13) NetType/WIFI QBWebViewType/1 WKType/1',
  qqBrowserAndroid:
    'Mozilla/5.0 (Linux; U; Android 12; zh-cn; PEGM00 Build/SKQ1.210216.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/109.0.5414.86 MQQBrowser/13.8 Mobile Safari/537.36 COVC/046515',
  dingtalk:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AliApp(DingTalk/7.0.40) com.laiwang.DingTalk/29443393 Channel/201200 language/zh-Hans-CN UT4Aplus/0.0.6 WK',
  weibo:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Weibo (iPhone14,2__weibo__13.6.2__iphone__os16.5)',
  weiboAndroid:
    'Mozilla/5.0 (Linux; Android 10; ELS-AN00 Build/HUAWEIELS-AN00; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/88.0.4324.93 Mobile Safari/537.36 Weibo (HUAWEI-ELS-AN00__weibo__13.6.0__android__android10)',
  // Weibo's international app on Android (its token as the app's own requests send it).
  weiboIntlAndroid:
    'Mozilla/5.0 (Linux; Android 9; PGT-AN10 Build/HONORPGT-AN10; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/99.0.4844.88 Mobile Safari/537.36 HONOR-PGT-AN10_9_WeiboIntlAndroid_6710',
  // TikTok: musical_ly on iOS, trill (TikTok Asia) on Android; both also say BytedanceWebview.
  tiktokIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 musical_ly_30.8.0 JsSdk/2.0 NetType/WIFI Channel/App Store ByteLocale/en Region/US ByteFullLocale/en-US isDarkMode/0 WKWebView/1 RevealType/Dialog BytedanceWebview/d8a21c6',
  tiktokAndroid:
    'Mozilla/5.0 (Linux; Android 12; SM-G991B Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/112.0.5615.135 Mobile Safari/537.36 trill_2023001020 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/trill app_version/30.1.2 ByteLocale/en ByteFullLocale/en Region/SG BytedanceWebview/d8a21c6',
  alipayOld:
    'Mozilla/5.0 (Linux; U; Android 8.1.0; zh-CN; PACM00 Build/O11019) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/57.0.2987.108 UCBrowser/11.9.4.974 UWS/2.13.1.48 Mobile Safari/537.36 AliApp(AP/10.1.22.752) AlipayClient/10.1.22.752 Language/zh-Hans',
  douyinIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 aweme_26.5.0 JsSdk/2.0 NetType/WIFI Channel/App Store ByteLocale/zh Region/CN AppTheme/light RevealType/Dialog WKWebView/1 BytedanceWebview/d8a21c6',
  douyinAndroid:
    'Mozilla/5.0 (Linux; Android 13; 22081212C Build/TKQ1.220829.002; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/110.0.5481.153 Mobile Safari/537.36 aweme_260500 JsSdk/1.0 NetType/WIFI Channel/xiaomi_1128_64 AppName/aweme app_version/26.5.0 ByteLocale/zh-CN Region/CN AppSkin/white AppTheme/light BytedanceWebview/d8a21c6 WebView/075113004008',
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
  android44Stock:
    'Mozilla/5.0 (Linux; U; Android 4.4.2; en-us; SCH-I535 Build/KOT49H) AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30',
  android5Stock:
    'Mozilla/5.0 (Linux; U; Android 5.1.1; zh-cn; SM-J3109 Build/LMY47X) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Mobile Safari/537.36',
  samsung:
    'Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36',
  miui: 'Mozilla/5.0 (Linux; U; Android 12; zh-cn; M2102K1C Build/SKQ1.211006.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/100.0.4896.127 Mobile Safari/537.36 XiaoMi/MiuiBrowser/17.7.220 swan-mibrowser',
  ucAndroid:
    'Mozilla/5.0 (Linux; U; Android 12; zh-CN; V2183A Build/SP1A.210812.003) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/100.0.4896.58 UCBrowser/15.5.2.1272 Mobile Safari/537.36',
  harmonyos:
    'Mozilla/5.0 (Phone; OpenHarmony 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36 ArkWeb/4.1.6.1 Mobile HuaweiBrowser/5.0.3.300',
  androidWebView:
    'Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230805.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36',
  iosWebView14_0:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 14_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  iosWebView16:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
  ie11: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko',
} as const;

const check = (userAgent: string, extra: Partial<Record<'secure' | 'camera', boolean>> = {}) =>
  checkCompatibility({
    userAgent,
    isSecureContext: extra.secure ?? true,
    hasGetUserMedia: extra.camera ?? true,
  });

type Expect = [
  ua: keyof typeof UA,
  action: CompatReport['action'],
  supported: boolean,
  app: CompatReport['app'],
  browser: string,
  os: CompatReport['os']['name'],
  osVersion: string | undefined,
];

describe('checkCompatibility with real user agents', () => {
  it.each<Expect>([
    ['safariIos10', 'unsupported', false, undefined, 'safari', 'ios', '10.3.1'],
    ['safariIos11', 'proceed', true, undefined, 'safari', 'ios', '11.0'],
    // Safari itself only needs iOS 11; the 14.3 rule is for everything else.
    ['safariIos14_2', 'proceed', true, undefined, 'safari', 'ios', '14.2'],
    ['safariIos14_3', 'proceed', true, undefined, 'safari', 'ios', '14.3'],
    ['safariIos17', 'proceed', true, undefined, 'safari', 'ios', '17.1.2'],
    ['safariIpad', 'proceed', true, undefined, 'safari', 'ios', '16.6'],
    ['chromeIos14_2', 'open-in-browser', false, undefined, 'chrome', 'ios', '14.2'],
    ['chromeIos14_3', 'proceed', true, undefined, 'chrome', 'ios', '14.3'],
    ['chromeIos17', 'proceed', true, undefined, 'chrome', 'ios', '17.1'],
    ['firefoxIos', 'proceed', true, undefined, 'firefox', 'ios', '16.6'],
    ['edgeIos', 'proceed', true, undefined, 'edge', 'ios', '17.1'],
    ['ucIos', 'open-in-browser', false, undefined, 'uc', 'ios', '16.1'],
    ['quarkIos', 'open-in-browser', false, undefined, 'quark', 'ios', '16.3'],
    ['qqBrowserIos', 'proceed', true, undefined, 'qqbrowser', 'ios', '16.0'],
    ['wechatIos14_0', 'open-in-browser', false, 'wechat', 'wechat', 'ios', '14.0'],
    ['wechatIos16', 'wechat-guide', true, 'wechat', 'wechat', 'ios', '16.6'],
    ['wechatAndroid', 'wechat-guide', true, 'wechat', 'wechat', 'android', '13'],
    ['wechatWindows', 'wechat-guide', true, 'wechat', 'wechat', 'windows', '10.0'],
    ['wecomAndroid', 'open-in-browser', true, 'wecom', 'wecom', 'android', '12'],
    ['wecomIos', 'open-in-browser', true, 'wecom', 'wecom', 'ios', '16.5'],
    ['alipayAndroid', 'proceed', true, 'alipay', 'alipay', 'android', '12'],
    // Alipay scans natively through its bridge, so the WKWebView rule does not apply.
    ['alipayIos13', 'proceed', true, 'alipay', 'alipay', 'ios', '13.3'],
    ['qqInAppAndroid', 'open-in-browser', true, 'qq', 'qq', 'android', '12'],
    ['qqInAppIos', 'open-in-browser', true, 'qq', 'qq', 'ios', '16.1'],
    ['qqBrowserAndroid', 'proceed', true, undefined, 'qqbrowser', 'android', '12'],
    ['dingtalk', 'open-in-browser', true, 'dingtalk', 'dingtalk', 'ios', '16.4'],
    ['weibo', 'open-in-browser', true, 'weibo', 'weibo', 'ios', '16.5'],
    ['weiboAndroid', 'open-in-browser', true, 'weibo', 'weibo', 'android', '10'],
    ['weiboIntlAndroid', 'open-in-browser', true, 'weibo', 'weibo', 'android', '9'],
    ['tiktokIos', 'open-in-browser', true, 'other-webview', 'tiktok', 'ios', '16.6'],
    ['tiktokAndroid', 'open-in-browser', true, 'other-webview', 'tiktok', 'android', '12'],
    // Below 10.1.32 the bridge cannot open the certify flow: known before the start.
    ['alipayOld', 'open-in-browser', false, 'alipay', 'alipay', 'android', '8.1.0'],
    ['douyinIos', 'open-in-browser', true, 'douyin', 'douyin', 'ios', '16.6'],
    ['douyinAndroid', 'open-in-browser', true, 'douyin', 'douyin', 'android', '13'],
    ['chromeAndroid', 'proceed', true, undefined, 'chrome', 'android', '10'],
    ['android44Stock', 'unsupported', false, undefined, 'android-browser', 'android', '4.4.2'],
    ['android5Stock', 'proceed', true, undefined, 'android-browser', 'android', '5.1.1'],
    ['samsung', 'proceed', true, undefined, 'samsung', 'android', '13'],
    ['miui', 'proceed', true, undefined, 'miui', 'android', '12'],
    ['ucAndroid', 'proceed', true, undefined, 'uc', 'android', '12'],
    ['harmonyos', 'proceed', true, undefined, 'huawei', 'harmonyos', '5.0'],
    ['androidWebView', 'open-in-browser', true, 'other-webview', 'chrome', 'android', '13'],
    ['iosWebView14_0', 'open-in-browser', false, 'other-webview', 'unknown', 'ios', '14.0'],
    ['iosWebView16', 'open-in-browser', true, 'other-webview', 'unknown', 'ios', '16.0'],
    ['chromeWindows', 'proceed', true, undefined, 'chrome', 'windows', '10.0'],
    ['firefoxLinux', 'proceed', true, undefined, 'firefox', 'linux', undefined],
    ['edgeWindows', 'proceed', true, undefined, 'edge', 'windows', '10.0'],
    ['safariMac', 'proceed', true, undefined, 'safari', 'macos', '10.15.7'],
    ['ie11', 'unsupported', false, undefined, 'ie', 'windows', '10.0'],
  ])('%s → %s', (key, action, supported, app, browser, os, osVersion) => {
    const report = check(UA[key]);
    expect(report.action).toBe(action);
    expect(report.supported).toBe(supported);
    expect(report.app).toBe(app);
    // A standalone browser has no `app` key at all, not `app: undefined`.
    expect('app' in report).toBe(app !== undefined);
    expect(report.browser.name).toBe(browser);
    expect(report.os.name).toBe(os);
    expect(report.os.version).toBe(osVersion);
    if (action !== 'proceed' || !supported) expect(report.reasons.length).toBeGreaterThan(0);
  });

  it('reads browser versions', () => {
    expect(check(UA.wechatIos16).browser).toEqual({ name: 'wechat', version: '8.0.40' });
    expect(check(UA.alipayAndroid).browser).toEqual({ name: 'alipay', version: '10.3.20.8000' });
    expect(check(UA.weibo).browser).toEqual({ name: 'weibo', version: '13.6.2' });
    expect(check(UA.douyinIos).browser).toEqual({ name: 'douyin', version: '26.5.0' });
    expect(check(UA.chromeIos17).browser).toEqual({ name: 'chrome', version: '119.0.6045.109' });
    expect(check(UA.ie11).browser).toEqual({ name: 'ie', version: '11.0' });
    expect(check(UA.safariMac).browser).toEqual({ name: 'safari', version: '17.1' });
  });

  it('a proceed without caveats has no reasons; vendor browsers carry one', () => {
    expect(check(UA.chromeWindows).reasons).toEqual([]);
    expect(check(UA.samsung).reasons).toEqual([expect.stringMatching(/some models/)]);
  });

  it('an insecure context is unsupported everywhere, whatever the browser', () => {
    for (const ua of Object.values(UA)) {
      const report = check(ua, { secure: false });
      expect(report).toMatchObject({ action: 'unsupported', supported: false });
      expect(report.reasons.join(' ')).toMatch(/https/);
    }
  });

  it('no camera API: unsupported in a browser, open-in-browser inside an app, irrelevant in Alipay', () => {
    expect(check(UA.chromeWindows, { camera: false })).toMatchObject({
      action: 'unsupported',
      supported: false,
    });
    expect(check(UA.qqInAppAndroid, { camera: false })).toMatchObject({
      action: 'open-in-browser',
      supported: false,
    });
    expect(check(UA.wechatIos16, { camera: false })).toMatchObject({
      action: 'open-in-browser',
      supported: false,
    });
    expect(check(UA.alipayIos13, { camera: false })).toMatchObject({
      action: 'proceed',
      supported: true,
    });
  });

  it('an empty or unknown user agent proceeds with a caveat when the camera API is there', () => {
    expect(check('')).toMatchObject({
      action: 'proceed',
      supported: true,
      browser: { name: 'unknown' },
      os: { name: 'other' },
    });
    expect(check('').reasons).toEqual([expect.stringMatching(/unknown browser/)]);
  });

  it('is pure given the three inputs: it reads nothing from the live environment', () => {
    const trap = (name: string): PropertyDescriptor => ({
      configurable: true,
      get() {
        throw new Error(`read globalThis.${name}`);
      },
    });
    const saved = ['navigator', 'isSecureContext'].map(
      (name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const,
    );
    for (const [name] of saved) Object.defineProperty(globalThis, name, trap(name));
    try {
      expect(check(UA.safariIos17).action).toBe('proceed');
      expect(() => checkCompatibility({ userAgent: '' })).toThrow(/read globalThis/);
    } finally {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor);
        else Reflect.deleteProperty(globalThis, name);
      }
    }
  });

  it('defaults absent inputs from the environment (in Node: no secure context, no camera)', () => {
    const report = checkCompatibility();
    expect(report).toMatchObject({ action: 'unsupported', supported: false });
  });
});

describe('versionAtLeast', () => {
  it.each([
    ['10.1.32', '10.1.32', true],
    ['10.1.58.00000170', '10.1.32', true],
    ['10.1.4', '10.1.32', false], // numeric, not string, comparison
    ['10.2', '10.1.32', true],
    ['9.99.99', '10.1.32', false],
    ['14.3', '14.3', true],
    ['14.2.1', '14.3', false],
    ['14', '14.3', false],
    ['15', '14.3', true],
    ['', '11', false],
  ])('%s ≥ %s is %s', (version, min, expected) => {
    expect(versionAtLeast(version, min)).toBe(expected);
  });
});

describe('checkCompatibility invariants (property-based)', () => {
  const tokens = [
    ...Object.values(UA),
    'MicroMessenger/8.0.1',
    'wxwork/4.0',
    'AliApp(AP/10.1.2)',
    'AliApp(AP/10.5.0)',
    'AlipayClient/10.5',
    'QQ/8.9',
    'MQQBrowser/13',
    'DingTalk/7',
    'Weibo',
    'aweme_1.2',
    'BytedanceWebview/x',
    'UCBrowser/1',
    'Quark/5',
    '; wv)',
    'iPhone OS 9_0',
    'iPhone OS 14_2_1',
    'iPad; CPU OS 13_1',
    'Android 4.2',
    'Android 14',
    'OpenHarmony 4.1',
    'Trident/7.0; rv:11.0',
    'Version/9.0 Safari/1',
    'CriOS/1',
    'Windows NT 6.1',
    'Mac OS X 10_9',
  ];
  const ua = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc
      .array(fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 12 })), {
        maxLength: 6,
      })
      .map((parts) => parts.join(' ')),
    // A real UA with a slice cut out of it.
    fc
      .tuple(fc.constantFrom(...Object.values(UA)), fc.nat(), fc.nat({ max: 40 }))
      .map(([s, at, n]) => s.slice(0, at % (s.length + 1)) + s.slice((at % (s.length + 1)) + n)),
  );

  it('never pairs supported:false with proceed, nor supported:true with unsupported', () => {
    fc.assert(
      fc.property(ua, fc.boolean(), fc.boolean(), (userAgent, secure, camera) => {
        const input = { userAgent, isSecureContext: secure, hasGetUserMedia: camera };
        const report = checkCompatibility(input);
        expect(!report.supported && report.action === 'proceed').toBe(false);
        expect(report.supported && report.action === 'unsupported').toBe(false);
        if (!secure) expect(report.action).toBe('unsupported');
        if (!report.supported) expect(report.reasons.length).toBeGreaterThan(0);
        expect(['ios', 'android', 'harmonyos', 'windows', 'macos', 'linux', 'other']).toContain(
          report.os.name,
        );
        if ('app' in report) expect(report.app).toBeTypeOf('string');
        // Pure: the same input gives the same report.
        expect(checkCompatibility(input)).toEqual(report);
      }),
      { numRuns: 5_000 },
    );
  });
});
