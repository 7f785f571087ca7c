// Minifies the static text of lit's `html`, `svg` and `css` tagged templates at build time, so the
// source stays formatted by prettier while the one-file bundle ships no indentation. esbuild
// minifies the JavaScript around them but leaves template literals as written. One module, used by
// the element's build (`scripts/build.mjs`) and by the size check (`scripts/size.mjs` at the root),
// so what is measured is what ships.
//
// Only whitespace and CSS comments are removed, and only where the browser ignores them:
// - `html`/`svg`: a run of whitespace that contains a line break (prettier's formatting) is dropped
//   at the ends of the template and next to the tag of a block element (`<section>`, `<p>`, `</li>`…);
//   anywhere else it becomes one space, so a space between inline content survives. Runs without a
//   line break shrink to one space. Inside a tag, whitespace between attributes shrinks to one space
//   (none before `>`). Attribute values, `<pre>`, `<textarea>`, `<script>` and `<style>` are never
//   touched: a template containing one of the last four is left as written.
// - `css`: comments go, whitespace shrinks to one space and disappears next to `{ } ; , > :`
//   where CSS allows it (never before `:`, which would join a descendant combinator to a
//   pseudo-class), the last `;` of a block goes, and so do the quotes around an identifier in an
//   attribute selector and the leading zero of a fraction. Strings are kept.
// Lit's bindings (`${…}`) are never touched: only the literal parts between them change, and the
// whitespace next to a binding is kept as one space unless the other side allows dropping it.
import ts from 'typescript';

const TAGS = new Set(['html', 'svg', 'css']);

/** Elements whose default display is block-level: whitespace next to their tags is not rendered. */
const BLOCK = new Set(
  'address article aside blockquote dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p section summary table tbody td tfoot th thead tr ul'.split(
    ' ',
  ),
);

const RAW_TEXT = /<(pre|textarea|script|style)\b/i;

const isSpace = (c) => c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f';

/** The tag name right after `<` or `</` at `i` in `s`, lower-cased, or '' if there is none. */
function tagNameAt(s, i) {
  const match = /^<\/?([a-zA-Z][\w-]*)/.exec(s.slice(i, i + 40));
  return match ? match[1].toLowerCase() : '';
}

/**
 * The literal parts of an `html`/`svg` template (the text between its bindings), minified. Returns
 * the parts unchanged when one holds a raw-text element.
 */
export function minifyHtmlParts(parts) {
  if (parts.some((part) => RAW_TEXT.test(part))) return parts;
  let inTag = false;
  let quote = '';
  /** Name of the tag that last closed (the `>` just written), or '' when text or a binding came last. */
  let lastTag = '';
  let currentTag = '';
  return parts.map((part, index) => {
    let out = '';
    let i = 0;
    while (i < part.length) {
      const c = part[i];
      if (quote) {
        out += c;
        if (c === quote) quote = '';
        i++;
        continue;
      }
      if (inTag) {
        if (c === '"' || c === "'") {
          quote = c;
          out += c;
          i++;
        } else if (isSpace(c)) {
          let j = i;
          while (j < part.length && isSpace(part[j])) j++;
          // None before `>`; one elsewhere (also before `/>`: an unquoted value must not absorb the `/`).
          if (part[j] !== '>') out += ' ';
          i = j;
        } else {
          out += c;
          if (c === '>') {
            inTag = false;
            lastTag = currentTag;
          }
          i++;
        }
        continue;
      }
      if (c === '<' && /[a-zA-Z/!]/.test(part[i + 1] ?? '')) {
        inTag = true;
        currentTag = tagNameAt(part, i);
        out += c;
        i++;
        continue;
      }
      if (isSpace(c)) {
        let j = i;
        while (j < part.length && isSpace(part[j])) j++;
        const run = part.slice(i, j);
        const atStart = index === 0 && i === 0;
        const atEnd = index === parts.length - 1 && j === part.length;
        const afterBlock = i > 0 && out.endsWith('>') && BLOCK.has(lastTag);
        const beforeBlock = part[j] === '<' && BLOCK.has(tagNameAt(part, j));
        const formatting = /[\n\r]/.test(run);
        if (!(formatting && (atStart || atEnd || afterBlock || beforeBlock))) out += ' ';
        i = j;
        continue;
      }
      out += c;
      lastTag = '';
      i++;
    }
    // A binding follows this part: it is content, not the end of a tag.
    if (!inTag) lastTag = '';
    return out;
  });
}

