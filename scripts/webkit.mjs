#!/usr/bin/env node
// Runs the browser-mode suites in real WebKit (vitest.webkit.config.ts). Installs Debian's
// webkit2gtk-driver and xvfb when they are missing; on an OS without apt it says loudly that the
// suite was skipped and why, and exits 0. Any other problem, and any failing test, exits non-zero.
// Usage: `node scripts/webkit.mjs [vitest filters/flags...]`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  WEBKIT_DEBIAN_PACKAGES,
  findMiniBrowser,
  findWebKitWebDriver,
  webkitPackageVersion,
} from './webkit-session.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const report = join('test-results', 'vitest-webkit.json');

function haveCommand(name) {
  return spawnSync('sh', ['-c', `command -v "$0"`, name], { stdio: 'ignore' }).status === 0;
}

const ready = () => Boolean(findWebKitWebDriver() && findMiniBrowser() && haveCommand('Xvfb'));

if (!ready()) {
  if (!haveCommand('apt-get') || !haveCommand('dpkg')) {
    console.log(
      "SKIPPED: WebKit suite needs Debian's webkit2gtk-driver; this OS cannot provide it " +
        `(no apt-get). Install ${WEBKIT_DEBIAN_PACKAGES.join(' ')} on Debian/Ubuntu to run it.`,
    );
    process.exit(0);
  }
  const asRoot = process.getuid?.() === 0;
  if (!asRoot && !haveCommand('sudo')) {
    console.error(
      `✖ WebKit suite: ${WEBKIT_DEBIAN_PACKAGES.join(' ')} missing and neither root nor sudo is ` +
        `available to install them. Run: apt-get install -y ${WEBKIT_DEBIAN_PACKAGES.join(' ')}`,
    );
    process.exit(1);
  }
  const apt = (...args) =>
    spawnSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['apt-get', ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  console.log(`▶ installing ${WEBKIT_DEBIAN_PACKAGES.join(' ')} from Debian (WebKit suite)`);
  if (!apt('update', '-qq') || !apt('install', '-y', '-qq', ...WEBKIT_DEBIAN_PACKAGES)) {
    console.error('✖ WebKit suite: apt-get could not install the packages (see above)');
    process.exit(1);
  }
  if (!ready()) {
    console.error(
      `✖ WebKit suite: after installing, still missing: ${[
        findWebKitWebDriver() ? '' : 'WebKitWebDriver',
        findMiniBrowser() ? '' : 'MiniBrowser (libwebkit2gtk)',
        haveCommand('Xvfb') ? '' : 'Xvfb',
      ]
        .filter(Boolean)
        .join(', ')}`,
    );
    process.exit(1);
  }
}

mkdirSync(join(root, 'test-results'), { recursive: true });
// A report left by an earlier run must not pass for this one if vitest dies before writing.
rmSync(join(root, report), { force: true });
console.log(
  `▶ WebKit suite: WebKitGTK ${webkitPackageVersion() ?? '(version unknown)'}, ` +
    `${findWebKitWebDriver()}, ${findMiniBrowser()}`,
);
const started = Date.now();
const vitest = join(root, 'node_modules', '.bin', 'vitest');
const r = spawnSync(
  vitest,
  [
    'run',
    '--config',
    'vitest.webkit.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } },
);
const secs = ((Date.now() - started) / 1000).toFixed(1);

const reportPath = join(root, report);
if (existsSync(reportPath)) {
  const j = JSON.parse(readFileSync(reportPath, 'utf8'));
  console.log(
    `webkit: ${j.numPassedTests} passed, ${j.numFailedTests} failed, ` +
      `${j.numPendingTests + j.numTodoTests} skipped in ${secs}s`,
  );
}
if (r.status !== 0) {
  console.error(`✖ WebKit suite failed (exit ${r.status ?? r.signal}) after ${secs}s`);
  process.exit(r.status || 1);
}
