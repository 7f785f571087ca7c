/**
 * Every view of `<aliyun-face-verify>` in real Chromium: what the user sees, where focus goes, what
 * is announced, which events fire (once each), and an axe-core check of each view.
 */
import type { CompatReport, InitResponse } from '@aliyun-face-verify/core';
import { _resetJsvmLoader } from '@aliyun-face-verify/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../aliyun-face-verify.js';
import { STRINGS, type AliyunFaceVerify } from '../index.js';
import {
  $,
  cleanup,
  expectAccessible,
  heading,
  JSVM,
  record,
  stage,
  text,
  until,
} from '../../test/helpers.js';

/**
 * Mounts an element with attributes and properties, inside a `<main>`, and waits for its first
 * render. The jsvm stand-in is served by the test server, so its host is allowed.
 */
async function mount(
  attributes: Record<string, string> = {},
  properties: Partial<Pick<AliyunFaceVerify, 'init' | 'initData' | 'compat'>> = {},
  children = '',
): Promise<AliyunFaceVerify> {
  const el = document.createElement('aliyun-face-verify');
  for (const [name, value] of Object.entries({
    'script-src': JSVM,
    'allowed-hosts': location.host,
    ...attributes,
  }))
    el.setAttribute(name, value);
  Object.assign(el, properties);
  el.innerHTML = children;
  stage().append(el);
  await el.updateComplete;
  return el;
}

/** A tick for events that wait for the page's scripts (one task after DOMContentLoaded). */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

const zh = STRINGS['zh-CN'];
const en = STRINGS.en;

const focused = (el: AliyunFaceVerify): Element | null | undefined => el.shadowRoot?.activeElement;

