// The demo's backend, one Node process: the merchant endpoints from @aliyun-face-verify/server at
// /api/face-verify, the pages (Vite in middleware mode for development, the Vite build otherwise)
// with security headers and a per-request CSP nonce, and the local emulator unless real
// credentials are configured. Plain ESM JavaScript so Node 20 runs it without a TS loader.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const distDir = join(here, 'dist');

/** Where the cloud is when real credentials are set. */
export const CLOUD_ENDPOINT = 'cloudauth.aliyuncs.com';
/** The seeds' jsvm_all.js, used in cloud mode (the element's default too). */
export const CLOUD_JSVM_SRC =
  'https://cn-shanghai-aliyun-cloudauth.oss-cn-shanghai.aliyuncs.com/web_sdk_js/jsvm_all.js';
/** Hosts real jsvm_all.js may be served from (seeds' OSS bucket, newer official CDN). */
const CLOUD_SCRIPT_HOSTS = [
  'https://cn-shanghai-aliyun-cloudauth.oss-cn-shanghai.aliyuncs.com',
  'https://o.alicdn.com',
];
/** Where real CertifyUrls are served from (core's DEFAULT_CERTIFY_HOSTS), for frame-src in cloud mode. */
const CLOUD_CERTIFY_ORIGINS = [
  'http://m.alyms.cn',
  'https://m.alyms.cn',
  'https://picker.antcloudauth.aliyuncs.com',
  'https://*.aliyun.com',
];
const API_BASE = '/api/face-verify';
const NONCE_PLACEHOLDER = '__AFV_NONCE__';
/** The demo's stand-in for a merchant's login session: a random id in an HttpOnly cookie. */
export const SESSION_COOKIE = 'afv-demo-session';

/** The session id a request carries, if it is one this demo could have issued. */
export function sessionOf(headers) {
  const cookie = typeof headers.get === 'function' ? headers.get('cookie') : headers.cookie;
  const match = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([A-Za-z0-9_-]{22,64})(?:;|$)`).exec(
    cookie ?? '',
  );
  return match?.[1];
}

/**
 * Gives a browser a session on its first page view, as a merchant's login would. Every demo
 * visitor is "signed in" as a fresh anonymous user, which is enough to show the owner binding: a
 * result is readable only from the browser that started the verification.
 */
function ensureSession(req, res) {
  if (sessionOf(req.headers)) return;
  res.appendHeader(
    'Set-Cookie',
    `${SESSION_COOKIE}=${randomBytes(18).toString('base64url')}; Path=/; HttpOnly; SameSite=Lax`,
  );
}

/** Pages by URL path; `/spa/…` is the history-routed SPA and answers every route below it. */
const PAGES = new Map([
  ['/', 'index.html'],
  ['/index.html', 'index.html'],
  ['/plain.html', 'plain.html'],
  ['/hash.html', 'hash.html'],
  ['/identity.html', 'identity.html'],
  ['/wechat.html', 'wechat.html'],
  ['/alipay.html', 'alipay.html'],
  ['/embed.html', 'embed.html'],
  ['/csp.html', 'csp.html'],
]);

/** The page file for a path, or undefined when the path is not a page. */
export function pageFor(pathname) {
  if (PAGES.has(pathname)) return PAGES.get(pathname);
  if (pathname === '/spa' || (pathname.startsWith('/spa/') && !extname(pathname))) {
    return 'spa/index.html';
  }
  return undefined;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Builds the pages with Vite into apps/demo/dist (what `mode: 'prod'` serves). */
export async function buildDemo({ quiet = false } = {}) {
  const { build } = await import('vite');
  await build({ configFile: join(here, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
}

/** Reads the cloud configuration from the environment; undefined means "use the emulator". */
export function cloudConfigFromEnv(env = process.env) {
  const accessKeyId = env.ALIBABA_CLOUD_ACCESS_KEY_ID;
  const accessKeySecret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  const sceneId = env.FACE_VERIFY_SCENE_ID;
  if (!accessKeyId || !accessKeySecret || !sceneId) return undefined;
  return {
    accessKeyId,
    accessKeySecret,
    sceneId,
    endpoint: env.FACE_VERIFY_ENDPOINT || CLOUD_ENDPOINT,
    scriptSrc: env.FACE_VERIFY_JSVM_SRC || CLOUD_JSVM_SRC,
    callbackUrl: env.FACE_VERIFY_CALLBACK_URL || undefined,
    // The Alipay H5 scheme's scene (SAF fin_face_verify), when the account has one.
    alipaySceneId: env.FACE_VERIFY_ALIPAY_SCENE_ID || undefined,
    identity:
      env.FACE_VERIFY_CERT_NAME && env.FACE_VERIFY_CERT_NO
        ? { certName: env.FACE_VERIFY_CERT_NAME, certNo: env.FACE_VERIFY_CERT_NO }
        : undefined,
  };
}

/** Escapes a value for an HTML attribute (values only ever come from our own config). */
function attr(value) {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/**
 * The Content-Security-Policy of a page. Every page gets a nonce-based policy; the strict-CSP page
 * adds `'strict-dynamic'` (so only the nonce counts) and requires Trusted Types for every DOM
 * script sink. `scriptHosts` are where jsvm_all.js comes from; `dev` opens what Vite's HMR needs.
 */
export function contentSecurityPolicy({ nonce, strict, scriptHosts, dev, cloud, frameHosts = [] }) {
  const connect = ["'self'", ...(dev ? ['ws:'] : []), ...(cloud ? ['https:'] : [])];
  const directives = [
    "default-src 'self'",
    strict
      ? `script-src 'nonce-${nonce}' 'strict-dynamic'`
      : `script-src 'self' 'nonce-${nonce}' ${scriptHosts.join(' ')}`.trim(),
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    // Pages that frame a certify page (the Alipay stand-in) name its origin; the rest frame nothing.
    `frame-src ${frameHosts.length ? frameHosts.join(' ') : "'none'"}`,
    `base-uri ${strict ? "'none'" : "'self'"}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  // Only the two policies the flow needs may exist: lit's template policy and core's loader policy.
  if (strict)
    directives.push(
      "require-trusted-types-for 'script'",
      'trusted-types lit-html aliyun-face-verify',
    );
  return directives.join('; ');
}

