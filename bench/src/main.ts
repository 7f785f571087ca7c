/**
 * `pnpm bench`: one run measures size, result-page latency, the loader and decode throughput for
 * ours and for the baselines the same way, prints a table, writes bench/results.json and
 * bench/results.svg, and refreshes the figures in bench/README.md. Launched by bench/run.mjs.
 */
import { cpus, platform, release } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, version as esbuildVersion } from 'esbuild';
import { chromium, type Browser } from 'playwright';
import { chromiumLaunchOptions } from '../../scripts/browsers.js';
import {
  measureNavigations,
  navigateAndRead,
  throttleCheck,
  throttledPage,
  type Phases,
  type ScriptFetch,
  type Variant,
  type VariantSamples,
} from './browser.js';
import {
  benchDecode,
  payloadOfSize,
  SEEDS_EXAMPLE,
  type Decoder,
  type DecodeFigure,
} from './decode.js';
import {
  buildBenchPages,
  CONCURRENT_PAGE,
  LOADER_VARIANTS,
  renderPage,
  RESULT_VARIANTS,
} from './pages.js';
import { raiseOwnPriority, reniceChildren } from './priority.js';
import { renderFigures } from './report.js';
import { startBenchServer } from './server.js';
import {
  firstLine,
  measureSizes,
  type EnforcedBudget,
  type Measure,
  type SizeRow,
} from './size.js';
import { median, pairedRatio, ratio, round } from './stats.js';
import { renderChart } from './svg.js';

/** What run.mjs hands over. */
export interface BenchContext {
  root: string;
  measure: Measure;
  /** scripts/size.mjs `BUDGETS`, shown beside issue 6's targets. */
  budgets?: readonly EnforcedBudget[];
  argv: readonly string[];
}

/** Figures of one browser comparison. */
export interface TimingFigure {
  id: string;
  runs: number;
  medianMs: number;
  /** ours ÷ baseline of the medians; absent on the baseline itself. */
  ratio?: number;
  /** Median of the per-round ratios (each round runs every variant back to back): a noise cross-check. */
  pairedRatio?: number;
  /** Minified bytes of the script the page runs. */
  scriptBytes?: number;
  /** Medians of where the time went (ms), for pages whose script is marked. */
  phases?: Phases;
  /** Medians of the jsvm script's fetch (ms), for loader pages. */
  fetch?: ScriptFetch;
  /** Shown for what it teaches; no target applies. */
  informative?: boolean;
}

/** bench/results.json. */
export interface BenchResults {
  schema: 1;
  generatedAt: string;
  machine: Record<string, string | number>;
  size: { method: string; rows: SizeRow[] };
  resultPage?: {
    method: string;
    throttle: number;
    throttleCheck: { unthrottledMs: number; throttledMs: number; factor: number };
    returnUrlQuery: string;
    target: number;
    variants: TimingFigure[];
    error?: string;
  };
  loader?: {
    method: string;
    throttle: number;
    scriptDelayMs: number;
    target: number;
    variants: TimingFigure[];
    scriptRequestsPerNavigation: Record<string, number>;
    concurrent: { calls: number; scriptRequests: number; page: string };
    error?: string;
  };
  decode?: {
    method: string;
    rounds: number;
    roundMs: number;
    cases: DecodeFigure[];
    error?: string;
  };
  targets: {
    name: string;
    value?: number;
    target: number;
    unit: 'bytes' | '×' | 'requests';
    met?: boolean;
  }[];
}

const RESULT_TARGET = 1.1;
const LOADER_TARGET = 1.05;
const THROTTLE = 4;
const SCRIPT_DELAY_MS = 200;
const CONCURRENT_CALLS = 100;

