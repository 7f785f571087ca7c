#!/usr/bin/env node
// `npm start`: the whole demo on a fresh clone with only Node. Installs the workspace (frozen
// lockfile), builds the packages, then runs the local emulator and the demo (merchant endpoints +
// Vite) in this one process and prints where to go. Ctrl-C stops everything.
//
//   node scripts/demo.mjs [--prod] [--e2e] [--port N] [--emulator-port N] [--host H]
//                         [--skip-install] [--skip-build]
//
// --prod serves the Vite build instead of the dev server. --e2e is what Playwright's webServer
// runs: --prod without install or package build (the test command did both) and quiet output.
// Real cloud instead of the emulator: set ALIBABA_CLOUD_ACCESS_KEY_ID,
// ALIBABA_CLOUD_ACCESS_KEY_SECRET and FACE_VERIFY_SCENE_ID (see apps/demo/README.md).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM = ['-y', 'pnpm@10.34.9'];
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
function option(name, envNames, fallback) {
  const i = argv.indexOf(name);
  if (i >= 0 && argv[i + 1] !== undefined) return argv[i + 1];
  for (const env of envNames) if (process.env[env]) return process.env[env];
  return fallback;
}
function port(name, envNames, fallback) {
  const value = Number(option(name, envNames, String(fallback)));
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`✖ ${name} must be a port number (0–65535), got ${option(name, envNames, '')}`);
    process.exit(2);
  }
  return value;
}

const e2e = flag('--e2e');
const prod = e2e || flag('--prod');
const host = option('--host', ['DEMO_HOST'], '127.0.0.1');
const demoPort = port('--port', ['DEMO_PORT', 'PORT'], 5173);
const emulatorPort = port('--emulator-port', ['EMULATOR_PORT'], 8787);
const skipInstall = e2e || flag('--skip-install');
const skipBuild = e2e || flag('--skip-build');

/** Child processes still running, so Ctrl-C during install/build stops them too. */
const children = new Set();
let stopping = false;
let demo;

function run(label, cmd, args) {
  const started = Date.now();
  console.log(`▶ ${label}`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
    children.add(child);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (code === 0) {
        console.log(`✔ ${label} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
        resolve(undefined);
      } else reject(new Error(`${label} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

async function stop(exitCode) {
  if (stopping) {
    // Second Ctrl-C: the user wants out now.
    process.exit(exitCode || 130);
  }
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  if (demo) {
    if (!e2e) console.log('\nStopping the demo and the emulator…');
    await demo.close().catch(() => {});
  }
  process.exit(exitCode);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

async function main() {
  if (!skipInstall) {
    await run('install dependencies (pnpm, frozen lockfile)', 'npx', [
      ...PNPM,
      'install',
      '--frozen-lockfile',
    ]);
  }
  if (!skipBuild) await run('build the packages', 'npx', [...PNPM, 'run', 'build']);
  // Imported only now: before install and build neither Vite nor the packages' dist exist.
  const { startDemo, buildDemo, cloudConfigFromEnv } = await import(
    pathToFileURL(join(root, 'apps/demo/server.mjs')).href
  );
  if (prod) {
    const started = Date.now();
    if (!e2e) console.log('▶ build the demo (vite build)');
    await buildDemo({ quiet: e2e });
    console.log(`✔ demo built (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  }
  const cloud = cloudConfigFromEnv();
  demo = await startDemo({
    mode: prod ? 'prod' : 'dev',
    host,
    port: demoPort,
    emulatorPort,
    cloud,
    // e2e runs stay quiet; otherwise the server's and emulator's events (ids and codes only) show.
    ...(e2e ? {} : { log: (line) => console.log(`  ${line}`) }),
  });
  if (stopping) return demo.close();
  if (e2e) console.log(`demo (e2e) ready at ${demo.url}, emulator ${demo.emulator?.url ?? 'off'}`);
  else banner(cloud);
}

/** Pads to a width in terminal columns: Han characters take two. */
function padWide(text, columns) {
  const width = [...text].reduce((n, c) => n + (/[\u2e80-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(1, columns - width));
}

function banner(cloud) {
  const lines = [''];
  lines.push(`  Face Verify demo (${prod ? 'production build' : 'development, hot reload'})`);
  lines.push('');
  lines.push(`  ➜ Open  ${demo.url}`);
  if (cloud) {
    lines.push(`  ➜ Cloud ${cloud.endpoint} (scene ${cloud.sceneId}), script ${cloud.scriptSrc}`);
  } else {
    lines.push(
      `  ➜ Emulator ${demo.emulator.url}  (AccessKeyId LTAI5tEmulatorTestKey01, SceneId 1000000006)`,
    );
    lines.push('');
    lines.push('  Test identities (fictional; use them on the identity form page):');
    for (const id of demo.identities) {
      const answer =
        id.initCode && id.initCode !== '200' ? `  → InitFaceVerify ${id.initCode}` : '';
      lines.push(`    ${padWide(id.certName, 18)} ${id.certNo}${answer}`);
    }
  }
  lines.push('');
  lines.push('  Ctrl-C stops everything.');
  lines.push('');
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof Error && error.code === 'EADDRINUSE') {
    console.error(
      '  A port is taken: pass --port / --emulator-port (or DEMO_PORT / EMULATOR_PORT).',
    );
  }
  void stop(1);
});