function securityHeaders(res, cameraFor = []) {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  // A framed certify page gets the camera only when the parent's policy delegates it.
  const camera = cameraFor.length ? `(${cameraFor.map((o) => `"${o}"`).join(' ')})` : '()';
  res.setHeader(
    'Permissions-Policy',
    `camera=${camera}, microphone=${camera}, geolocation=(), payment=()`,
  );
}

/** Pages that frame the certify page (and so need frame-src and the camera delegated to it). */
const FRAMING_PAGES = new Set(['alipay.html', 'embed.html']);

function sendJson(res, status, body) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

/**
 * Starts the demo. Options: `mode` ('dev' | 'prod'), `host`, `port` (0 = any free port),
 * `emulatorPort`, `cloud` (from {@link cloudConfigFromEnv}; undefined runs the emulator),
 * `log` (status lines; also receives the server's and the emulator's event lines, which carry ids
 * and codes only). Resolves with `{ url, emulator, identities, scriptSrc, close }`.
 */
export async function startDemo(options = {}) {
  const {
    mode = 'dev',
    host = '127.0.0.1',
    port = 5173,
    emulatorPort = 8787,
    cloud = cloudConfigFromEnv(),
    log,
  } = options;
  const dev = mode === 'dev';
  if (!dev && !existsSync(join(distDir, 'index.html'))) {
    throw new Error('apps/demo/dist is missing: build the demo first (vite build)');
  }

  // The emulator is started first: its URL goes into the server config and the pages.
  let emulator;
  let identities = [];
  if (!cloud) {
    const emu = await import('@aliyun-face-verify/emulator');
    emulator = await emu.startEmulator({
      host: '127.0.0.1',
      port: emulatorPort,
      ...(log ? { log: (line) => log(`emulator  ${line}`) } : {}),
    });
    identities = emu.TEST_IDENTITIES.map((identity) => ({ ...identity }));
  }
  const emulatorUrl = emulator ? new URL(emulator.url) : undefined;
  const scriptSrc = emulator ? emulator.jsvmUrl : cloud.scriptSrc;
  const allowedHosts = emulatorUrl ? [emulatorUrl.host] : [];
  const scriptHosts = emulatorUrl ? [emulatorUrl.origin] : CLOUD_SCRIPT_HOSTS;
  const certifyOrigins = emulatorUrl ? [emulatorUrl.origin] : CLOUD_CERTIFY_ORIGINS;

  const httpServer = createServer();
  let vite;
  /** Set once the port is known: the server package needs the origins ReturnUrl may use. */
  let api;
  try {
    if (dev) {
      const { createServer: createVite } = await import('vite');
      vite = await createVite({
        configFile: join(here, 'vite.config.ts'),
        root: here,
        appType: 'custom',
        server: { middlewareMode: true, hmr: { server: httpServer } },
        logLevel: log ? 'info' : 'warn',
      });
    }

    const config = {
      mode: cloud ? 'cloud' : 'emulator',
      // Fictional people the emulator ships for demos; never real data, never in cloud mode.
      identities: identities.map(({ certName, certNo, initCode, note }) => ({
        certName,
        certNo,
        initCode,
        note,
      })),
      ...(emulatorUrl ? { emulatorOrigin: emulatorUrl.origin } : {}),
    };

    const renderPage = async (file, url) => {
      let html = await readFile(join(dev ? here : distDir, file), 'utf8');
      if (vite) html = await vite.transformIndexHtml(url, html);
      const nonce = randomBytes(18).toString('base64');
      html = html
        .replaceAll(NONCE_PLACEHOLDER, nonce)
        .replaceAll('__AFV_ALLOWED_HOSTS__', attr(allowedHosts.join(' ')))
        .replaceAll('__AFV_SCRIPT_SRC__', attr(scriptSrc));
      return { html, nonce };
    };

    httpServer.on('request', (req, res) => {
      securityHeaders(res);
      handle(req, res).catch((error) => {
        log?.(`! ${req.method} ${req.url}: ${error instanceof Error ? error.message : error}`);
        if (!res.headersSent)
          sendJson(res, 500, { error: { code: 'internal', message: 'demo server error' } });
        else res.end();
      });
    });

    async function handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://demo.invalid');
      const { pathname } = url;
      if (pathname === '/healthz') return sendJson(res, 200, { ok: true });
      if (pathname === '/api/demo/config') return sendJson(res, 200, config);
      if (pathname === API_BASE || pathname.startsWith(`${API_BASE}/`)) {
        res.setHeader('Cache-Control', 'no-store');
        return api(req, res, () =>
          sendJson(res, 404, { error: { code: 'not-found', message: 'no such endpoint' } }),
        );
      }
      const page = pageFor(pathname);
      if (page && (req.method === 'GET' || req.method === 'HEAD')) {
        const { html, nonce } = await renderPage(page, req.url ?? '/');
        ensureSession(req, res);
        const framing = FRAMING_PAGES.has(page);
        if (framing) securityHeaders(res, certifyOrigins);
        res.statusCode = 200;
        res.setHeader('Content-Type', TYPES['.html']);
        res.setHeader('Cache-Control', 'no-store');
        res.setHeader(
          'Content-Security-Policy',
          contentSecurityPolicy({
            nonce,
            strict: page === 'csp.html',
            scriptHosts,
            dev,
            cloud: !!cloud,
            frameHosts: framing ? certifyOrigins : [],
          }),
        );
        return res.end(req.method === 'HEAD' ? undefined : html);
      }
      if (vite) {
        return vite.middlewares(req, res, () => notFound(res));
      }
      return serveStatic(pathname, req, res);
    }

    await new Promise((resolveListen, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(port, host, () => resolveListen(undefined));
    });
    const address = httpServer.address();
    const boundPort = typeof address === 'object' && address ? address.port : port;
    const { createFaceVerifyHandlers, createNodeMiddleware } =
      await import('@aliyun-face-verify/server');
    api = createNodeMiddleware(
      createFaceVerifyHandlers(serverConfig({ cloud, emulator, identities, host, boundPort, log })),
      { basePath: API_BASE },
    );
  } catch (error) {
    await vite?.close();
    await emulator?.close();
    httpServer.close();
    throw error;
  }

  const address = httpServer.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${boundPort}/`;

  let closing;
  return {
    url,
    emulator: emulator ? { url: emulator.url } : undefined,
    identities,
    scriptSrc,
    close() {
      closing ??= (async () => {
        httpServer.closeAllConnections?.();
        await new Promise((done) => httpServer.close(() => done(undefined)));
        await vite?.close();
        await emulator?.close();
      })();
      return closing;
    },
  };
}

/** Turns the server package's events (ids and codes only) into status lines. */
function lineLogger(log) {
  const line = (level) => (event, fields) => {
    const detail = Object.entries(fields ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ');
    log(
      `server    ${level === 'info' ? '' : `${level.toUpperCase()} `}${event} ${detail}`.trimEnd(),
    );
  };
  return { info: line('info'), warn: line('warn'), error: line('error') };
}

/**
 * The server package's config. The owner is the demo session (see {@link ensureSession}), so a
 * result is readable only from the browser that started it. ReturnUrl may only point back at this
 * demo (on `127.0.0.1` or `localhost`, whichever the browser uses). Pages without a form verify a
 * default identity, the way a merchant uses the signed-in user's identity: the emulator's first
 * test identity, or in cloud mode FACE_VERIFY_CERT_NAME / FACE_VERIFY_CERT_NO when set. The
 * identity page lets the visitor type one: that is `identityFromRequest`, on here on purpose.
 */
function serverConfig({ cloud, emulator, identities, host, boundPort, log }) {
  const hosts = new Set([
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host,
    '127.0.0.1',
    'localhost',
  ]);
  const origins = [...hosts].map((h) => `http://${h}:${boundPort}`);
  const fallback = cloud
    ? cloud.identity
    : identities[0]
      ? { certName: identities[0].certName, certNo: identities[0].certNo }
      : undefined;
  const common = {
    allowedReturnOrigins: origins,
    owner: (request) => sessionOf(request.headers),
    identityFromRequest: true,
    resolveIdentity: (_request, body) =>
      body.certName !== undefined || body.certNo !== undefined ? undefined : fallback,
    ...(log ? { logger: lineLogger(log) } : {}),
  };
  if (cloud) {
    return {
      ...common,
      accessKeyId: cloud.accessKeyId,
      accessKeySecret: cloud.accessKeySecret,
      sceneId: cloud.sceneId,
      endpoint: cloud.endpoint,
      ...(cloud.alipaySceneId ? { alipay: { sceneId: cloud.alipaySceneId } } : {}),
      ...(cloud.callbackUrl
        ? { callbackUrl: cloud.callbackUrl, callbackToken: randomBytes(24).toString('base64url') }
        : {}),
    };
  }
  return {
    ...common,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    sceneId: emulator.sceneId,
    endpoint: emulator.endpoint,
    protocol: 'http',
    allowedCertifyHosts: [new URL(emulator.url).host],
    // The Alipay H5 scheme on the emulator's SAF endpoint (the same listener), with its own scene.
    alipay: { sceneId: emulator.sceneId, endpoint: emulator.endpoint },
    // The emulator notifies CallbackUrl like the cloud does, so the demo exercises that path too.
    callbackUrl: `http://127.0.0.1:${boundPort}${API_BASE}/callback`,
    callbackToken: randomBytes(24).toString('base64url'),
  };
}