interface Options {
  resultRuns: number;
  loaderRuns: number;
  decodeRounds: number;
  only: Set<string>;
  check: boolean;
  /** Print every sample (sorted) to stderr, to judge the noise behind a median. */
  verbose: boolean;
  /** Niceness for the bench and the browser it launches (negative = higher priority). */
  nice: number;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (name: string, fallback: number, min: number): number => {
    const raw = value(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}`);
    return n;
  };
  const nice = Number(value('--nice') ?? -10);
  if (!Number.isInteger(nice) || nice < -20 || nice > 19) {
    throw new Error('--nice must be an integer from -20 to 19');
  }
  const only = new Set((value('--only') ?? 'size,result,loader,decode').split(','));
  return {
    resultRuns: int('--runs', 40, 20),
    loaderRuns: int('--loader-runs', 25, 5),
    decodeRounds: int('--rounds', 9, 3),
    only,
    check: argv.includes('--check'),
    verbose: argv.includes('--verbose'),
    nice,
  };
}

const log = (msg: string): void => {
  process.stderr.write(`bench: ${msg}\n`);
};

let verbose = false;
/** Renices the browser's processes (see priority.ts); undefined when priority is left alone. */
let beforeRound: (() => void) | undefined;
function logSamples(label: string, samples: Record<string, { samples: number[] }>): void {
  if (!verbose) return;
  for (const [id, s] of Object.entries(samples)) {
    const sorted = [...s.samples].sort((a, b) => a - b).map((v) => v.toFixed(0));
    log(`${label} ${id}: ${sorted.join(' ')}`);
  }
}

/** Bundles core's result entry for Node and returns its decoder, or the build error. */
async function loadOurDecoder(root: string, tmp: string): Promise<Decoder> {
  const outfile = join(tmp, 'core-result.node.mjs');
  await build({
    entryPoints: [join(root, 'packages/core/src/result-entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  });
  const mod = (await import(`${pathToFileURL(outfile).href}?t=${Date.now()}`)) as {
    decodeVerifyResponse?: (raw: string) => { ok: boolean; result?: { code: number } };
  };
  const decode = mod.decodeVerifyResponse;
  if (typeof decode !== 'function') throw new Error('core/result has no decodeVerifyResponse');
  return (raw) => {
    const outcome = decode(raw);
    return outcome.ok && outcome.result ? outcome.result.code : -1;
  };
}

/** The one-liner people write. */
const naiveDecoder: Decoder = (raw) =>
  (JSON.parse(decodeURIComponent(raw)) as { code: number }).code;

/** Medians per variant, and each variant's ratios against the baseline variant. */
function compare(
  samples: Record<string, VariantSamples>,
  baselineId: string,
  scriptBytes: Record<string, number>,
  prefix: string,
): TimingFigure[] {
  const base = samples[baselineId];
  return Object.entries(samples).map(([id, s]) => {
    const figure: TimingFigure = {
      id,
      runs: s.samples.length,
      medianMs: round(median(s.samples), 2),
    };
    const bytes = scriptBytes[`${prefix}:${id}`];
    if (bytes !== undefined) figure.scriptBytes = bytes;
    if (s.phases.length === s.samples.length && s.phases.length > 0) {
      figure.phases = {
        beforeScript: round(median(s.phases.map((p) => p.beforeScript)), 2),
        script: round(median(s.phases.map((p) => p.script)), 2),
        afterScript: round(median(s.phases.map((p) => p.afterScript)), 2),
        afterDcl: round(median(s.phases.map((p) => p.afterDcl)), 2),
      };
    }
    if (s.fetches.length === s.samples.length && s.fetches.length > 0) {
      figure.fetch = {
        start: round(median(s.fetches.map((f) => f.start)), 2),
        duration: round(median(s.fetches.map((f) => f.duration)), 2),
        afterLoad: round(median(s.fetches.map((f) => f.afterLoad)), 2),
      };
    }
    if (base && id !== baselineId) {
      figure.ratio = round(ratio(median(s.samples), median(base.samples)), 3);
      figure.pairedRatio = round(pairedRatio(s.samples, base.samples), 3);
    }
    return figure;
  });
}

type Server = Awaited<ReturnType<typeof startBenchServer>>;

/** Interleaved navigations of `variants`; dropped variants become errors, a missing baseline throws. */
async function navigate(
  browser: Browser,
  server: Server,
  variants: readonly Variant[],
  runs: number,
  label: string,
  baselineId: string,
  errors: string[],
): Promise<Record<string, VariantSamples>> {
  const { samples, failures } = await measureNavigations(browser, variants, server.nextMark, {
    runs,
    warmup: 2,
    throttle: THROTTLE,
    ...(beforeRound ? { beforeRound } : {}),
  });
  for (const [id, why] of Object.entries(failures)) errors.push(`${label} ${id}: ${why}`);
  if (!samples[baselineId]) throw new Error(`the ${label} baseline produced no figures`);
  logSamples(label, samples);
  return samples;
}

/** What every browser figure needs: the browser, the server, the built pages, and where errors go. */
interface PageEnv {
  browser: Browser;
  server: Server;
  /** Page keys (`result:core`, …) whose script built. */
  available: readonly string[];
  scriptBytes: Record<string, number>;
  errors: string[];
}

async function resultPageFigures(
  { browser, server, available, scriptBytes, errors }: PageEnv,
  runs: number,
): Promise<NonNullable<BenchResults['resultPage']>> {
  const query = `response=${SEEDS_EXAMPLE}`;
  const variants = (Object.keys(RESULT_VARIANTS) as (keyof typeof RESULT_VARIANTS)[])
    .filter((id) => available.includes(`result:${id}`))
    .map((id) => ({
      id,
      url: (run: string) => `${server.origin}${RESULT_VARIANTS[id]}?bench=${run}&${query}`,
    }));
  const check = await throttleCheck(browser, THROTTLE, `${server.origin}/blank.html`);
  const method =
    `Chromium ${browser.version()} headless, CPU throttled ${THROTTLE}× via CDP Emulation.setCPUThrottlingRate, ` +
    `one tab per variant, variants interleaved, 2 warm-up navigations discarded. Each run navigates to ` +
    `<page>?bench=<run>&${query} on a loopback http server (no-store; page script bundled by esbuild, minified, inlined); ` +
    `the figure is performance.now() inside the page when face-verify-result reaches a window capture ` +
    `listener (ms since navigation start), posted back with sendBeacon so nothing runs in the page meanwhile. Median of ${runs} runs; ratio = our median ÷ baseline median; paired = median of per-round ratios.`;
  const samples = await navigate(
    browser,
    server,
    variants,
    runs,
    'result page',
    'baseline',
    errors,
  );
  for (const [id, s] of Object.entries(samples)) {
    const wrong = s.checks.filter((c) => c !== 1001);
    if (wrong.length > 0)
      throw new Error(`result page ${id} decoded ${String(wrong[0])}, not 1001`);
  }
  const figures = compare(samples, 'baseline', scriptBytes, 'result');
  return {
    method,
    throttle: THROTTLE,
    throttleCheck: {
      unthrottledMs: round(check.unthrottledMs, 2),
      throttledMs: round(check.throttledMs, 2),
      factor: round(check.throttledMs / check.unthrottledMs, 2),
    },
    returnUrlQuery: query,
    target: RESULT_TARGET,
    variants: figures,
  };
}

async function loaderFigures(
  { browser, server, available, scriptBytes, errors }: PageEnv,
  runs: number,
): Promise<NonNullable<BenchResults['loader']>> {
  const variants = (Object.keys(LOADER_VARIANTS) as (keyof typeof LOADER_VARIANTS)[])
    .filter((id) => available.includes(`loader:${id}`))
    .map((id) => ({
      id,
      url: (run: string) => `${server.origin}${LOADER_VARIANTS[id]}?bench=${run}`,
    }));
  server.resetCounts();
  const samples = await navigate(browser, server, variants, runs, 'loader', 'raw', errors);
  const navigations = runs + 2;
  const scriptRequestsPerNavigation: Record<string, number> = {};
  for (const v of variants) {
    scriptRequestsPerNavigation[v.id] = round(
      server.scriptRequests(`/jsvm/${v.id}.js`) / navigations,
      2,
    );
  }
  const metaInfos = new Set(Object.values(samples).flatMap((s) => s.checks));
  for (const m of metaInfos) {
    if (typeof m !== 'string' || !m.startsWith('{"apdidToken"')) {
      throw new Error(`loader page returned ${String(m)} instead of the MetaInfo JSON string`);
    }
  }
  if (metaInfos.size !== 1)
    throw new Error('raw and core loaders returned different MetaInfo strings');
  const figures = compare(samples, 'raw', scriptBytes, 'loader');
  for (const f of figures) if (f.id === 'preload') f.informative = true;

  // 100 concurrent calls in one fresh document: how many times did the script get fetched?
  let concurrent = { calls: CONCURRENT_CALLS, scriptRequests: -1, page: 'not built' };
  if (available.includes('loader:concurrent')) {
    server.resetCounts();
    const { page } = await throttledPage(browser, THROTTLE);
    try {
      const mark = await navigateAndRead(
        page,
        `${server.origin}${CONCURRENT_PAGE}?bench=concurrent`,
        'concurrent',
        server.nextMark,
      );
      concurrent = {
        calls: CONCURRENT_CALLS,
        scriptRequests: server.scriptRequests('/jsvm/concurrent.js'),
        page: String(mark.check),
      };
    } finally {
      await page.context().close();
    }
  }
  return {
    method:
      `Chromium headless, CPU throttled ${THROTTLE}× (CDP), loopback server answering /jsvm/*.js after a fixed ` +
      `${SCRIPT_DELAY_MS} ms (no-store). raw: a <script src> in the page, then an inline classic script calls ` +
      `the global getMetaInfo() and JSON.stringify-s it. core: an inline module (esbuild bundle importing only ` +
      `getMetaInfo) awaits getMetaInfo({ src }). Figure: performance.now() when the MetaInfo string exists, ` +
      `ms since navigation start; median of ${runs} interleaved runs after 2 warm-ups; ratio = core median ÷ raw median; paired = median of per-round ratios. ` +
      `preload (informative, no target): the core page plus <link rel="preload" as="script"> for the same URL in its head, ` +
      `so the fetch starts while the HTML is parsed and getMetaInfo() picks the preloaded script up.`,
    throttle: THROTTLE,
    scriptDelayMs: SCRIPT_DELAY_MS,
    target: LOADER_TARGET,
    variants: figures,
    scriptRequestsPerNavigation,
    concurrent,
  };
}

/** Target verdicts for the summary, the chart and `--check`. */
function targets(results: BenchResults): BenchResults['targets'] {
  const out: BenchResults['targets'] = [];
  for (const row of results.size.rows) {
    if (row.target === undefined) continue;
    const t: BenchResults['targets'][number] = {
      name: `size: ${row.label}`,
      target: row.target,
      unit: 'bytes',
    };
    if (row.gzip !== undefined) {
      t.value = row.gzip;
      t.met = row.gzip <= row.target;
    }
    out.push(t);
  }
  for (const id of ['core', 'element']) {
    const t: BenchResults['targets'][number] = {
      name: `result page: ${id} ÷ baseline`,
      target: RESULT_TARGET,
      unit: '×',
    };
    const f = results.resultPage?.variants.find((v) => v.id === id);
    if (f?.ratio !== undefined) {
      t.value = f.ratio;
      t.met = f.ratio <= RESULT_TARGET;
    }
    out.push(t);
  }
  const loader: BenchResults['targets'][number] = {
    name: 'loader: core ÷ raw',
    target: LOADER_TARGET,
    unit: '×',
  };
  const lf = results.loader?.variants.find((v) => v.id === 'core');
  if (lf?.ratio !== undefined) {
    loader.value = lf.ratio;
    loader.met = lf.ratio <= LOADER_TARGET;
  }
  out.push(loader);
  const conc: BenchResults['targets'][number] = {
    name: `loader: script requests for ${CONCURRENT_CALLS} concurrent calls`,
    target: 1,
    unit: 'requests',
  };
  const n = results.loader?.concurrent.scriptRequests;
  if (n !== undefined && n >= 0) {
    conc.value = n;
    conc.met = n === 1;
  }
  out.push(conc);
  return out;
}

/** Writes results.svg and the README figures from `results`. */
async function writeReports(benchDir: string, results: BenchResults): Promise<void> {
  const report = renderFigures(results);
  writeFileSync(join(benchDir, 'results.svg'), renderChart(report.chart));
  const readmePath = join(benchDir, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  writeFileSync(readmePath, await report.updateReadme(readme, readmePath));
}

/** Runs the bench; resolves to the process exit code. */
export async function runBench(ctx: BenchContext): Promise<number> {
  if (ctx.argv.includes('--render')) {
    // Re-draw the chart and the README figures from the committed results (no measuring).
    const benchDir = join(ctx.root, 'bench');
    const results = JSON.parse(
      readFileSync(join(benchDir, 'results.json'), 'utf8'),
    ) as BenchResults;
    await writeReports(benchDir, results);
    process.stdout.write(`${renderFigures(results).text}\n`);
    log('re-rendered bench/results.svg and the figures in bench/README.md from bench/results.json');
    return 0;
  }
  const started = Date.now();
  const options = parseOptions(ctx.argv);
  verbose = options.verbose;
  const raised = options.nice === 0 ? undefined : raiseOwnPriority(options.nice);
  if (raised && !raised.ok) log(`${raised.note}; figures will be noisier`);
  const priority = raised?.note ?? 'nice 0 (not changed)';
  beforeRound = raised?.ok ? () => void reniceChildren(options.nice) : undefined;
  const benchDir = join(ctx.root, 'bench');
  const tmp = join(benchDir, '.tmp');
  mkdirSync(tmp, { recursive: true });
  const errors: string[] = [];

  const results: BenchResults = {
    schema: 1,
    generatedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      os: `${platform()} ${release()}`,
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      esbuild: esbuildVersion,
      priority,
    },
    size: {
      method:
        'esbuild (bundle, minify, format esm, platform browser, target es2022, deps included) of a one-import ' +
        'entry, then gzip -9; scripts/size.mjs measure(). Ours: the package entry file. Anchors: the import ' +
        "their README leads with (the row's entry). 1 KB = 1024 bytes.",
      rows: [],
    },
    targets: [],
  };

  if (options.only.has('size')) {
    log('size …');
    results.size.rows = await measureSizes(ctx.measure, ctx.root, tmp, ctx.budgets ?? []);
    for (const r of results.size.rows) if (r.error) errors.push(`size ${r.id}: ${r.error}`);
  }

  if (options.only.has('result') || options.only.has('loader')) {
    const built = await buildBenchPages(benchDir);
    for (const [k, e] of Object.entries(built.errors)) errors.push(`page ${k}: ${e}`);
    for (const w of built.warnings) log(`esbuild warning: ${w}`);
    built.pages.set('/blank.html', renderPage({ title: 'blank', body: '<p>blank</p>' }));
    const available = Object.keys(built.scriptBytes);
    const server = await startBenchServer({ pages: built.pages, scriptDelayMs: SCRIPT_DELAY_MS });
    const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
    results.machine['chromium'] = browser.version();
    const env: PageEnv = { browser, server, available, scriptBytes: built.scriptBytes, errors };
    try {
      if (options.only.has('result')) {
        log(
          `result page: ${options.resultRuns} runs × ${Object.keys(RESULT_VARIANTS).length} variants …`,
        );
        try {
          results.resultPage = await resultPageFigures(env, options.resultRuns);
        } catch (error) {
          errors.push(`result page: ${firstLine(error)}`);
        }
      }
      if (options.only.has('loader')) {
        log(
          `loader: ${options.loaderRuns} runs × ${Object.keys(LOADER_VARIANTS).length} variants …`,
        );
        try {
          results.loader = await loaderFigures(env, options.loaderRuns);
        } catch (error) {
          errors.push(`loader: ${firstLine(error)}`);
        }
      }
    } finally {
      await browser.close();
      await server.close();
    }
  }

  if (options.only.has('decode')) {
    log(`decode: ${options.decodeRounds} rounds …`);
    const roundMs = 150;
    const method =
      `Node ${process.version}, one process: each round runs a decoder for ≥ ${roundMs} ms (clock read every ` +
      `200 calls) and counts calls; ours and naive alternate first; 1 warm-up round discarded; median ops/s ` +
      `of ${options.decodeRounds} rounds. ours = decodeVerifyResponse (core/result bundled by esbuild for Node); ` +
      `naive = JSON.parse(decodeURIComponent(v)). ratio = time per op, ours ÷ naive.`;
    try {
      const ours = await loadOurDecoder(ctx.root, tmp);
      results.decode = {
        method,
        rounds: options.decodeRounds,
        roundMs,
        cases: benchDecode(
          ours,
          naiveDecoder,
          [
            { name: "seeds' example", value: SEEDS_EXAMPLE },
            { name: '2 KB payload', value: payloadOfSize(2048) },
          ],
          options.decodeRounds,
          roundMs,
        ).map((f) => ({
          ...f,
          oursOpsPerSec: Math.round(f.oursOpsPerSec),
          naiveOpsPerSec: Math.round(f.naiveOpsPerSec),
          ratio: round(f.ratio, 3),
        })),
      };
    } catch (error) {
      errors.push(`decode: ${firstLine(error)}`);
    }
  }

  results.targets = targets(results);
  results.machine['benchSeconds'] = round((Date.now() - started) / 1000, 1);
  const report = renderFigures(results);
  process.stdout.write(`${report.text}\n`);
  for (const e of errors) process.stderr.write(`bench: NOT MEASURED ${e}\n`);

  // The committed files only ever hold a complete run: a partial or failed one goes to .tmp.
  const full = ['size', 'result', 'loader', 'decode'].every((s) => options.only.has(s));
  if (full && errors.length === 0) {
    writeFileSync(join(benchDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    await writeReports(benchDir, results);
    log('wrote bench/results.json, bench/results.svg and the figures in bench/README.md');
  } else {
    writeFileSync(join(tmp, 'results.partial.json'), `${JSON.stringify(results, null, 2)}\n`);
    log(
      `${full ? 'some figures were not measured' : 'partial run (--only)'}: wrote bench/.tmp/results.partial.json only`,
    );
  }
  log(`done in ${results.machine['benchSeconds']} s`);
  const missed = results.targets.filter((t) => t.met === false);
  if (errors.length > 0) return 1;
  return options.check && missed.length > 0 ? 1 : 0;
}
