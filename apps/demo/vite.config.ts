import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

/** Every page of the demo; `spa/index.html` answers all `/spa/…` routes (see server.mjs). */
const PAGES = [
  'index',
  'plain',
  'hash',
  'identity',
  'wechat',
  'alipay',
  'embed',
  'csp',
  'spa/index',
];

const meta = (attrs: Record<string, string>): HtmlTagDescriptor => ({
  tag: 'meta',
  attrs,
  injectTo: 'head',
});

/**
 * The head every page shares. `afv-allowed-hosts` and `afv-script-src` are filled in per request by
 * server.mjs (the emulator's host and jsvm URL, or nothing in cloud mode).
 */
function sharedHead(): Plugin {
  return {
    name: 'demo-shared-head',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => ({
        html,
        tags: [
          meta({
            name: 'viewport',
            content: 'width=device-width, initial-scale=1, viewport-fit=cover',
          }),
          meta({ name: 'color-scheme', content: 'light' }),
          meta({ name: 'afv-allowed-hosts', content: '__AFV_ALLOWED_HOSTS__' }),
          meta({ name: 'afv-script-src', content: '__AFV_SCRIPT_SRC__' }),
          {
            tag: 'link',
            attrs: { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
            injectTo: 'head',
          },
        ],
      }),
    },
  };
}

export default defineConfig({
  root,
  appType: 'custom',
  plugins: [sharedHead()],
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
