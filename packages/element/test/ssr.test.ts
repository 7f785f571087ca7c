import { describe, expect, it } from 'vitest';

/**
 * Server-side rendering frameworks import components in Node: the entries must load there without
 * a DOM (no `window`, `document`, `location` or `navigator` use at import time).
 */
describe('in Node, without a DOM', () => {
  it('the ESM entry imports and registers nothing', async () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    const entry = await import('../src/index.js');
    expect(typeof entry.AliyunFaceVerify).toBe('function');
    expect(Object.keys(entry.STRINGS)).toEqual(['zh-CN', 'en']);
    const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
    expect(registry?.get('aliyun-face-verify')).toBeUndefined();
  });

  it('the define entry imports too, and registers the class only where a registry exists', async () => {
    const entry = await import('../src/aliyun-face-verify.js');
    const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
    expect(registry?.get('aliyun-face-verify')).toBe(registry ? entry.AliyunFaceVerify : undefined);
  });

  it('resolves lang="auto" without a navigator language', async () => {
    const { resolveLocale } = await import('../src/strings.js');
    expect([resolveLocale('en-GB'), resolveLocale(''), resolveLocale(null)]).toEqual([
      'en',
      'zh-CN',
      'zh-CN',
    ]);
    expect(['zh-CN', 'en']).toContain(resolveLocale('auto'));
  });
});
