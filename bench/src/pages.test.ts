import { describe, expect, it } from 'vitest';
import { inlineSafe, renderPage } from './pages.js';

describe('inlineSafe', () => {
  it('keeps a closing script tag inside code from ending the element', () => {
    const code = 'const s = "</script><script>alert(1)</script>";';
    const safe = inlineSafe(code);
    expect(safe).not.toMatch(/<\/script/i);
    // Still the same JavaScript: `<\/` is `</` inside a string literal.
    expect(new Function(`${safe}; return s;`)()).toBe('</script><script>alert(1)</script>');
  });
  it('neutralises an HTML comment opener too', () => {
    expect(inlineSafe('x = "<!--"')).not.toContain('<!--');
  });
});

describe('renderPage', () => {
  it('puts head scripts before the body, module and src scripts in order, and a data: favicon', () => {
    const html = renderPage({
      title: 't',
      headScripts: ['window.a = 1'],
      body: '<main></main>',
      bodyScripts: [{ src: '/jsvm/raw.js' }, { code: 'b()', module: true }],
    });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<link rel="icon" href="data:,">');
    const order = [
      '<script>window.a = 1</script>',
      '<main></main>',
      '<script src="/jsvm/raw.js"></script>',
      '<script type="module">b()</script>',
    ];
    const positions = order.map((part) => html.indexOf(part));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});
