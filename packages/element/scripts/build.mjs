#!/usr/bin/env node
// Builds the element package: ESM + .d.ts with tsc (what SPAs import; lit stays a dependency so
// their bundler dedupes it), a one-file minified bundle with lit and core inside (for a plain
// `<script type="module" src>`), and custom-elements.json from the JSDoc. Prints the bundle's
// min+gzip size; `scripts/size.mjs` at the root enforces the budget.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { minifyTemplatesPlugin } from './minify-templates.mjs';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const node = (script, args) =>
  execFileSync(process.execPath, [script, ...args], { cwd: pkg, stdio: 'inherit' });

/** The one-file bundle: everything inlined, minified, for browsers that run ES2020 modules. */
export async function bundle(outfile = join(pkg, 'dist', 'aliyun-face-verify.bundle.js')) {
  await build({
    entryPoints: [join(pkg, 'src', 'aliyun-face-verify.ts')],
    tsconfig: join(pkg, 'tsconfig.build.json'),
    outfile,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    // iOS 14.3 WKWebView (the oldest in-app view that can run the scan) runs ES2020; newer syntax
    // (class static blocks, private methods) is lowered. The element avoids both to stay small.
    target: 'es2020',
    // The bundle ships lit: its BSD-3-Clause notices go to aliyun-face-verify.bundle.js.LEGAL.txt
    // beside it, named by a one-line comment at the bundle's end (inline they cost ≈ 0.2 KB gzip).
    legalComments: 'linked',
    sourcemap: true,
    logLevel: 'warning',
    // esbuild leaves template literals as written: this strips the formatting of lit's templates.
    plugins: [minifyTemplatesPlugin()],
  });
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  rmSync(join(pkg, 'dist'), { recursive: true, force: true });
  node(require.resolve('typescript/bin/tsc'), ['-p', 'tsconfig.build.json']);
  const out = await bundle();
  const code = readFileSync(out);
  const gz = gzipSync(code, { level: 9 }).byteLength;
  console.log(
    `element one-file bundle: ${(code.byteLength / 1024).toFixed(2)} KB min, ${(gz / 1024).toFixed(2)} KB min+gzip`,
  );
  node(
    join(dirname(require.resolve('@custom-elements-manifest/analyzer/package.json')), 'cem.js'),
    ['analyze', '--config', 'custom-elements-manifest.config.mjs'],
  );
}
