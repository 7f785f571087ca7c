import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw } from './html.js';

describe('html', () => {
  it('escapes every interpolated string, in content and in attributes', () => {
    const evil = `"><script>alert('x')</script>&`;
    const out = html`<p title="${evil}">${evil}</p>`.toString();
    expect(out).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>',
    );
  });

  it('keeps nested templates and raw() markup, joins arrays, drops null/undefined/booleans', () => {
    const items = ['a<b', 'c'].map((t) => html`<li>${t}</li>`);
    // prettier-ignore
    const out = html`<ul>${items}</ul>${raw('<hr>')}${null}${undefined}${false}${true}${0}`;
    expect(out.toString()).toBe('<ul><li>a&lt;b</li><li>c</li></ul><hr>0');
  });

  it('escapeHtml leaves ordinary text alone', () => {
    expect(escapeHtml('张三 · ok')).toBe('张三 · ok');
  });
});
