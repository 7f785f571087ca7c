#!/usr/bin/env node
// `pnpm bench`: bundles the bench (strict TypeScript in bench/src) for Node with esbuild, then runs
// it. measure() and BUDGETS come from scripts/size.mjs and are handed over, so the bench's size
// figures and the enforced budgets are one and the same measurement.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BUDGETS, measure } from '../scripts/size.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(root, 'bench', '.tmp');
mkdirSync(tmp, { recursive: true });

const outfile = join(tmp, 'main.mjs');
await build({
  entryPoints: [join(root, 'bench', 'src', 'main.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // playwright, esbuild, prettier: resolved from the workspace at run time, never inlined.
  packages: 'external',
  sourcemap: 'inline',
  outfile,
  logLevel: 'warning',
});
const { runBench } = await import(pathToFileURL(outfile).href);
process.exitCode = await runBench({
  root,
  measure,
  budgets: BUDGETS,
  argv: process.argv.slice(2),
});
