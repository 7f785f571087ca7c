/**
 * The element in React 19 and Vue 3 without wrappers: events reach framework listeners the
 * frameworks' own way, and object/function properties arrive as properties, not strings.
 */
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { createApp, nextTick, ref } from 'vue/dist/vue.esm-bundler.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import './aliyun-face-verify.js';
import type {
  AliyunFaceVerify,
  FaceVerifyErrorEvent,
  FaceVerifyResultEvent,
  FaceVerifyUnsupportedEvent,
} from './index.js';
import {
  $,
  cleanup,
  encodeResponse,
  JSVM,
  pending,
  returnWith,
  stage,
  until,
} from '../test/helpers.js';

beforeEach(cleanup);
afterEach(cleanup);

describe('React 19', () => {
  it('delivers events to on<event-name> props and sets object and function props as properties', async () => {
    pending('sha-react');
    returnWith(encodeResponse({ code: 1000, extInfo: { certifyId: 'sha-react' } }));
    const results: FaceVerifyResultEvent[] = [];
    const unsupported: FaceVerifyUnsupportedEvent[] = [];
    const initData = { certName: '张三' };
    const init = async (): Promise<never> => new Promise(() => undefined);
    const root = createRoot(stage());
    flushSync(() =>
      root.render(
        createElement('aliyun-face-verify', {
          lang: 'en',
          'init-url': '/never',
          initData,
          init,
          // React 19 attaches a listener for the part after `on`, verbatim: `face-verify-result`.
          'onface-verify-result': (event: FaceVerifyResultEvent) => results.push(event),
          'onface-verify-unsupported': (event: FaceVerifyUnsupportedEvent) =>
            unsupported.push(event),
        }),
      ),
    );
    const el = document.querySelector('aliyun-face-verify') as AliyunFaceVerify;
    await until(() => results.length === 1);
    const event = results[0] as FaceVerifyResultEvent;
    expect(event).toBeInstanceOf(Event);
    expect(event.detail.source === 'return' && event.detail.result.certifyId).toBe('sha-react');
    expect(el.initData).toBe(initData);
    expect(el.init).toBe(init);
    expect(el.initUrl).toBe('/never');
    expect(el.getAttribute('init-url')).toBe('/never');
    await el.updateComplete;
    expect($(el, 'h2').textContent).toBe('Submitted, awaiting confirmation');
    expect(results).toHaveLength(1);
    expect(unsupported).toEqual([]);
    root.unmount();
  });

  it('re-rendering with a new handler replaces the listener (no double delivery)', async () => {
    const first: FaceVerifyErrorEvent[] = [];
    const second: FaceVerifyErrorEvent[] = [];
    const root = createRoot(stage());
    const render = (handler: (event: FaceVerifyErrorEvent) => void): void =>
      flushSync(() =>
        root.render(
          createElement('aliyun-face-verify', {
            lang: 'en',
            'script-src': JSVM,
            'allowed-hosts': location.host,
            'onface-verify-error': handler,
          }),
        ),
      );
    render((e) => first.push(e));
    render((e) => second.push(e));
    const el = document.querySelector('aliyun-face-verify') as AliyunFaceVerify;
    await el.updateComplete;
    // No init-url and no init: a configuration error the user sees and the page hears about.
    $(el, 'button[part~="start"]').click();
    await until(() => second.length === 1);
    expect(first).toEqual([]);
    expect(second[0]?.detail.code).toBe('not-configured');
    root.unmount();
  });
});

describe('Vue 3', () => {
  it('renders the tag with isCustomElement, binds .prop, and hears @face-verify-* events', async () => {
    const warnings: string[] = [];
    const heard: string[] = [];
    const app = createApp({
      template: `<aliyun-face-verify lang="en" compat="unsupported" :initData.prop="data"
        @face-verify-unsupported="(e) => heard.push(e.type + ':' + e.detail.action)" />`,
      setup: () => ({ data: ref({ userId: 'vue-1' }), heard }),
    });
    app.config.compilerOptions.isCustomElement = (tag: string) => tag === 'aliyun-face-verify';
    app.config.warnHandler = (message: string) => void warnings.push(message);
    app.mount(stage());
    await nextTick();
    const el = document.querySelector('aliyun-face-verify') as AliyunFaceVerify;
    expect(el).toBeInstanceOf(customElements.get('aliyun-face-verify') as CustomElementConstructor);
    expect(el.initData).toEqual({ userId: 'vue-1' });
    await until(() => heard.length === 1);
    expect(heard).toEqual(['face-verify-unsupported:unsupported']);
    expect(warnings).toEqual([]);
    app.unmount();
  });
});