beforeEach(() => {
  cleanup();
  _resetJsvmLoader();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('start view', () => {
  it('offers a real start button under a heading, in zh-CN by default, and fires nothing', async () => {
    const el = await mount();
    const seen = record(el);
    expect(heading(el)).toBe(zh.title);
    const button = $(el, 'button[part~="start"]');
    expect(button.tagName).toBe('BUTTON');
    expect(button.getAttribute('type')).toBe('button');
    expect(button.textContent?.trim()).toBe(zh.start);
    expect($(el, '[part="base"]').getAttribute('lang')).toBe('zh-CN');
    await settle();
    expect(Object.values(seen).flat()).toEqual([]);
    await expectAccessible(el);
  });

  it('speaks English with lang="en", and follows navigator.language with lang="auto"', async () => {
    const english = await mount({ lang: 'en' });
    expect(heading(english)).toBe(en.title);
    expect($(english, 'button').textContent?.trim()).toBe(en.start);
    await expectAccessible(english);
    const auto = await mount({ lang: 'auto' });
    const chinese = navigator.language.toLowerCase().startsWith('zh');
    expect(heading(auto)).toBe(chinese ? zh.title : en.title);
    expect($(auto, '[part="base"]').getAttribute('lang')).toBe(chinese ? 'zh-CN' : 'en');
    await expectAccessible(auto);
  });

  it('re-renders when lang changes', async () => {
    const el = await mount();
    el.lang = 'en';
    await el.updateComplete;
    expect(heading(el)).toBe(en.title);
  });

  it('exposes the documented parts and shows slotted header content', async () => {
    const el = await mount({}, {}, '<span slot="header">Bank of Tests</span>');
    for (const part of ['base', 'header', 'heading', 'status', 'idle', 'button'])
      expect(el.shadowRoot?.querySelector(`[part~="${part}"]`), part).toBeTruthy();
    expect(el.textContent).toContain('Bank of Tests');
    const slot = $(el, 'slot[name="header"]') as HTMLSlotElement;
    expect(slot.assignedElements().map((e) => e.textContent)).toEqual(['Bank of Tests']);
  });

  it('starts from a slotted start button instead of its own', async () => {
    const init = vi.fn<(r: unknown, s: AbortSignal) => Promise<InitResponse>>(
      () => new Promise(() => undefined),
    );
    const el = await mount({}, { init }, '<button slot="start" id="mine">Go</button>');
    expect(el.shadowRoot?.querySelector('button[part~="start"]')?.checkVisibility()).toBe(false);
    (el.querySelector('#mine') as HTMLButtonElement).click();
    await until(() => init.mock.calls.length === 1);
    const [request] = init.mock.calls[0] as [Record<string, unknown>, AbortSignal];
    expect(JSON.parse(request['metaInfo'] as string)).toMatchObject({ zimVer: '3.0.0' });
  });

  it('is keyboard-usable: the start button takes focus and Enter starts', async () => {
    const init = vi.fn(() => new Promise<InitResponse>(() => undefined));
    const el = await mount({}, { init });
    const button = $(el, 'button[part~="start"]');
    button.focus();
    expect(focused(el)).toBe(button);
    // A real button turns Enter/Space into a click; the element relies on that.
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    button.click();
    await until(() => init.mock.calls.length === 1);
  });

  it('draws no focus ring on the heading it focuses for screen readers; buttons keep theirs', async () => {
    const el = await mount({}, { compat: 'wechat-guide' });
    const h2 = el.shadowRoot?.querySelector('h2') as HTMLElement;
    h2.focus();
    expect(focused(el)).toBe(h2);
    expect(getComputedStyle(h2).outlineStyle).toBe('none');
    const button = $(el, 'button');
    button.focus();
    expect(button.matches(':focus-visible') ? getComputedStyle(button).outlineStyle : 'solid').toBe(
      'solid',
    );
  });
});

describe('compatibility views', () => {
  it('guard: says why and what to do, fires face-verify-unsupported once, passes axe', async () => {
    const report: CompatReport = {
      supported: false,
      action: 'unsupported',
      reasons: ['Camera access needs a secure context (https or localhost)'],
      browser: { name: 'chrome', version: '120.0' },
      os: { name: 'android', version: '13' },
    };
    const el = await mount({}, { compat: report });
    const seen = record(el);
    expect(heading(el)).toBe(zh.guardTitle);
    expect(text(el)).toContain(zh.guardBody);
    expect(text(el)).toContain('Camera access needs a secure context');
    expect($(el, '[part="guard"] ul').getAttribute('lang')).toBe('en');
    expect(el.shadowRoot?.querySelector('button[part~="start"]')).toBeNull();
    await until(() => seen['face-verify-unsupported'].length === 1);
    await settle();
    expect(seen['face-verify-unsupported']).toHaveLength(1);
    const [event] = seen['face-verify-unsupported'];
    expect(event?.detail).toEqual(report);
    expect(Object.values(seen).flat()).toHaveLength(1);
    await expectAccessible(el);
  });

  it('guard from the compat attribute (demo pages)', async () => {
    const el = await mount({ compat: 'unsupported', lang: 'en' });
    expect(heading(el)).toBe(en.guardTitle);
  });

  it('open-in-browser: a modal overlay with WeChat steps and the page link to copy', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    const el = await mount({}, { compat: 'open-in-browser' });
    const seen = record(el);
    const dialog = $(el, 'dialog[part="overlay"]') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(dialog.matches(':modal')).toBe(true);
    expect(heading(el)).toBe(zh.openTitle);
    expect(text(el)).toContain('点击右上角 ··· 或菜单，选择「在浏览器打开」');
    const url = $(el, 'input[part="url"]') as HTMLInputElement;
    expect(url.value).toBe(location.href);
    expect(url.readOnly).toBe(true);
    await expectAccessible(el);
    $(el, 'button[part~="copy"]').click();
    await until(() => text(el).includes(zh.copied));
    expect(writeText).toHaveBeenCalledWith(location.href);
    await until(() => seen['face-verify-unsupported'].length === 1);
    expect(seen['face-verify-unsupported'][0]?.detail.action).toBe('open-in-browser');
  });

  it('open-in-browser: a refused clipboard selects the link for a manual copy', async () => {
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('denied'));
    const el = await mount({ lang: 'en' }, { compat: 'open-in-browser' });
    $(el, 'button[part~="copy"]').click();
    await until(() => text(el).includes(en.copyFailed));
    const url = $(el, 'input[part="url"]') as HTMLInputElement;
    expect([url.selectionStart, url.selectionEnd]).toEqual([0, url.value.length]);
  });

  it('open-in-browser: closing the overlay keeps the instructions on the page', async () => {
    const el = await mount({}, { compat: 'open-in-browser' });
    $(el, 'button[part~="close"]').click();
    await until(() => !el.shadowRoot?.querySelector('dialog'));
    expect(heading(el)).toBe(zh.openTitle);
    expect($(el, 'input[part="url"]')).toBeTruthy();
    await expectAccessible(el);
  });

  it('WeChat guide: explains the steps, continue leads to the start view with focus on its heading', async () => {
    const el = await mount({}, { compat: 'wechat-guide' });
    const seen = record(el);
    expect(heading(el)).toBe(zh.guideTitle);
    const steps = [...(el.shadowRoot?.querySelectorAll('[part="guide"] li') ?? [])].map(
      (li) => li.textContent,
    );
    expect(steps).toEqual(zh.guide);
    expect(steps.join()).toContain('摄像头');
    expect(steps.join()).toContain('请勿跳过授权页面');
    await expectAccessible(el);
    $(el, 'button[part~="continue"]').click();
    await el.updateComplete;
    expect(heading(el)).toBe(zh.title);
    expect(focused(el)).toBe($(el, 'h2'));
    await settle();
    expect(Object.values(seen).flat()).toEqual([]);
  });

  it('a real browser check when nothing is forced (Chromium on localhost can verify)', async () => {
    const el = await mount();
    expect(heading(el)).toBe(zh.title);
  });

  it('a compat change after connect re-decides the view', async () => {
    const el = await mount();
    const seen = record(el);
    el.compat = 'unsupported';
    await el.updateComplete;
    expect(heading(el)).toBe(zh.guardTitle);
    await until(() => seen['face-verify-unsupported'].length === 1);
  });
});