/** The literal parts of a `css` template, minified. */
export function minifyCssParts(parts) {
  let quote = '';
  let comment = false;
  return parts.map((part, index) => {
    let out = '';
    let i = 0;
    while (i < part.length) {
      const c = part[i];
      if (comment) {
        if (c === '*' && part[i + 1] === '/') {
          comment = false;
          i += 2;
        } else i++;
        continue;
      }
      if (quote) {
        out += c;
        if (c === '\\') out += part[++i] ?? '';
        else if (c === quote) quote = '';
        i++;
        continue;
      }
      if (c === '/' && part[i + 1] === '*') {
        comment = true;
        i += 2;
        continue;
      }
      if (isSpace(c)) {
        let j = i;
        while (j < part.length && isSpace(part[j])) j++;
        // Skip comments after the run, so `a /* x */ {` still joins.
        const next = part[j];
        const prev = out.at(-1);
        const atStart = index === 0 && out === '';
        const atEnd = index === parts.length - 1 && j === part.length;
        const dropped =
          atStart ||
          atEnd ||
          (prev !== undefined && '{};,>:'.includes(prev)) ||
          (next !== undefined && '{};,>'.includes(next));
        if (!dropped) out += ' ';
        i = j;
        continue;
      }
      // An attribute selector's identifier value needs no quotes: `[part='base']` → `[part=base]`.
      const unquoted =
        c === "'" || c === '"' ? /^(['"])([a-zA-Z_-][\w-]*)\1\]/.exec(part.slice(i)) : null;
      if (unquoted && /[~|^$*]?=$/.test(out)) {
        out += unquoted[2];
        i += unquoted[0].length - 1;
        continue;
      }
      if (c === '"' || c === "'") quote = c;
      // A leading zero goes: `0.75rem` → `.75rem` (not in `10.5`, `#a0.5` cannot occur).
      if (
        c === '0' &&
        part[i + 1] === '.' &&
        /\d/.test(part[i + 2] ?? '') &&
        !/[\w.#-]$/.test(out)
      ) {
        i++;
        continue;
      }
      if (c === '}' && out.endsWith(';')) out = out.slice(0, -1);
      out += c;
      i++;
    }
    return out;
  });
}

/**
 * `source` (TypeScript) with the literal parts of every `html`, `svg` and `css` tagged template
 * minified. Templates whose raw text has a line continuation (`\` before a line break) are skipped.
 */
export function minifyTemplates(source, fileName = 'source.ts') {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    false,
    ts.ScriptKind.TS,
  );
  /** @type {{ start: number, end: number, text: string }[]} */
  const edits = [];
  const visit = (node) => {
    if (
      ts.isTaggedTemplateExpression(node) &&
      ts.isIdentifier(node.tag) &&
      TAGS.has(node.tag.text)
    ) {
      const template = node.template;
      // [start, end) of each literal part's raw text, without the backtick, `${` or `}` around it.
      const ranges = ts.isNoSubstitutionTemplateLiteral(template)
        ? [[template.getStart(file) + 1, template.end - 1]]
        : [
            [template.head.getStart(file) + 1, template.head.end - 2],
            ...template.templateSpans.map(({ literal }) => [
              literal.getStart(file) + 1,
              literal.end - (ts.isTemplateTail(literal) ? 1 : 2),
            ]),
          ];
      const parts = ranges.map(([start, end]) => source.slice(start, end));
      if (!parts.some((part) => /\\[\n\r]/.test(part))) {
        const minified = node.tag.text === 'css' ? minifyCssParts(parts) : minifyHtmlParts(parts);
        ranges.forEach(([start, end], i) => {
          if (minified[i] !== parts[i]) edits.push({ start, end, text: minified[i] });
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  edits.sort((a, b) => b.start - a.start);
  let out = source;
  for (const { start, end, text } of edits) out = out.slice(0, start) + text + out.slice(end);
  return out;
}

/** An esbuild plugin applying {@link minifyTemplates} to every `.ts` file that has such a template. */
export function minifyTemplatesPlugin() {
  return {
    name: 'minify-templates',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
        const { readFile } = await import('node:fs/promises');
        const source = await readFile(path, 'utf8');
        if (!/\b(html|svg|css)`/.test(source)) return undefined;
        return { contents: minifyTemplates(source, path), loader: 'ts' };
      });
    },
  };
}
