/**
 * The Alipay H5 scheme (SAF `fin_face_verify`). `?ua=alipay` makes this page a stand-in for
 * Alipay's in-app view (see alipay-stand-in.ts: a user agent and a bridge that frames the
 * emulator's certify page); the element then asks the merchant server for the Alipay flow by
 * itself and hands the CertifyUrl to the bridge. `?ua=alipay-old` is an Alipay below 10.1.32, which
 * the compatibility check turns away before the start. Without `ua` the page is an ordinary
 * browser outside Alipay: the element offers the `alipays://` launch link (the out-of-app flow).
 */
import { checkCompatibility } from '@aliyun-face-verify/core';
import { installAlipayStandIn } from '../alipay-stand-in.js';
import { byId, h } from '../dom.js';
import { onLangChange, t } from '../i18n.js';
import { mountMerchantView } from '../merchant-view.js';
import { mountShell } from '../shell.js';
import { renderSimOptions, type SimOption } from '../sim-options.js';
import { createVerifyElement } from '../verify-element.js';

mountShell('alipay');

/** The simulated Alipay versions, by `ua` switch. */
const VERSIONS: Readonly<Record<string, string>> = { alipay: '10.5.60', 'alipay-old': '10.1.22' };

const OPTIONS: readonly SimOption[] = [
  { ua: '', label: 'alipay.ua.none' },
  { ua: 'alipay', label: 'alipay.ua.inside' },
  { ua: 'alipay-old', label: 'alipay.ua.old' },
];

const ua = new URLSearchParams(location.search).get('ua') ?? '';
const version = VERSIONS[ua];
// Before the element exists: its compatibility check must already see Alipay.
if (version !== undefined) installAlipayStandIn(version);
const report = checkCompatibility();

const element = createVerifyElement();
// Outside Alipay, ask for the Alipay flow anyway: the element then offers the launch link.
if (version === undefined) element.setAttribute('flow', 'alipay');

const root = byId('alipay-root');
const options = h('nav', { class: 'sim-options', 'aria-labelledby': 'alipay-sim-title' });
const merchant = h('div', {});

function render(): void {
  renderSimOptions(options, OPTIONS, ua);
}

root.append(
  h(
    'section',
    { class: 'panel', 'aria-labelledby': 'alipay-sim-title' },
    h(
      'div',
      { class: 'panel-head' },
      h(
        'h2',
        { class: 'panel-title', id: 'alipay-sim-title', 'data-i18n': 'alipay.simulate' },
        t('alipay.simulate'),
      ),
    ),
    options,
    h(
      'p',
      { 'data-testid': 'alipay-verdict' },
      `${report.app ?? 'browser'} · ${report.browser.name} ${report.browser.version ?? ''} · ${report.action}`,
    ),
  ),
  h(
    'div',
    { class: 'phone' },
    h(
      'div',
      { class: 'phone-screen' },
      h('div', { class: 'phone-bar', 'aria-hidden': 'true' }, version ? '支付宝' : location.host),
      h('div', { class: 'phone-body', id: 'verify-card' }, element),
    ),
  ),
  merchant,
);
mountMerchantView(merchant, byId('verify-card'), { expectResult: false });
render();
onLangChange(render);