describe('progress, error and Alipay views', () => {
  it('loading: every wait shows and announces progress, and focus moves to the new heading', async () => {
    let release: (value: InitResponse) => void = () => undefined;
    const init = vi.fn(() => new Promise<InitResponse>((resolve) => (release = resolve)));
    const el = await mount({ lang: 'en' }, { init });
    const seen = record(el);
    $(el, 'button[part~="start"]').click();
    await until(() => init.mock.calls.length === 1);
    await el.updateComplete;
    const status = $(el, '[part="status"]');
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent?.trim()).toBe(en.init);
    expect(heading(el)).toBe(en.init);
    expect($(el, 'h2 [part="spinner"]')).toBeTruthy();
    expect(focused(el)).toBe($(el, 'h2'));
    await expectAccessible(el);
    // The reply's CertifyUrl is off the allowlist: the wait ends in an error, not a navigation.
    release({ certifyId: 'sha-x', certifyUrl: 'https://evil.example/' });
    await until(() => seen['face-verify-error'].length === 1);
    expect(seen['face-verify-redirect']).toEqual([]);
    expect(init).toHaveBeenCalledTimes(1);
  });

  it('error: a clear message with a retry, one face-verify-error, passes axe', async () => {
    const el = await mount({ lang: 'en' });
    const seen = record(el);
    $(el, 'button[part~="start"]').click();
    // No init-url and no init: the page's configuration, with a code of its own.
    expect(await el.settled).toMatchObject({
      kind: 'error',
      failure: { code: 'not-configured', stage: 'init', text: 'unconfigured' },
    });
    await el.updateComplete;
    expect(seen['face-verify-error']).toHaveLength(1);
    expect(heading(el)).toBe(en.errorTitle);
    expect($(el, '[part="error"] p').textContent).toBe(en.unconfigured);
    expect(seen['face-verify-error'][0]?.detail).toEqual({
      code: 'not-configured',
      stage: 'init',
      message: en.unconfigured,
    });
    expect($(el, 'button[part~="retry"]').textContent?.trim()).toBe(en.retry);
    expect(focused(el)).toBe($(el, 'h2'));
    expect($(el, '[part="status"]').textContent).toBe(en.unconfigured);
    await expectAccessible(el);
    await settle();
    expect(seen['face-verify-error']).toHaveLength(1);
  });

  it('Alipay outside the app: an alipays:// launch link for the returned URL', async () => {
    const url = 'https://picker.antcloudauth.aliyuncs.com/gateway.do?certifyId=sha-ali&x=1';
    const el = await mount(
      {},
      { init: async () => ({ flow: 'alipay', certifyId: 'sha-ali', url }) },
    );
    const seen = record(el);
    $(el, 'button[part~="start"]').click();
    await until(() => el.shadowRoot?.querySelector('[part="alipay"]'));
    expect(heading(el)).toBe(zh.alipayTitle);
    const link = $(el, 'a[part="link"]') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe(
      `alipays://platformapi/startapp?appId=20000067&url=${encodeURIComponent(url)}`,
    );
    expect(link.textContent?.trim()).toBe(zh.alipayOpen);
    await expectAccessible(el);
    expect(Object.values(seen).flat()).toEqual([]);
  });
});
