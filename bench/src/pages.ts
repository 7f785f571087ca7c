/**
 * The pages the browser figures are taken on, bundled from bench/pages/*.ts at bench time with the
 * same esbuild settings as the size figures (minified, es2022) and inlined into their HTML, so every
 * variant costs one document request and nothing else: what differs is only the code each runs.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { SCRIPT_END, SCRIPT_START } from '../pages/marks.js';
import { firstLine } from './size.js';

/** A bundled page script, or why it could not be built. */
export type BuiltScript =
  { ok: true; code: string; warnings: string[] } | { ok: false; error: string };

/** Bundles one page source for the browser; `iife` for classic scripts, `esm` for modules. */
export async function bundlePageScript(
  file: string,
  format: 'esm' | 'iife',
  marked = false,
): Promise<BuiltScript> {
  try {
    const out = await build({
      // Marks around the whole bundle split a page's time into before / during / after its script.
      ...(marked
        ? {
            banner: { js: `performance.mark(${JSON.stringify(SCRIPT_START)});` },
            footer: { js: `performance.mark(${JSON.stringify(SCRIPT_END)});` },
          }
        : {}),
      entryPoints: [file],
      bundle: true,
      minify: true,
      format,
      platform: 'browser',
      target: 'es2022',
      write: false,
      legalComments: 'none',
      logLevel: 'silent',
    });
    const first = out.outputFiles[0];
    if (!first) return { ok: false, error: `esbuild wrote nothing for ${file}` };
    // Surfaced, not silenced: e.g. "ignoring this import because … no side effects" means the
    // page would silently measure nothing.
    const warnings = out.warnings.map((w) => `${file}: ${w.text}`);
    return { ok: true, code: first.text, warnings };
  } catch (error) {
    return { ok: false, error: firstLine(error) };
  }
}

/** Makes script text safe to inline: `</script` inside it would end the element early. */
export function inlineSafe(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** One HTML document: head scripts run first (classic), then the body markup, then body scripts. */
export interface PageParts {
  title: string;
  /** Markup for the head, before its scripts (meta, link). */
  head?: string;
  headScripts?: readonly string[];
  body?: string;
  bodyScripts?: readonly { code?: string; src?: string; module?: boolean }[];
}

/** Renders a page. A data: favicon keeps the browser from requesting /favicon.ico on every run. */
export function renderPage(parts: PageParts): string {
  const head = (parts.headScripts ?? []).map((c) => `<script>${inlineSafe(c)}</script>`).join('');
  const body = (parts.bodyScripts ?? [])
    .map((s) => {
      const type = s.module ? ' type="module"' : '';
      return s.src !== undefined
        ? `<script${type} src="${s.src}"></script>`
        : `<script${type}>${inlineSafe(s.code ?? '')}</script>`;
    })
    .join('');
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<link rel="icon" href="data:,"><title>${parts.title}</title>${parts.head ?? ''}${head}</head>` +
    `<body>${parts.body ?? ''}${body}</body></html>`
  );
}

/** The bench's pages by path, with each variant's script size and build error if any. */
export interface BenchPages {
  pages: Map<string, string>;
  /** Minified bytes of each variant's page script (what the browser parses and runs). */
  scriptBytes: Record<string, number>;
  /** Variants whose script did not build, with esbuild's first error line. */
  errors: Record<string, string>;
  /** esbuild warnings of every page build. */
  warnings: string[];
}

/** Variant ids and the path of their page. */
export const RESULT_VARIANTS = {
  baseline: '/result/baseline.html',
  core: '/result/core.html',
  element: '/result/element.html',
} as const;

export const LOADER_VARIANTS = {
  raw: '/loader/raw.html',
  core: '/loader/core.html',
  // Informative, no target: core with the fetch started by a preload hint at parse time.
  preload: '/loader/preload.html',
} as const;

/** Where a core loader page finds its script URL (so one bundle serves both core pages). */
export const JSVM_META = 'bench-jsvm';

export const CONCURRENT_PAGE = '/loader/concurrent.html';

/** Builds every page the browser figures need from bench/pages. */
export async function buildBenchPages(benchDir: string): Promise<BenchPages> {
  const src = (name: string): string => join(benchDir, 'pages', `${name}.ts`);
  const pages = new Map<string, string>();
  const scriptBytes: Record<string, number> = {};
  const errors: Record<string, string> = {};
  const warnings: string[] = [];

  const recorder = await bundlePageScript(src('result-recorder'), 'iife');
  if (!recorder.ok) throw new Error(`bench page recorder does not build: ${recorder.error}`);
  warnings.push(...recorder.warnings);

  const resultBody: Record<keyof typeof RESULT_VARIANTS, string> = {
    baseline: '<main><p id="out" role="status"></p></main>',
    core: '<main><p id="out" role="status"></p></main>',
    // A return page as the element's docs describe it; no describe-url, so the figure is the
    // browser-side work alone (no request to a merchant server).
    element:
      '<main><aliyun-face-verify init-url="/api/face-verify/init"></aliyun-face-verify></main>',
  };
  for (const [id, path] of Object.entries(RESULT_VARIANTS) as [
    keyof typeof RESULT_VARIANTS,
    string,
  ][]) {
    const script = await bundlePageScript(src(`result-${id}`), 'esm', true);
    if (!script.ok) {
      errors[`result:${id}`] = script.error;
      continue;
    }
    warnings.push(...script.warnings);
    scriptBytes[`result:${id}`] = Buffer.byteLength(script.code);
    pages.set(
      path,
      renderPage({
        title: `result page: ${id}`,
        headScripts: [recorder.code],
        body: resultBody[id],
        bodyScripts: [{ code: script.code, module: true }],
      }),
    );
  }

  const raw = await bundlePageScript(src('loader-raw'), 'iife');
  if (raw.ok) {
    warnings.push(...raw.warnings);
    scriptBytes['loader:raw'] = Buffer.byteLength(raw.code);
    pages.set(
      LOADER_VARIANTS.raw,
      renderPage({
        title: 'loader: raw script tag',
        bodyScripts: [{ src: '/jsvm/raw.js' }, { code: raw.code }],
      }),
    );
  } else errors['loader:raw'] = raw.error;

  const meta = (path: string): string => `<meta name="${JSVM_META}" content="${path}">`;
  for (const [key, name, path, head] of [
    ['loader:core', 'loader-core', LOADER_VARIANTS.core, meta('/jsvm/core.js')],
    [
      'loader:preload',
      'loader-core',
      LOADER_VARIANTS.preload,
      `${meta('/jsvm/preload.js')}<link rel="preload" as="script" href="/jsvm/preload.js">`,
    ],
    ['loader:concurrent', 'loader-concurrent', CONCURRENT_PAGE, ''],
  ] as const) {
    const script = await bundlePageScript(src(name), 'esm', true);
    if (!script.ok) {
      errors[key] = script.error;
      continue;
    }
    warnings.push(...script.warnings);
    scriptBytes[key] = Buffer.byteLength(script.code);
    pages.set(
      path,
      renderPage({ title: key, head, bodyScripts: [{ code: script.code, module: true }] }),
    );
  }
  return { pages, scriptBytes, errors, warnings };
}