function notFound(res) {
  res.statusCode = 404;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end('Not found');
}

async function serveStatic(pathname, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return notFound(res);
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return notFound(res);
  }
  const file = resolve(distDir, `.${decoded}`);
  // Never serve outside dist, and never the page templates raw (they carry placeholders).
  if (!file.startsWith(distDir + sep) || extname(file) === '.html') return notFound(res);
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return notFound(res);
  res.statusCode = 200;
  res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
  // Vite puts content hashes in /assets/ names, so those can be cached for good.
  res.setHeader(
    'Cache-Control',
    pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
  res.end(req.method === 'HEAD' ? undefined : await readFile(file));
}

/** CLI: `node apps/demo/server.mjs [--prod] [--port N] [--emulator-port N] [--host H]`. */
async function main() {
  const args = process.argv.slice(2);
  const value = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
  };
  const demo = await startDemo({
    mode: args.includes('--prod') ? 'prod' : 'dev',
    host: value('--host', process.env.HOST ?? '127.0.0.1'),
    port: Number(value('--port', process.env.PORT ?? 5173)),
    emulatorPort: Number(value('--emulator-port', process.env.EMULATOR_PORT ?? 8787)),
    log: (line) => console.log(line),
  });
  console.log(`demo: ${demo.url}`);
  const stop = () => void demo.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
