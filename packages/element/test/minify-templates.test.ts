/**
 * The build-time minification of lit templates (`scripts/minify-templates.mjs`): it must only drop
 * whitespace and CSS comments the browser ignores, and never touch a binding, an attribute value
 * or raw text.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import {
  minifyCssParts,
  minifyHtmlParts,
  minifyTemplates,
  minifyTemplatesPlugin,
} from '../scripts/minify-templates.mjs';

describe('html', () => {
  it('drops formatting next to block tags and at the ends, keeps one space elsewhere', () => {
    expect(
      minifyHtmlParts([
        '\n  <section part="a">\n    <p>\n      Hello\n      world\n    </p>\n  </section>\n',
      ]),
    ).toEqual(['<section part="a"><p>Hello world</p></section>']);
  });

  it('keeps a space between inline content, even when prettier broke the line there', () => {
    expect(minifyHtmlParts(['<a href="x">Open</a>\n  <button>Done</button>'])).toEqual([
      '<a href="x">Open</a> <button>Done</button>',
    ]);
    expect(minifyHtmlParts(['<a href="x">Open</a>\n  ', ''])).toEqual([
      '<a href="x">Open</a> ',
      '',
    ]);
  });

  it('keeps whitespace next to a binding as one space unless a block tag is on the other side', () => {
    expect(minifyHtmlParts(['<section>\n  ', '\n  ', '\n</section>'])).toEqual([
      '<section>',
      ' ',
      '</section>',
    ]);
    expect(minifyHtmlParts(['<b>', '</b>  and  ', ''])).toEqual(['<b>', '</b> and ', '']);
  });

  it('shrinks whitespace between attributes and never touches attribute values', () => {
    expect(
      minifyHtmlParts([
        '<button\n  part="button   ',
        "\"\n  title='a\n  b'\n  @click=",
        '\n>x</button>',
      ]),
    ).toEqual(['<button part="button   ', "\" title='a\n  b' @click=", '>x</button>']);
    // One space stays before `/>`: an unquoted value must not take the slash.
    expect(minifyHtmlParts(['<input .value=', ' />'])).toEqual(['<input .value=', ' />']);
  });

  it('leaves a template with raw text (pre, textarea, script, style) as written', () => {
    const parts = ['<pre>\n  a\n    b\n</pre>\n'];
    expect(minifyHtmlParts(parts)).toEqual(parts);
    expect(minifyHtmlParts(['<div>\n</div>\n<textarea>\n', '</textarea>'])).toEqual([
      '<div>\n</div>\n<textarea>\n',
      '</textarea>',
    ]);
  });
});

describe('css', () => {
  it('drops comments, formatting and the last semicolon of a block', () => {
    expect(
      minifyCssParts([
        '\n  /* the host */\n  :host {\n    display: block;\n    font: 1rem/1.5 system-ui, sans-serif;\n  }\n  a > b,\n  c d {\n    margin: 0 0 0.75rem;\n  }\n  @media (max-width: 30rem) {\n    a {\n      width: 100%;\n    }\n  }\n',
      ]),
    ).toEqual([
      ':host{display:block;font:1rem/1.5 system-ui,sans-serif}a>b,c d{margin:0 0 .75rem}@media (max-width:30rem){a{width:100%}}',
    ]);
  });

  it('drops the quotes of identifier attribute selectors and leading zeros, not more', () => {
    expect(
      minifyCssParts([
        "[part~='button'], [part=\"a b\"] { margin: 0.25rem 10.5px -0.5em; content: '0.5' }",
      ]),
    ).toEqual(['[part~=button],[part="a b"]{margin:.25rem 10.5px -0.5em;content:\'0.5\'}']);
  });

  it('keeps the space before a pseudo-class (a descendant combinator) and inside strings', () => {
    expect(minifyCssParts(['a :hover { content: "  ;  { " }'])).toEqual([
      'a :hover{content:"  ;  { "}',
    ]);
  });
});

describe('minifyTemplates', () => {
  const source = [
    "import { css, html } from 'lit';",
    'const name = `  keep  me  `;',
    'export const view = (x: string) => html`',
    '  <section>',
    '    ${x ? html`<p>\n      ${x}\n    </p>` : name}',
    '  </section>',
    '`;',
    'export const styles = css`\n  a {\n    color: red;\n  }\n`;',
    'export const tagged = other`\n  untouched\n`;',
  ].join('\n');

  it('rewrites html and css templates (nested ones too), and nothing else', () => {
    const out = minifyTemplates(source);
    expect(out).toContain('html`<section>${x ? html`<p>${x}</p>` : name}</section>`');
    expect(out).toContain('css`a{color:red}`');
    expect(out).toContain('const name = `  keep  me  `;');
    expect(out).toContain('other`\n  untouched\n`');
  });

  it('runs as an esbuild plugin on the files it loads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'afv-minify-'));
    writeFileSync(join(dir, 'x.ts'), source);
    const result = await build({
      entryPoints: [join(dir, 'x.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      external: ['lit'],
      plugins: [minifyTemplatesPlugin()],
    });
    expect(result.outputFiles[0]?.text).toContain(
      '<section>${x ? html`<p>${x}</p>` : name}</section>',
    );
  });
});
