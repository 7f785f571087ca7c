import { fileURLToPath } from 'node:url';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumLaunchOptions } from './scripts/browsers.js';
import { elementTestFixtures } from './packages/element/test/vite-plugin.js';
import { jsvmScriptServer } from './packages/core/test/script-server-plugin.js';

const src = (pkg: string, file = 'index.ts'): string =>
  fileURLToPath(new URL(`./packages/${pkg}/src/${file}`, import.meta.url));

/** Workspace packages resolve to their sources in tests, so no build is needed first. */
const alias = [
  { find: /^@aliyun-face-verify\/core\/zod$/, replacement: src('core', 'zod.ts') },
  { find: /^@aliyun-face-verify\/core\/result$/, replacement: src('core', 'result-entry.ts') },
  { find: /^@aliyun-face-verify\/core\/tables$/, replacement: src('core', 'tables.ts') },
  { find: /^@aliyun-face-verify\/core\/identity$/, replacement: src('core', 'identity.ts') },
  { find: /^@aliyun-face-verify\/core$/, replacement: src('core') },
  { find: /^@aliyun-face-verify\/element$/, replacement: src('element') },
  {
    find: /^@aliyun-face-verify\/element\/aliyun-face-verify\.js$/,
    replacement: src('element', 'aliyun-face-verify.ts'),
  },
  { find: /^@aliyun-face-verify\/server$/, replacement: src('server') },
  { find: /^@aliyun-face-verify\/emulator$/, replacement: src('emulator') },
];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'bench/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          exclude: ['**/*.browser.test.ts', '**/node_modules/**', '**/dist/**'],
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        // The element's fixtures: msw's service worker at the root scope and a jsvm stand-in.
        // core's loader tests: a script server with controllable failures (packages/core/test).
        plugins: [elementTestFixtures(), jsvmScriptServer()],
        // Pre-bundled up front: a dependency discovered mid-run makes Vite reload the test page.
        optimizeDeps: {
          include: ['axe-core', 'msw', 'msw/browser', 'lit', 'react', 'react-dom/client', 'vue'],
        },
        test: {
          name: 'browser',
          include: ['packages/*/src/**/*.browser.test.ts', 'packages/*/test/**/*.browser.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**'],
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions() }),
            instances: [{ browser: 'chromium' }],
            screenshotFailures: false,
          },
        },
      },
    ],
  },
});
