/**
 * Size: every subject is a one-import entry bundled the way a user's bundler would (esbuild, minified,
 * deps included) and compressed with gzip -9 — `measure()` from scripts/size.mjs, so these figures and
 * the size budgets can never drift apart.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';

/** scripts/size.mjs `measure()`: bytes of the minified bundle and of its gzip -9. */
export type Measure = (entryFromRoot: string) => Promise<{ min: number; gzip: number }>;

/** An entry of scripts/size.mjs `BUDGETS`: the ceiling the test command enforces. */
export interface EnforcedBudget {
  entry: string;
  budget: number;
}

/** One thing whose size is measured. */
export interface SizeSubject {
  id: string;
  label: string;
  kind: 'ours' | 'anchor';
  /** For ours: a source file (from the repo root). For anchors: the npm package. */
  source: string;
  /** The entry's text for anchors (what a user's code imports, per the package README). */
  entry?: string;
  /** Issue 6's target in bytes (min+gzip), for ours. */
  target?: number;
}

const KB = 1024;

/** Our entries, with issue 6's targets (scripts/size.mjs enforces its own ceilings beside them). */
export const OURS: readonly SizeSubject[] = [
  {
    id: 'core-result',
    label: 'core/result (result page)',
    kind: 'ours',
    source: 'packages/core/src/result-entry.ts',
    target: 1.2 * KB,
  },
  {
    id: 'core',
    label: 'core (everything)',
    kind: 'ours',
    source: 'packages/core/src/index.ts',
    target: 3.0 * KB,
  },
  {
    id: 'element',
    label: 'element bundle (lit incl.)',
    kind: 'ours',
    source: 'packages/element/src/aliyun-face-verify.ts',
    target: 12 * KB,
  },
];

/**
 * The SDKs a user would pick instead, each through the import its README leads with. These are the
 * loaders / embed SDKs that run on the merchant's page; each then fetches its vendor's hosted script
 * or iframe, which is not counted (neither is Aliyun's jsvm_all.js for us).
 */
export const ANCHORS: readonly SizeSubject[] = [
  {
    id: 'stripe',
    label: '@stripe/stripe-js',
    kind: 'anchor',
    source: '@stripe/stripe-js',
    entry: "export { loadStripe } from '@stripe/stripe-js';",
  },
  {
    id: 'paypal',
    label: '@paypal/paypal-js',
    kind: 'anchor',
    source: '@paypal/paypal-js',
    entry: "export { loadScript } from '@paypal/paypal-js';",
  },
  {
    id: 'googlemaps',
    label: '@googlemaps/js-api-loader',
    kind: 'anchor',
    source: '@googlemaps/js-api-loader',
    entry: "export { setOptions, importLibrary } from '@googlemaps/js-api-loader';",
  },
  {
    id: 'veriff',
    label: '@veriff/incontext-sdk',
    kind: 'anchor',
    source: '@veriff/incontext-sdk',
    entry: "export { createVeriffFrame, MESSAGES } from '@veriff/incontext-sdk';",
  },
  {
    id: 'sumsub',
    label: '@sumsub/websdk',
    kind: 'anchor',
    source: '@sumsub/websdk',
    entry: "export { default } from '@sumsub/websdk';",
  },
  {
    id: 'persona',
    label: 'persona',
    kind: 'anchor',
    source: 'persona',
    entry: "export { Client } from 'persona';",
  },
];

/** A measured row; `error` instead of figures when the entry does not build (yet). */
export interface SizeRow extends SizeSubject {
  version?: string;
  min?: number;
  gzip?: number;
  withinTarget?: boolean;
  /** The ceiling scripts/size.mjs enforces for this entry in the test command, when it has one. */
  budget?: number;
  error?: string;
  /** Ours only: the biggest contributors to the minified bundle (see {@link whereTheBytesGo}). */
  breakdown?: ModuleBytes[];
}

/** Minified bytes one source (a workspace file or an npm package) contributes to a bundle. */
export interface ModuleBytes {
  module: string;
  bytes: number;
}

/**
 * Groups esbuild metafile inputs: npm files by package name (after the last `node_modules/`),
 * everything else by its path. Biggest first; beyond `top`, the rest is summed as `(other)`.
 */
