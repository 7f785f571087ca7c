/**
 * What WeChat users get. `?ua=wechat-android` or `?ua=wechat-ios-<version>` simulates that browser
 * on any device: core's checkCompatibility judges the simulated user agent and the verdict is
 * forced onto the element through its `compat` property. Without `ua`, the real browser is judged.
 */
import { checkCompatibility, type CompatReport } from '@aliyun-face-verify/core';
import { byId, h, replaceChildren } from '../dom.js';
import { onLangChange, t } from '../i18n.js';
import { mountShell } from '../shell.js';
import { renderSimOptions, type SimOption } from '../sim-options.js';
import { createVerifyElement } from '../verify-element.js';

mountShell('wechat');

/** The user agent a `ua` switch stands for, or undefined for an unknown switch. */
export function simulatedUserAgent(ua: string): string | undefined {
  if (ua === 'wechat-android') {
    return 'Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230805.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
  }
  const ios = /^wechat-ios-(\d{1,2})(?:\.(\d{1,2}))?(?:\.(\d{1,2}))?$/.exec(ua);
  if (ios) {
    const version = [ios[1], ios[2] ?? '0', ios[3]].filter(Boolean).join('_');
    return `Mozilla/5.0 (iPhone; CPU iPhone OS ${version} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40(0x18002831) NetType/WIFI Language/zh_CN`;
  }
  return undefined;
}

const OPTIONS: readonly SimOption[] = [
  { ua: '', label: 'wechat.ua.none' },
  { ua: 'wechat-android', label: 'wechat.ua.android' },
  { ua: 'wechat-ios-16.0', label: 'wechat.ua.ios16' },
  { ua: 'wechat-ios-14.0', label: 'wechat.ua.ios140' },
];

const params = new URLSearchParams(location.search);
const ua = params.get('ua') ?? '';
const userAgent = simulatedUserAgent(ua);
const report: CompatReport = userAgent
  ? checkCompatibility({ userAgent, isSecureContext: true, hasGetUserMedia: true })
  : checkCompatibility();

const element = createVerifyElement();
if (userAgent) element.compat = report;

const root = byId('wechat-root');
const options = h('nav', { class: 'sim-options', 'aria-labelledby': 'sim-title' });
const verdictBox = h('section', {
  class: 'panel',
  'aria-labelledby': 'verdict-title',
  'data-testid': 'compat-verdict',
});
const bar = h('div', { class: 'phone-bar', 'aria-hidden': 'true' });

function render(): void {
  renderSimOptions(options, OPTIONS, ua);
  bar.textContent = report.app === 'wechat' ? t('wechat.barTitle') : location.host;
  replaceChildren(
    verdictBox,
    h(
      'div',
      { class: 'panel-head' },
      h('h2', { class: 'panel-title', id: 'verdict-title' }, t('wechat.verdict')),
    ),
    h(
      'dl',
      { class: 'kv' },
      [
        ['action', report.action],
        ['supported', String(report.supported)],
        ['app', report.app ?? '—'],
        ['os', [report.os.name, report.os.version].filter(Boolean).join(' ')],
        ['browser', [report.browser.name, report.browser.version].filter(Boolean).join(' ')],
        ['reasons', report.reasons.join('; ') || '—'],
      ].map(([k, v]) => [h('dt', {}, k), h('dd', { 'data-key': k }, v)]),
    ),
  );
}

root.append(
  h(
    'section',
    { class: 'panel', 'aria-labelledby': 'sim-title' },
    h(
      'div',
      { class: 'panel-head' },
      h(
        'h2',
        { class: 'panel-title', id: 'sim-title', 'data-i18n': 'wechat.simulate' },
        t('wechat.simulate'),
      ),
    ),
    options,
  ),
  h(
    'div',
    { class: 'phone' },
    h(
      'div',
      { class: 'phone-screen' },
      bar,
      h('div', { class: 'phone-body', id: 'verify-card' }, element),
    ),
  ),
  verdictBox,
);
render();
onLangChange(render);
