import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import { jsvmStandIn } from './script-server-plugin.js';

/**
 * The loader under a strict CSP, in real Chromium: a nonce-only `script-src` and Trusted Types
 * enforced with `require-trusted-types-for 'script'`. A tiny loopback server serves the page (with
 * the CSP as a response header, the only way `require-trusted-types-for` is honoured everywhere),
 * the loader bundled by esbuild at test time, and a jsvm stand-in.
 */

const NONCE = randomBytes(16).toString('base64');
const BASE = "object-src 'none'; base-uri 'none'";
const CSP = {
  nonce: `script-src 'nonce-${NONCE}'; ${BASE}`,
  tt: `script-src 'nonce-${NONCE}'; require-trusted-types-for 'script'; trusted-types aliyun-face-verify; ${BASE}`,
  // No 'allow-duplicates': a second policy named aliyun-face-verify cannot be created.
  ttDefault: `script-src 'nonce-${NONCE}'; require-trusted-types-for 'script'; trusted-types aliyun-face-verify default; ${BASE}`,
} as const;

let server: Server;
let origin = '';
let loaderBundle = '';
const requests: string[] = [];

/** Records CSP violations and unhandled rejections before anything else runs on the page. */
const PROBES = `<script nonce="${NONCE}">
  window.__violations = [];
  window.__unhandled = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI });
  });
  window.addEventListener('unhandledrejection', (e) => window.__unhandled.push(String(e.reason)));
</script>`;

