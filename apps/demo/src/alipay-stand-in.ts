/**
 * A stand-in for the Alipay app, for the demo only (never part of a published package): it makes
 * this page look like Alipay's in-app view to the element (an Alipay user agent and an
 * `AlipayJSBridge` that fires `AlipayJSBridgeReady`), and plays Alipay's container for
 * `startBizService` / `open-certify`: it opens the emulator's certify page for the `url` it is given
 * in a frame, and when that page ends it answers the callback with the `resultStatus` the emulator
 * reports for the chosen outcome (9000, 6001, 6002, or 4000 with `result: null`). Closing the
 * container answers 6001, as backing out of Alipay's page does.
 */
import type { AlipayBridge } from '@aliyun-face-verify/core';
import { h } from './dom.js';
import { t } from './i18n.js';

/** An Alipay Android user agent at `version` (the element reads `AliApp(AP/…)` from it). */
export function alipayUserAgent(version: string): string {
  return `Mozilla/5.0 (Linux; U; Android 13; zh-CN; Pixel 7 Build/TQ3A.230805.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.2.43 Mobile Safari/537.36 Nebula AlipayDefined(nt:WIFI,ws:412|915|2.625) AliApp(AP/${version}) AlipayClient/${version} Language/zh-Hans Region/CN`;
}

/** What the emulator's in-app certify page posts to its container when it ends. */
interface ContainerMessage {
  type: 'alipay-container';
  resultStatus: string;
  result: unknown;
}

function isContainerMessage(data: unknown): data is ContainerMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as Record<string, unknown>)['type'] === 'alipay-container' &&
    typeof (data as Record<string, unknown>)['resultStatus'] === 'string'
  );
}

/** Opens `url` in the container (a modal with a frame) and resolves with what the page reports. */
function openContainer(url: string): Promise<{ resultStatus: string; result: unknown }> {
  return new Promise((resolve) => {
    const origin = new URL(url).origin;
    const frame = h('iframe', {
      class: 'alipay-frame',
      src: url,
      title: t('alipay.container'),
      allow: 'camera',
      'data-testid': 'alipay-frame',
    });
    const close = h(
      'button',
      { type: 'button', class: 'button button-secondary', 'data-testid': 'alipay-close' },
      t('alipay.close'),
    );
    const dialog = h(
      'dialog',
      { class: 'alipay-container', 'aria-label': t('alipay.container') },
      h('div', { class: 'alipay-bar' }, h('span', {}, t('alipay.container')), close),
      frame,
    );
    let done = false;
    const finish = (answer: { resultStatus: string; result: unknown }): void => {
      if (done) return;
      done = true;
      removeEventListener('message', onMessage);
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    // Only the frame we opened, from the certify page's origin; every other message is not Alipay's.
    const onMessage = (event: MessageEvent): void => {
      if (event.origin !== origin || event.source !== frame.contentWindow) return;
      if (isContainerMessage(event.data)) {
        finish({ resultStatus: event.data.resultStatus, result: event.data.result });
      }
    };
    addEventListener('message', onMessage);
    close.addEventListener('click', () => finish({ resultStatus: '6001', result: null }));
    dialog.addEventListener('cancel', () => finish({ resultStatus: '6001', result: null }));
    document.body.append(dialog);
    dialog.showModal();
  });
}

/**
 * Turns this page into the stand-in Alipay view: the user agent (before the element is created, so
 * its compatibility check sees Alipay), the bridge, and `AlipayJSBridgeReady` once the page is ready.
 */
export function installAlipayStandIn(version: string): void {
  const userAgent = alipayUserAgent(version);
  Object.defineProperty(navigator, 'userAgent', { get: () => userAgent, configurable: true });
  const bridge: AlipayBridge = {
    call(api, params, callback) {
      const param = typeof params['param'] === 'string' ? params['param'] : '{}';
      const { url } = JSON.parse(param) as { url?: unknown };
      if (
        api !== 'startBizService' ||
        params['name'] !== 'open-certify' ||
        typeof url !== 'string'
      ) {
        callback({ resultStatus: '4000', result: null });
        return;
      }
      void openContainer(url).then(callback);
    },
  };
  (window as Window & { AlipayJSBridge?: AlipayBridge }).AlipayJSBridge = bridge;
  // Alipay injects the bridge after the page starts and says so with this event.
  setTimeout(() => document.dispatchEvent(new Event('AlipayJSBridgeReady')));
}
