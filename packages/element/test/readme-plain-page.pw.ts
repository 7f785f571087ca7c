import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { startEmulator, type RunningEmulator } from '@aliyun-face-verify/emulator';
import { createFaceVerifyHandlers, createNodeMiddleware } from '@aliyun-face-verify/server';
import { frameworkHandlersConfig } from '../../server/test/frameworks/handlers-config.js';
import { bundle } from '../scripts/build.mjs';

/**
 * The root README's plain page for the emulator, taken literally: the block marked
 * `<!-- readme-page: plain-emulator -->` is served as the whole page, with only the CDN URL
 * pointed at the freshly built bundle and the emulator's port 8787 at the one this test got. A
 * user who pastes it must get through a verification on the first try: start, the emulator's
 * certify page, the return, and the page's own `face-verify-described` listener navigating on.
 */

const README = fileURLToPath(new URL('../../../README.md', import.meta.url));
const CDN = /https:\/\/cdn\.jsdelivr\.net\/npm\/@aliyun-face-verify\/element@[^"]+/;

/** The marked HTML block of the README. */
function readmePage(name: string): string {
  const text = readFileSync(README, 'utf8');
  const block = new RegExp(`<!-- readme-page: ${name} -->\\s*\`\`\`html\\n([^]*?)\`\`\``).exec(
    text,
  );
  if (!block?.[1]) throw new Error(`README has no readme-page block named ${name}`);
  return block[1];
}

let emulator: RunningEmulator;
let server: Server;
let origin = '';
/** The merchant endpoints; created once the page's origin (the allowed ReturnUrl origin) is known. */
let api: ReturnType<typeof createNodeMiddleware>;

test.beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  const code = readFileSync(await bundle(join(tmpdir(), `afv-readme-${process.pid}.js`)));
  const snippet = readmePage('plain-emulator');
  expect(snippet).toMatch(CDN);
  expect(snippet).toContain('127.0.0.1:8787');
  server = createServer((req, res) => {
    if (req.url === '/' || req.url?.startsWith('/?')) {
      const html = snippet
        .replace(CDN, '/aliyun-face-verify.bundle.js')
        .replaceAll('127.0.0.1:8787', emulator.endpoint);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>README</title></head><body>${html}</body></html>`,
      );
      return;
    }
    if (req.url === '/aliyun-face-verify.bundle.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(code);
      return;
    }
    if (req.url === '/account/verified') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>verified</title><h1>verified</h1>');
      return;
    }
    void api(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api = createNodeMiddleware(
    createFaceVerifyHandlers(frameworkHandlersConfig(emulator, { allowedReturnOrigins: [origin] })),
  );
});
test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await emulator.close();
});

test('the README plain page completes a verification against the emulator at the first try', async ({
  page,
  context,
}) => {
  await context.addCookies([{ name: 'user', value: 'alice', url: origin }]);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(origin);
  await page.locator('aliyun-face-verify').locator('button[part~="start"]').click();
  await page.waitForURL(/\/certify\//);
  await page.locator('input[type="checkbox"]').check();
  await page.locator('button[value="agree"]').click();
  await page.locator('button[name="outcome"][value="pass"]').click();
  // Back on the README page: the element asks describe, and the page's listener moves on.
  await page.waitForURL(`${origin}/account/verified`);
  expect(errors).toEqual([]);
});
