import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

/** Every page of the demo; `spa/index.html` answers all `/spa/…` routes (see server.mjs). */
const PAGES = ['index', 'plain', 'hash', 'identity', 'wechat', 'csp', 'spa/index'];

export default defineConfig({
  root,
  appType: 'custom',
  // server.mjs swaps this placeholder for a fresh nonce on every response; Vite stamps it on
  // every script and style tag it emits, in development and in the build.
  html: { cspNonce: '__AFV_NONCE__' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // iOS 14.3 is the oldest WebView the flow supports in-app.
    target: ['es2020', 'safari14'],
    rolldownOptions: {
      input: Object.fromEntries(PAGES.map((page) => [page, join(root, `${page}.html`)])),
    },
  },
});