/** A page with the given CSP; `head` goes after the probes and the loader bundle. */
function page(head = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>loader CSP</title>
${PROBES}
<script nonce="${NONCE}" src="/loader.js"></script>
${head}
</head><body><p>loader under CSP</p></body></html>`;
}

/** Inline page script (nonced) that runs a loader call and stores the outcome in `window.__result`. */
const run = (call: string): string => `<script nonce="${NONCE}">
  ${call}.then(
    (value) => { window.__result = { ok: true, value: value ?? null }; },
    (e) => { window.__result = { ok: false, code: e.code, message: e.message, cause: String(e.cause) }; },
  );
</script>`;

const PAGES: Record<string, { csp: string; body: string }> = {
  // Trusted Types + nonce, nonce auto-detected from the page's own script tags.
  '/tt': { csp: CSP.tt, body: page(run(`afv.getMetaInfo({ src: '/jsvm_all.js' })`)) },
  // Nonce-only CSP, nonce passed explicitly.
  '/nonce': {
    csp: CSP.nonce,
    body: page(run(`afv.getMetaInfo({ src: '/jsvm_all.js', nonce: '${NONCE}' })`)),
  },
  // Another copy of the loader already owns the policy name; the page's default policy vets the URL.
  '/tt-taken-default': {
    csp: CSP.ttDefault,
    body: page(`<script nonce="${NONCE}">
  trustedTypes.createPolicy('aliyun-face-verify', { createScriptURL: (u) => u });
  trustedTypes.createPolicy('default', {
    createScriptURL: (u) => {
      if (new URL(u, location.href).pathname === '/jsvm_all.js') return u;
      throw new TypeError('default policy refuses ' + u);
    },
  });
</script>
${run(`afv.getMetaInfo({ src: '/jsvm_all.js' })`)}`),
  },
  // The policy name is taken and there is no default policy: a clear, typed failure.
  '/tt-taken': {
    csp: CSP.tt,
    body: page(`<script nonce="${NONCE}">
  trustedTypes.createPolicy('aliyun-face-verify', { createScriptURL: (u) => u });
</script>
${run(`afv.getMetaInfo({ src: '/jsvm_all.js' })`)}`),
  },
  // A parser-inserted async tag for the same URL is still loading when the loader is called.
  '/adopt': {
    csp: CSP.tt,
    body: page(`<script async nonce="${NONCE}" src="/jsvm_all.js?slow=400"></script>
${run(`afv.getMetaInfo({ src: '/jsvm_all.js?slow=400' })`)}`),
  },
};

test.beforeAll(async () => {
  const entry = fileURLToPath(new URL('../src/loader.ts', import.meta.url));
  const out = await build({
    stdin: {
      contents: `import { getMetaInfo, loadJsvm } from ${JSON.stringify(entry)};
window.afv = { getMetaInfo, loadJsvm };`,
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
  });
  loaderBundle = out.outputFiles[0]?.text ?? '';
  expect(loaderBundle).toContain('aliyun-face-verify');

  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, headers: Record<string, string>, body = ''): void => {
      res.writeHead(status, { 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    const pageDef = PAGES[url.pathname];
    if (url.pathname === '/loader.js') {
      send(200, { 'content-type': 'text/javascript' }, loaderBundle);
    } else if (url.pathname === '/jsvm_all.js') {
      requests.push(req.url ?? '');
      const slow = Number(url.searchParams.get('slow') ?? 0);
      setTimeout(() => send(200, { 'content-type': 'text/javascript' }, jsvmStandIn()), slow);
    } else if (pageDef) {
      send(
        200,
        { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': pageDef.csp },
        pageDef.body,
      );
    } else {
      send(404, {});
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

interface Outcome {
  ok: boolean;
  value?: string | null;
  code?: string;
  message?: string;
  cause?: string;
}

async function open(p: Page, path: string): Promise<Outcome> {
  requests.length = 0;
  await p.goto(`${origin}${path}`);
  await p.waitForFunction(() => 'window' in globalThis && '__result' in window);
  return p.evaluate(() => (window as unknown as { __result: Outcome }).__result);
}

const violations = (p: Page): Promise<{ directive: string; blocked: string }[]> =>
  p.evaluate(
    () =>
      (window as unknown as { __violations: { directive: string; blocked: string }[] })
        .__violations,
  );
const unhandled = (p: Page): Promise<string[]> =>
  p.evaluate(() => (window as unknown as { __unhandled: string[] }).__unhandled);
const jsvmTags = (p: Page): Promise<{ nonce: string; attr: string | null }[]> =>
  p.evaluate(() =>
    [...document.scripts]
      .filter((s) => s.src.includes('/jsvm_all.js'))
      .map((s) => ({ nonce: s.nonce ?? '', attr: s.getAttribute('data-aliyun-face-verify') })),
  );

test.describe('loader under a strict CSP', () => {
  test("Trusted Types enforced: loads through the named policy with the page's nonce, no violations", async ({
    page: p,
  }) => {
    const outcome = await open(p, '/tt');
    expect(outcome).toMatchObject({ ok: true });
    expect(JSON.parse(outcome.value ?? '')).toMatchObject({ zimVer: '3.0.0', apdidToken: '' });
    expect(await violations(p)).toEqual([]);
    expect(await unhandled(p)).toEqual([]);
    // The nonce was auto-detected (the page never passed it) and the script was fetched once.
    expect(await jsvmTags(p)).toEqual([{ nonce: NONCE, attr: 'loaded' }]);
    expect(requests).toHaveLength(1);
  });

  test('negative control: the same page blocks a raw string script URL and an unlisted policy', async ({
    page: p,
  }) => {
    await open(p, '/tt');
    const attempts = await p.evaluate(() => {
      const results: string[] = [];
      try {
        const s = document.createElement('script');
        s.src = '/jsvm_all.js?raw';
        document.head.append(s);
        results.push('raw string accepted');
      } catch (e) {
        results.push((e as Error).name);
      }
      try {
        (
          window as unknown as { trustedTypes: { createPolicy(n: string, r: object): unknown } }
        ).trustedTypes.createPolicy('evil', {});
        results.push('unlisted policy created');
      } catch (e) {
        results.push((e as Error).name);
      }
      return results;
    });
    expect(attempts).toEqual(['TypeError', 'TypeError']);
    const directives = (await violations(p)).map((v) => v.directive);
    expect(directives).toContain('require-trusted-types-for');
    expect(directives).toContain('trusted-types');
    expect(requests).toHaveLength(1);
  });

  test('nonce-only CSP: an explicit nonce loads the script without violations', async ({
    page: p,
  }) => {
    const outcome = await open(p, '/nonce');
    expect(outcome).toMatchObject({ ok: true });
    expect(await violations(p)).toEqual([]);
    expect(await jsvmTags(p)).toEqual([{ nonce: NONCE, attr: 'loaded' }]);
  });

  test('negative control: a wrong nonce is blocked by CSP and reported as script-load-failed', async ({
    page: p,
  }) => {
    await open(p, '/nonce');
    const failure = await p.evaluate(async () => {
      const afv = (
        window as unknown as {
          afv: { loadJsvm(o: object): Promise<void> };
        }
      ).afv;
      delete (window as { getMetaInfo?: unknown }).getMetaInfo;
      return afv.loadJsvm({ src: '/jsvm_all.js?wrong', nonce: 'wrong', retries: 0 }).then(
        () => 'loaded',
        (e: { code: string }) => e.code,
      );
    });
    expect(failure).toBe('script-load-failed');
    expect(await violations(p)).toContainEqual({
      directive: 'script-src-elem',
      blocked: `${origin}/jsvm_all.js?wrong`,
    });
    // The blocked tag was removed, so a later call can start afresh.
    expect((await jsvmTags(p)).map((t) => t.attr)).toEqual(['loaded']);
  });

  test("policy name already taken: falls back to the page's default policy", async ({
    page: p,
  }) => {
    const outcome = await open(p, '/tt-taken-default');
    expect(outcome).toMatchObject({ ok: true });
    // Trying the taken name is itself reported; the script URL and the script were not blocked.
    expect(await violations(p)).toEqual([
      { directive: 'trusted-types', blocked: 'trusted-types-policy' },
    ]);
    expect(requests).toHaveLength(1);
  });

  test('policy name taken and no default policy: a typed failure, nothing injected, nothing unhandled', async ({
    page: p,
  }) => {
    const outcome = await open(p, '/tt-taken');
    expect(outcome).toMatchObject({ ok: false, code: 'script-load-failed' });
    expect(outcome.message).toMatch(/Trusted Types/);
    expect(outcome.cause).toMatch(/TypeError/);
    expect(await jsvmTags(p)).toEqual([]);
    expect(await unhandled(p)).toEqual([]);
    expect(requests).toHaveLength(0);
  });

  test('a parser-inserted tag still loading is adopted, not duplicated', async ({ page: p }) => {
    const outcome = await open(p, '/adopt');
    expect(outcome).toMatchObject({ ok: true });
    expect(requests).toHaveLength(1);
    expect(await jsvmTags(p)).toHaveLength(1);
    expect(await violations(p)).toEqual([]);
  });
});