export function groupInputs(
  inputs: Readonly<Record<string, { bytesInOutput: number }>>,
  top = 8,
): ModuleBytes[] {
  const sums = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    if (bytesInOutput === 0) continue;
    const i = path.lastIndexOf('node_modules/');
    let key = path;
    if (i >= 0) {
      const parts = path.slice(i + 'node_modules/'.length).split('/');
      key = (parts[0]?.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
    }
    sums.set(key, (sums.get(key) ?? 0) + bytesInOutput);
  }
  const sorted = [...sums]
    .map(([module, bytes]) => ({ module, bytes }))
    .sort((a, b) => b.bytes - a.bytes);
  if (sorted.length <= top) return sorted;
  const rest = sorted.slice(top).reduce((n, m) => n + m.bytes, 0);
  return [...sorted.slice(0, top), { module: '(other)', bytes: rest }];
}

/**
 * Where a bundle's bytes come from: the same esbuild settings as `measure()`, plus a metafile.
 * Minified bytes per source (gzip cannot be split per source); for explaining a missed target.
 */
export async function whereTheBytesGo(root: string, entryFromRoot: string): Promise<ModuleBytes[]> {
  const out = await build({
    entryPoints: [join(root, entryFromRoot)],
    absWorkingDir: root,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    legalComments: 'none',
    treeShaking: true,
    metafile: true,
    outdir: 'out',
    logLevel: 'silent',
  });
  const output = Object.values(out.metafile.outputs)[0];
  return output ? groupInputs(output.inputs) : [];
}

/** The installed version of an anchor, read from the bench package's own resolution. */
export function anchorVersion(benchDir: string, pkg: string): string | undefined {
  const require = createRequire(join(benchDir, 'package.json'));
  // Not every package exports ./package.json, so find it beside the resolved entry instead.
  let dir = dirname(require.resolve(pkg));
  for (;;) {
    try {
      const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (json.name === pkg && typeof json.version === 'string') return json.version;
    } catch {
      // no package.json at this level; keep walking up
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Measures ours and the anchors identically; one failing entry does not stop the others. */
export async function measureSizes(
  measure: Measure,
  root: string,
  tmpDir: string,
  budgets: readonly EnforcedBudget[] = [],
): Promise<SizeRow[]> {
  const entriesDir = join(tmpDir, 'entries');
  mkdirSync(entriesDir, { recursive: true });
  const rows: SizeRow[] = [];
  for (const subject of [...OURS, ...ANCHORS]) {
    const row: SizeRow = { ...subject };
    try {
      let entryFromRoot = subject.source;
      if (subject.kind === 'anchor') {
        const file = join(entriesDir, `${subject.id}.js`);
        writeFileSync(file, `${subject.entry ?? ''}\n`);
        entryFromRoot = relative(root, file);
        const version = anchorVersion(join(root, 'bench'), subject.source);
        if (version) row.version = version;
      }
      const m = await measure(entryFromRoot);
      row.min = m.min;
      row.gzip = m.gzip;
      if (subject.target !== undefined) row.withinTarget = m.gzip <= subject.target;
      const enforced = budgets.find((b) => b.entry === subject.source)?.budget;
      if (enforced !== undefined) row.budget = enforced;
      if (subject.kind === 'ours') row.breakdown = await whereTheBytesGo(root, entryFromRoot);
    } catch (error) {
      row.error = firstLine(error);
    }
    rows.push(row);
  }
  return rows;
}

/** The first line of an error's message: esbuild's multi-line reports do not fit a table. */
export function firstLine(error: unknown): string {
  // esbuild's BuildFailure says only "Build failed with N errors"; its first message says why.
  const first = (
    error as { errors?: { text?: unknown; location?: { file?: unknown; line?: unknown } | null }[] }
  )?.errors?.[0];
  if (first && typeof first.text === 'string') {
    const at = first.location;
    return at && typeof at.file === 'string'
      ? `${first.text} (${at.file}:${String(at.line)})`
      : first.text;
  }
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n').find((l) => l.trim() !== '') ?? text).trim();
}
