import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';

// Self-check of the WebKit runner (vitest.webkit.config.ts) until core's browser suites land: each
// test fails if the run is not really WebKit, or if a piece the real suites lean on does not work
// through WebKitWebDriver (history in the test iframe, storage, script loading, user events).
describe('WebKit runner', () => {
  it('runs in WebKit, not Chromium', () => {
    expect(navigator.userAgent).toMatch(/AppleWebKit\/\d+/);
    expect(navigator.userAgent).not.toMatch(/Chrome|Chromium|HeadlessChrome/);
    // WebKit keeps Safari's vendor string; Chromium says "Google Inc.", Firefox says "".
    expect(navigator.vendor).toBe('Apple Computer, Inc.');
  });

  it('replaces the URL of the test frame with history.replaceState', () => {
    const before = location.href;
    const query = encodeURIComponent(JSON.stringify({ code: 1000 }));
    history.replaceState(history.state, '', `?response=${query}#/done`);
    try {
      expect(new URL(location.href).searchParams.get('response')).toBe('{"code":1000}');
      expect(location.hash).toBe('#/done');
    } finally {
      history.replaceState(history.state, '', before);
    }
    expect(location.href).toBe(before);
  });

  it('keeps sessionStorage across reads', () => {
    sessionStorage.setItem('webkit-smoke', 'x');
    expect(sessionStorage.getItem('webkit-smoke')).toBe('x');
    sessionStorage.removeItem('webkit-smoke');
    expect(sessionStorage.getItem('webkit-smoke')).toBeNull();
  });

  it('loads and runs a classic script element', async () => {
    const url = URL.createObjectURL(
      new Blob(['window.__webkitSmoke = () => ({ ok: true });'], { type: 'text/javascript' }),
    );
    const script = document.createElement('script');
    script.src = url;
    const loaded = new Promise<void>((resolve, reject) => {
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('script failed to load'));
    });
    document.head.append(script);
    await loaded;
    URL.revokeObjectURL(url);
    script.remove();
    const fn: unknown = Reflect.get(window, '__webkitSmoke');
    expect(typeof fn).toBe('function');
    expect(typeof fn === 'function' ? fn() : undefined).toEqual({ ok: true });
  });

  it('delivers a real click through WebDriver to an element in the test frame', async () => {
    const button = document.createElement('button');
    button.textContent = 'Start verification';
    let clicks = 0;
    button.addEventListener('click', () => (clicks += 1));
    document.body.append(button);
    try {
      await userEvent.click(page.getByRole('button', { name: 'Start verification' }));
      expect(clicks).toBe(1);
    } finally {
      button.remove();
    }
  });
});
