// Shared by scripts/webkit.mjs and scripts/firefox.mjs: make sure an engine's Debian packages are
// there (installing them when missing), then run the browser suites in it through its vitest config.
// Only an OS without apt skips, and says so; every other problem, and any failing test, fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** True when `name` is a command on PATH. */
export function haveCommand(name) {
  return spawnSync('sh', ['-c', 'command -v "$0"', name], { stdio: 'ignore' }).status === 0;
}

/** True where Debian packages can be installed: apt-get, as root or through sudo. */
export function canInstallDebian() {
  return haveCommand('apt-get') && (process.getuid?.() === 0 || haveCommand('sudo'));
}

/** `apt-get update` then `apt-get install` of `packages` (as root or via sudo); true on success. */
export function aptInstall(packages, reason) {
  const asRoot = process.getuid?.() === 0;
  const apt = (...args) =>
    spawnSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['apt-get', ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  console.log(`▶ installing ${packages.join(' ')} from Debian (${reason})`);
  return apt('update', '-qq') && apt('install', '-y', '-qq', ...packages);
}

/** Version of an installed Debian package, if dpkg knows it. */
export function debianVersion(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout ? r.stdout.trim() : undefined;
}

/**
 * Runs one engine's suite and exits the process with its outcome.
 * - `label`: for messages (`WebKit`); `name`: short name for the report file (`webkit`).
 * - `packages`: Debian packages that provide the engine; `missing()`: what is still absent ([] = ready).
 * - `config`: the vitest config file; `describe()`: one line naming binaries and versions.
 * The whole run is capped at `ENGINE_SUITE_TIMEOUT_MS` (default 10 minutes).
 */
export function runEngineSuite({ label, name, packages, missing, config, describe }) {
  const timeoutMs = Number(process.env.ENGINE_SUITE_TIMEOUT_MS) || 10 * 60_000;
  if (missing().length > 0) {
    if (!haveCommand('apt-get') || !haveCommand('dpkg')) {
      console.log(
        `SKIPPED: ${label} suite needs Debian's ${packages.join(' + ')}; this OS cannot provide ` +
          `it (no apt-get). Install them on Debian/Ubuntu to run it.`,
      );
      process.exit(0);
    }
    if (!canInstallDebian()) {
      console.error(
        `✖ ${label} suite: ${missing().join(', ')} missing and neither root nor sudo is available ` +
          `to install them. Run: apt-get install -y ${packages.join(' ')}`,
      );
      process.exit(1);
    }
    if (!aptInstall(packages, `${label} suite`)) {
      console.error(`✖ ${label} suite: apt-get could not install the packages (see above)`);
      process.exit(1);
    }
    if (missing().length > 0) {
      console.error(`✖ ${label} suite: after installing, still missing: ${missing().join(', ')}`);
      process.exit(1);
    }
  }

  const report = join('test-results', `vitest-${name}.json`);
  mkdirSync(join(root, 'test-results'), { recursive: true });
  // A report left by an earlier run must not pass for this one if vitest dies before writing.
  rmSync(join(root, report), { force: true });
  console.log(`▶ ${label} suite: ${describe()}`);
  const started = Date.now();
  const r = spawnSync(
    join(root, 'node_modules', '.bin', 'vitest'),
    [
      'run',
      '--config',
      config,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...process.argv.slice(2),
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, FORCE_COLOR: '0' },
      // A browser whose in-page runner dies leaves vitest waiting forever; never hang CI.
      timeout: timeoutMs,
      killSignal: 'SIGTERM',
    },
  );
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.error?.code === 'ETIMEDOUT') {
    console.error(
      `✖ ${label} suite timed out after ${secs}s: a test file probably stopped the browser's ` +
        'in-page runner (run the files one by one to find it).',
    );
    process.exit(1);
  }
  if (existsSync(join(root, report))) {
    const j = JSON.parse(readFileSync(join(root, report), 'utf8'));
    // Kept to the plain `name: N passed, N failed, N skipped` shape that CI logs are read for.
    console.log(
      `${name}: ${j.numPassedTests} passed, ${j.numFailedTests} failed, ` +
        `${j.numPendingTests + j.numTodoTests} skipped`,
    );
    console.log(`${label} suite took ${secs}s`);
  }
  if (r.status !== 0) {
    console.error(`✖ ${label} suite failed (exit ${r.status ?? r.signal}) after ${secs}s`);
    process.exit(r.status || 1);
  }
  process.exit(0);
}
