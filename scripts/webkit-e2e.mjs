#!/usr/bin/env node
// The whole flow in real WebKit (the engine of iOS Safari and WeChat on iOS): demo → emulator →
// back, once with history routing (`/spa/` → `/spa/result?response=…`, encoded once) and once with
// hash routing (`/hash.html` → `#/result?response=…`, encoded twice). Each flow must end on the
// authoritative "Verified" view with `response` gone from the address bar and exactly one
// `face-verify-result` event. Then iframe mode (`/embed.html`): the certify page in a frame of the
// page, which must end "Verified" without the page navigating or losing its state. Needs the
// packages built (the test command builds them first).
// Usage: `node scripts/webkit-e2e.mjs`.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { haveCommand } from './engine-suite.mjs';
import {
  findMiniBrowser,
  findWebKitWebDriver,
  freePort,
  openWebKit,
  stopChild,
} from './webkit-session.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (!findWebKitWebDriver() || !findMiniBrowser() || !haveCommand('Xvfb')) {
  if (!haveCommand('apt-get')) {
    console.log(
      "SKIPPED: WebKit end-to-end flow needs Debian's webkit2gtk-driver + xvfb; this OS cannot provide them (no apt-get).",
    );
    process.exit(0);
  }
  console.error('✖ WebKit is not installed: run `node scripts/webkit.mjs` first (it installs it).');
  process.exit(1);
}

