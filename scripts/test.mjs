#!/usr/bin/env node
// The one test command: installs what a fresh machine lacks, then runs every check in order and
// stops at the first failure. Usage: `npm test` (or `node scripts/test.mjs --skip-install`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aptInstall, canInstallDebian, haveCommand } from './engine-suite.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM = ['npx', '-y', 'pnpm@10.34.9'];
const args = new Set(process.argv.slice(2));
const bin = join(root, 'node_modules', '.bin');
const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, FORCE_COLOR: '0' };

function run(label, cmd, cmdArgs, extraEnv = {}) {
  const started = Date.now();
  console.log(`\n▶ ${label}: ${[cmd, ...cmdArgs].join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✖ ${label} failed (exit ${r.status ?? r.signal}) after ${secs}s`);
    process.exit(r.status || 1);
  }
  console.log(`✔ ${label} (${secs}s)`);
}

/** Installs Debian packages when a binary is missing; false where the OS cannot provide it. */
function ensureDebian(binary, packages) {
  if (haveCommand(binary)) return true;
  if (!canInstallDebian()) return false;
  return aptInstall(packages, `${binary} is missing`) && haveCommand(binary);
}

if (!args.has('--skip-install')) {
  run('install dependencies', PNPM[0], [...PNPM.slice(1), 'install', '--frozen-lockfile']);
  if (!process.env.CHROMIUM_PATH && !ensureDebian('chromium', ['chromium'])) {
    console.warn(
      '! Debian chromium unavailable here: Playwright will use its own browser if installed.',
    );
  }
}

mkdirSync(join(root, 'test-results'), { recursive: true });
run('typecheck', 'tsc', ['-p', 'tsconfig.json', '--noEmit']);
run('lint', 'eslint', ['.', '--max-warnings=0']);
run('import cycles', 'node', ['scripts/import-cycles.mjs']);
run('format check', 'prettier', ['--check', '.', '--log-level', 'warn']);
run('unit tests (node + browser)', 'vitest', [
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
]);
run('browser suites in WebKit', 'node', ['scripts/webkit.mjs']);
run('browser suites in Firefox', 'node', ['scripts/firefox.mjs']);
run('build', PNPM[0], [...PNPM.slice(1), 'run', 'build']);
run('size budgets', 'node', ['scripts/size.mjs']);
run('README snippets, typing entries, npx lines, SSR import (built packages)', 'node', [
  'scripts/consumer-check.mjs',
]);
run('packed packages: publint --strict, attw, contents', 'node', ['scripts/pack-check.mjs']);
run('browser flows (Playwright)', 'playwright', ['test'], { CI: '1' });
run('end-to-end flow in WebKit', 'node', ['scripts/webkit-e2e.mjs']);

/** One closing line with the totals of every runner, so a reader sees at once what ran. */
function counts(file, pick) {
  const p = join(root, 'test-results', file);
  return existsSync(p)
    ? pick(JSON.parse(readFileSync(p, 'utf8')))
    : { passed: 0, failed: 0, skipped: 0 };
}
const vitestCounts = (j) => ({
  passed: j.numPassedTests,
  failed: j.numFailedTests,
  skipped: j.numPendingTests + j.numTodoTests,
});
const totals = [
  ['vitest (node + Chromium)', counts('vitest.json', vitestCounts)],
  ['vitest (WebKit)', counts('vitest-webkit.json', vitestCounts)],
  ['vitest (Firefox)', counts('vitest-firefox.json', vitestCounts)],
  [
    'WebKit end-to-end',
    counts('webkit-e2e.json', (j) => ({ passed: j.passed, failed: j.failed, skipped: 0 })),
  ],
  [
    'playwright',
    counts('playwright.json', (j) => ({
      passed: j.stats.expected,
      failed: j.stats.unexpected + j.stats.flaky,
      skipped: j.stats.skipped,
    })),
  ],
];
let passed = 0;
let failed = 0;
for (const [name, c] of totals) {
  console.log(`${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
  passed += c.passed;
  failed += c.failed;
}
console.log(`\nall: ${passed} passed, ${failed} failed`);