const demoPort = await freePort();
const emulatorPort = await freePort();
const base = `http://127.0.0.1:${demoPort}`;
const demo = spawn(
  process.execPath,
  [
    'scripts/demo.mjs',
    '--e2e',
    '--port',
    String(demoPort),
    '--emulator-port',
    String(emulatorPort),
  ],
  { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
);
let demoLog = '';
demo.stdout.on('data', (d) => (demoLog += d));
demo.stderr.on('data', (d) => (demoLog += d));

/** Polls the demo's health endpoint until it answers (the demo builds its pages first). */
async function waitForDemo(timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (demo.exitCode !== null) throw new Error(`the demo exited early:\n${demoLog}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the demo did not answer on ${base}/healthz:\n${demoLog}`);
}

/**
 * Text of the element's shadow root, and how many `face-verify-result` events the demo's event log
 * has recorded in this tab (it keeps every event in sessionStorage from the first script on).
 */
const readVerifier = (browser) =>
  browser.execute(() => {
    const el = document.querySelector('aliyun-face-verify');
    let results = -1;
    try {
      const log = JSON.parse(sessionStorage.getItem('afv-demo:events') ?? '[]');
      results = log.filter((entry) => entry.type === 'face-verify-result').length;
    } catch {
      // leave -1: an unreadable log fails the check below
    }
    return { text: el?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '', results };
  });

/**
 * iframe mode on `/embed.html`: start, pick `outcome` on the emulator's page inside the element's
 * frame (clicked from script: WebKit's driver does not reach into a tall frame), and end on the
 * server's verdict (`expected`) at the same address with the page's counter untouched.
 */
async function embedFlow(browser, outcome, expected) {
  await browser.url(`${base}/embed.html?lang=en`);
  const address = await browser.getUrl();
  for (let i = 0; i < 2; i++) await (await browser.$('[data-testid="page-count"]')).click();
  const verifier = await browser.$('aliyun-face-verify');
  const start = await verifier.shadow$('button[part~="start"]');
  await start.waitForClickable({ timeout: 15_000 });
  await start.click();
  const frame = await verifier.shadow$('iframe[part="frame"]');
  await frame.waitForExist({ timeout: 20_000 });
  await browser.switchToFrame(frame);
  const inFrame = (selector) =>
    browser.waitUntil(
      () =>
        browser.execute((s) => {
          const target = document.querySelector(s);
          target?.click();
          return !!target;
        }, selector),
      { timeout: 20_000, timeoutMsg: `no ${selector} in the frame` },
    );
  await inFrame('input[type="checkbox"]');
  await inFrame('button[value="agree"]');
  await inFrame(`button[name="outcome"][value="${outcome}"]`);
  await browser.switchToParentFrame();
  await browser.waitUntil(async () => expected.test((await readVerifier(browser)).text), {
    timeout: 20_000,
    timeoutMsg: `the element never showed ${expected} after the framed page posted its result`,
  });
  if ((await browser.getUrl()) !== address) throw new Error('the page navigated');
  const count = await (await browser.$('[data-testid="page-count"]')).getText();
  if (count.trim() !== '2') throw new Error(`the page lost its state (counter ${count})`);
}

/** iframe mode's outcomes and the server's verdict each must end on. */
const EMBED_FLOWS = [
  ['pass', /(?<!Not )Verified/, 'Verified'],
  ['face-mismatch', /Not verified/, 'Not verified'],
];

const flows = [
  { name: 'history routing', start: '/spa/?lang=en', back: /\/spa\/result(?![^#]*response=)/ },
  { name: 'hash routing', start: '/hash.html?lang=en', back: /#\/result(?!.*response=)/ },
];

let passed = 0;
let failed = 0;
let session;
const started = Date.now();
try {
  await waitForDemo();
  session = await openWebKit();
  const { browser } = session;
  for (const flow of flows) {
    try {
      await browser.url(`${base}${flow.start}`);
      // The log spans the tab's whole session; count only what this flow adds.
      const baseline = (await readVerifier(browser)).results;
      const verifier = await browser.$('aliyun-face-verify');
      const start = await verifier.shadow$('button[part~="start"]');
      await start.waitForClickable({ timeout: 15_000 });
      await start.click();
      await browser.waitUntil(async () => /\/certify\//.test(await browser.getUrl()), {
        timeout: 20_000,
        timeoutMsg: 'never reached the emulator certify page',
      });
      await (await browser.$('input[type="checkbox"]')).click();
      await (await browser.$('button[value="agree"]')).click();
      await (await browser.$('button[name="outcome"][value="pass"]')).click();
      // The return page: the element consumes `response`, strips it, then asks the server.
      await browser.waitUntil(async () => flow.back.test(await browser.getUrl()), {
        timeout: 20_000,
        timeoutMsg: `never came back to a stripped ${flow.name} return URL`,
      });
      await browser.waitUntil(async () => (await readVerifier(browser)).text.includes('Verified'), {
        timeout: 20_000,
        timeoutMsg: 'the result view never showed "Verified"',
      });
      const url = await browser.getUrl();
      if (url.includes('response=')) throw new Error(`response still in the address bar: ${url}`);
      const before = await readVerifier(browser);
      if (baseline < 0 || before.results !== baseline + 1) {
        throw new Error(`expected 1 face-verify-result, saw ${before.results - baseline}`);
      }
      // A reload must not re-fire: the parameter is gone and the pending record consumed. The
      // element then offers a new start instead of a result.
      await browser.refresh();
      const again = await (await browser.$('aliyun-face-verify')).shadow$('button[part~="start"]');
      await again.waitForDisplayed({ timeout: 15_000 });
      await new Promise((r) => setTimeout(r, 500));
      const after = await readVerifier(browser);
      if (after.results !== baseline + 1)
        throw new Error('face-verify-result fired again on reload');
      console.log(`✔ WebKit ${flow.name}: Verified, response stripped, no re-fire on reload`);
      passed += 1;
    } catch (error) {
      failed += 1;
      console.error(`✖ WebKit ${flow.name}: ${error instanceof Error ? error.message : error}`);
      console.error(`  at ${await browser.getUrl().catch(() => '?')}`);
      console.error(
        `  element: ${(await readVerifier(browser).catch(() => ({ text: '?' }))).text}`,
      );
    }
  }
  for (const [outcome, expected, label] of EMBED_FLOWS) {
    try {
      await embedFlow(browser, outcome, expected);
      console.log(
        `✔ WebKit iframe mode (${outcome}): ${label} in the frame, no navigation, page state kept`,
      );
      passed += 1;
    } catch (error) {
      failed += 1;
      console.error(
        `✖ WebKit iframe mode (${outcome}): ${error instanceof Error ? error.message : error}`,
      );
      console.error(
        `  element: ${(await readVerifier(browser).catch(() => ({ text: '?' }))).text}`,
      );
    }
  }
} catch (error) {
  failed += 1;
  console.error(
    `✖ WebKit end-to-end could not run: ${error instanceof Error ? error.stack : error}`,
  );
} finally {
  await session?.close().catch(() => undefined);
  await stopChild(demo).catch(() => undefined);
}
console.log(`webkit-e2e: ${passed} passed, ${failed} failed`);
mkdirSync(join(root, 'test-results'), { recursive: true });
writeFileSync(join(root, 'test-results', 'webkit-e2e.json'), JSON.stringify({ passed, failed }));
console.log(`WebKit end-to-end took ${((Date.now() - started) / 1000).toFixed(1)}s`);
process.exit(failed > 0 || passed !== flows.length + EMBED_FLOWS.length ? 1 : 0);
