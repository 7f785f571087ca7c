import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayError, gatewayErrorBody, newRequestId } from './api-error.js';
import { NonceStore, authenticate, type WireRequest } from './auth.js';
import { CallbackNotifier } from './callback.js';
import { showCertifyPage, submitConsent, submitOutcome, type PageResult } from './certify.js';
import {
  EMULATOR_BUCKET,
  describeFaceVerify,
  initFaceVerify,
  type Scene,
  type ServiceContext,
  type ServiceReply,
} from './cloudauth.js';
import {
  IFRAME_RETURN_URL,
  POST_RESULT_PATH,
  POST_RESULT_SCRIPT,
  isIframeMessageForm,
  type IframeMessageForm,
} from './iframe.js';
import { TEST_IDENTITIES } from './identity.js';
import { JSVM_SCRIPT } from './jsvm.js';
import {
  SAF_API_VERSION,
  executeRequest,
  safReplyBody,
  type SafReply,
  type SafReplyForm,
} from './saf.js';
import { STYLESHEET_PATH, indexPage, problemPage } from './pages.js';
import { parseFormString } from './signature.js';
import { VerificationStore, type ProductCode } from './store.js';
import { CERTIFY_CSS } from './styles.js';

/** Default port of the emulator (`--port` / `port` change it; 0 picks a free one). */
export const DEFAULT_PORT = 8787;
/** Default host: loopback only. */
export const DEFAULT_HOST = '127.0.0.1';
/** Test AccessKeyId the emulator accepts unless told otherwise. */
export const DEFAULT_ACCESS_KEY_ID = 'LTAI5tEmulatorTestKey01';
/** Test AccessKeySecret matching {@link DEFAULT_ACCESS_KEY_ID}. Public on purpose: never a real secret. */
export const DEFAULT_ACCESS_KEY_SECRET = 'emulator-secret-do-not-use-in-production';
/** SceneId configured by default (the seeds' example scene). */
export const DEFAULT_SCENE_ID = '1000000006';
/** OpenAPI version the emulator serves. */
export const API_VERSION = '2019-03-07';
/** Path of the `jsvm_all.js` stand-in, the same path as on the real CDN. */
export const JSVM_PATH = '/web_sdk_js/jsvm_all.js';

/** A scene to configure: an id, or an id with the products it allows (default both). */
export type SceneOption =
  string | number | { sceneId: string | number; productCodes?: readonly ProductCode[] };

/** Options of {@link createEmulator} and {@link startEmulator}. */
export interface EmulatorOptions {
  /** Interface to listen on (startEmulator only). Default `127.0.0.1`. */
  host?: string;
  /** Port (startEmulator only). Default 8787; 0 picks a free port. */
  port?: number;
  /** Accepted AccessKeyId. Default {@link DEFAULT_ACCESS_KEY_ID}. */
  accessKeyId?: string;
  /** Its secret. Default {@link DEFAULT_ACCESS_KEY_SECRET}. */
  accessKeySecret?: string;
  /** More AccessKeyId → secret pairs to accept. */
  extraCredentials?: Readonly<Record<string, string>>;
  /** Configured scenes. Default `['1000000006']`. */
  scenes?: readonly SceneOption[];
  /** Clock in epoch ms (inject for expiry and timestamp tests). Default `Date.now`. */
  now?: () => number;
  /** Origin used in CertifyUrls and picture URLs. Default `http://<host>:<port>` once listening. */
  publicUrl?: string;
  /** CertifyUrl lifetime. Default 30 minutes. */
  certifyTtlMs?: number;
  /** Allowed clock skew of signed requests. Default 15 minutes. */
  timestampToleranceMs?: number;
  /** InitFaceVerify calls per ID number per day before Code 418. Default 50. */
  dailyAttemptLimit?: number;
  /** Tries per CallbackUrl notification. Default 3. */
  callbackAttempts?: number;
  /** Pause between callback tries. Default 500 ms. */
  callbackRetryDelayMs?: number;
  /** One line per event; never carries a name, an ID number or a secret. Default: silent. */
  log?: (line: string) => void;
  /** How SAF `ExecuteRequest` replies are spelled (key casing, `data` as a string). */
  safReply?: SafReplyForm;
  /**
   * iframe mode (`ReturnUrl: "iframe"`): how the page posts the result unless the tester picks
   * another form on the scan page. Default `'object'`.
   */
  iframeMessageForm?: IframeMessageForm;
}

/** A request listener plus its state, for embedding into another Node server. */
export interface Emulator {
  /** Handles one request (the `http.createServer` listener). */
  readonly listener: (req: IncomingMessage, res: ServerResponse) => void;
  /** Sets the origin CertifyUrls point at (startEmulator calls it once the port is known). */
  setPublicUrl(url: string): void;
  /** Resolves when every CallbackUrl notification started so far has finished. */
  settled(): Promise<void>;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** The first configured SceneId. */
  readonly sceneId: string;
}

/** A listening emulator. */
export interface RunningEmulator extends Emulator {
  /** Origin, e.g. `http://127.0.0.1:8787`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Full URL of the `jsvm_all.js` stand-in. */
  readonly jsvmUrl: string;
  /** The endpoint to give the official SDK (`host:port`, with `protocol: 'http'`). */
  readonly endpoint: string;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

const MAX_API_BODY = 2 * 1024 * 1024;
const MAX_FORM_BODY = 16 * 1024;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function headerMap(req: IncomingMessage): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (values !== undefined) map.set(name.toLowerCase(), values);
  }
  return map;
}

function normaliseScenes(scenes: readonly SceneOption[]): Map<string, Scene> {
  const map = new Map<string, Scene>();
  for (const option of scenes) {
    const scene: Scene =
      typeof option === 'object'
        ? {
            sceneId: String(option.sceneId),
            productCodes: option.productCodes ?? ['ID_PRO', 'LR_FR'],
          }
        : { sceneId: String(option), productCodes: ['ID_PRO', 'LR_FR'] };
    if (!/^[1-9]\d{0,18}$/.test(scene.sceneId)) {
      throw new TypeError(`SceneId must be a positive integer, got "${scene.sceneId}"`);
    }
    map.set(scene.sceneId, scene);
  }
  if (map.size === 0) throw new TypeError('At least one scene is required');
  return map;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

/**
 * Builds the emulator as a request listener: the OpenAPI endpoint at `/`, the hosted certify pages
 * under `/certify/`, the `jsvm_all.js` stand-in and the emulated face pictures.
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const accessKeyId = options.accessKeyId ?? DEFAULT_ACCESS_KEY_ID;
  const accessKeySecret = options.accessKeySecret ?? DEFAULT_ACCESS_KEY_SECRET;
  const credentials = new Map<string, string>([
    ...Object.entries(options.extraCredentials ?? {}),
    [accessKeyId, accessKeySecret],
  ]);
  const scenes = normaliseScenes(options.scenes ?? [DEFAULT_SCENE_ID]);
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const store = new VerificationStore();
  const nonces = new NonceStore();
  const notifier = new CallbackNotifier({
    attempts: options.callbackAttempts ?? 3,
    retryDelayMs: options.callbackRetryDelayMs ?? 500,
    timeoutMs: 5_000,
    log,
  });
  let publicUrl =
    options.publicUrl?.replace(/\/+$/, '') ?? `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;
  const iframeMessageForm = options.iframeMessageForm ?? 'object';
  if (!isIframeMessageForm(iframeMessageForm)) {
    throw new TypeError(
      `iframeMessageForm must be object, json or encoded, got "${iframeMessageForm}"`,
    );
  }

  const service: ServiceContext = {
    scenes,
    store,
    now,
    get publicUrl() {
      return publicUrl;
    },
    certifyTtlMs: options.certifyTtlMs ?? 30 * 60_000,
    dailyAttemptLimit: options.dailyAttemptLimit ?? 50,
  };
  const certify = {
    store,
    now,
    get publicUrl() {
      return publicUrl;
    },
    onComplete: (record: Parameters<CallbackNotifier['notify']>[0]) => {
      const outcome = record.completion?.outcome;
      log(`certify page ${record.certifyId}: ${outcome?.id ?? '?'} (code ${outcome?.code ?? '?'})`);
      notifier.notify(record);
    },
    iframeMessageForm,
  };

  function send(
    res: ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string>,
  ): void {
    res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  }

  function sendJson(res: ServerResponse, status: number, value: unknown, requestId: string): void {
    send(res, status, JSON.stringify(value), {
      'content-type': 'application/json;charset=utf-8',
      'x-acs-request-id': requestId,
      ...SECURITY_HEADERS,
    });
  }

  function sendPage(res: ServerResponse, result: PageResult): void {
    // iframe verifications are framed by the merchant, whose origin the service is never told;
    // an in-app Alipay verification (no returnUrl) by the Alipay container, which a demo's
    // stand-in bridge plays with a frame.
    const framed =
      result.record?.returnUrl === IFRAME_RETURN_URL ||
      (result.record?.flow === 'alipay' && result.record.returnUrl === '');
    const returnOrigin = framed ? '' : formTarget(result.record?.returnUrl ?? '');
    // No script but iframe mode's post-result one; forms may only post here and be redirected to
    // the merchant's ReturnUrl.
    const csp = [
      "default-src 'none'",
      ...(result.kind === 'page' && result.script ? ["script-src 'self'"] : []),
      "style-src 'self'",
      "img-src 'self'",
      `form-action 'self'${returnOrigin ? ` ${returnOrigin}` : ''}`,
      "base-uri 'none'",
      `frame-ancestors ${framed ? '*' : "'none'"}`,
      "require-trusted-types-for 'script'",
    ].join('; ');
    const headers = {
      'content-security-policy': csp,
      ...(framed ? {} : { 'x-frame-options': 'DENY' }),
      ...SECURITY_HEADERS,
    };
    if (result.kind === 'redirect') {
      res.writeHead(303, { ...headers, location: result.location, 'content-length': '0' });
      res.end();
      return;
    }
    send(res, result.status, result.body, {
      ...headers,
      'content-type': 'text/html; charset=utf-8',
    });
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, query: string) {
    const requestId = newRequestId();
    try {
      if (req.method !== 'POST' && req.method !== 'GET')
        throw new GatewayError('UnsupportedHTTPMethod');
      let body: Uint8Array;
      try {
        body = await readBody(req, MAX_API_BODY);
      } catch (error) {
        if (error instanceof BodyTooLarge) throw new GatewayError('RequestEntityTooLarge');
        throw error;
      }
      const wire: WireRequest = {
        method: req.method,
        path,
        rawQuery: query,
        headers: headerMap(req),
        body,
      };
      const call = authenticate(wire, {
        secretFor: (id) => credentials.get(id),
        now,
        toleranceMs: options.timestampToleranceMs ?? 15 * 60_000,
        nonces,
      });
      if (call.version === SAF_API_VERSION) {
        if (call.action !== 'ExecuteRequest') throw new GatewayError('InvalidAction.NotFound');
        const reply: SafReply = executeRequest(call.params, service);
        log(
          `ExecuteRequest ${call.params.get('Service') ?? '-'} code=${reply.code} certifyId=${reply.data?.['certifyId'] ?? '-'} (${call.scheme})`,
        );
        sendJson(res, 200, safReplyBody(reply, requestId, options.safReply), requestId);
        return;
      }
      if (call.version !== API_VERSION) throw new GatewayError('InvalidVersion');
      let reply: ServiceReply;
      if (call.action === 'InitFaceVerify') reply = initFaceVerify(call.params, service);
      else if (call.action === 'DescribeFaceVerify')
        reply = describeFaceVerify(call.params, service);
      else throw new GatewayError('InvalidAction.NotFound');
      const certifyId = reply.ResultObject?.['CertifyId'] ?? call.params.get('CertifyId') ?? '-';
      log(`${call.action} Code=${reply.Code} certifyId=${certifyId} (${call.scheme})`);
      sendJson(res, 200, { RequestId: requestId, ...reply }, requestId);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      log(`OpenAPI rejected: ${error.code} (HTTP ${error.status})`);
      sendJson(res, error.status, gatewayErrorBody(error, requestId), requestId);
    }
  }

  async function readForm(req: IncomingMessage): Promise<Map<string, string> | undefined> {
    const type = String(req.headers['content-type'] ?? '').toLowerCase();
    if (!type.startsWith('application/x-www-form-urlencoded')) return undefined;
    const pairs = parseFormString(Buffer.from(await readBody(req, MAX_FORM_BODY)).toString('utf8'));
    return pairs === undefined ? undefined : new Map(pairs);
  }

  async function handleCertify(req: IncomingMessage, res: ServerResponse, path: string) {
    const match = /^\/certify\/([A-Za-z0-9_-]{1,64})(\/consent|\/complete)?$/.exec(path);
    if (!match) {
      sendPage(res, { kind: 'page', ...problemPage('not-found') });
      return;
    }
    const token = match[1] ?? '';
    const step = match[2];
    if (step === undefined && (req.method === 'GET' || req.method === 'HEAD')) {
      sendPage(res, showCertifyPage(token, certify));
      return;
    }
    if (step !== undefined && req.method === 'POST') {
      const form = await readForm(req);
      if (form === undefined) {
        sendPage(res, { kind: 'page', ...problemPage('bad-request') });
        return;
      }
      sendPage(
        res,
        step === '/consent'
          ? submitConsent(token, form, certify)
          : submitOutcome(token, form, certify),
      );
      return;
    }
    send(res, 405, 'Method Not Allowed', {
      'content-type': 'text/plain; charset=utf-8',
      allow: step ? 'POST' : 'GET',
    });
  }

  function handleStatic(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    if (path === JSVM_PATH) {
      const cors = {
        'access-control-allow-origin': '*',
        'cross-origin-resource-policy': 'cross-origin',
        'timing-allow-origin': '*',
        'x-content-type-options': 'nosniff',
      };
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          ...cors,
          'access-control-allow-methods': 'GET, HEAD',
          'access-control-max-age': '600',
        });
        res.end();
        return true;
      }
      send(res, 200, req.method === 'HEAD' ? '' : JSVM_SCRIPT, {
        ...cors,
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=300',
      });
      return true;
    }
    if (path === POST_RESULT_PATH) {
      send(res, 200, POST_RESULT_SCRIPT, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=300',
        'x-content-type-options': 'nosniff',
      });
      return true;
    }
    if (path === STYLESHEET_PATH) {
      send(res, 200, CERTIFY_CSS, {
        'content-type': 'text/css; charset=utf-8',
        'cache-control': 'public, max-age=300',
        'x-content-type-options': 'nosniff',
      });
      return true;
    }
    const picture = new RegExp(
      `^/oss/${EMULATOR_BUCKET}/verify/emulator/([0-9a-f]{32})_0\\.svg$`,
    ).exec(path);
    if (picture) {
      const record = store.byCertifyId(picture[1] ?? '');
      if (record?.completion?.materialInfo === undefined) return false;
      send(res, 200, facePicture(record.certifyId), {
        'content-type': 'image/svg+xml',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        ...SECURITY_HEADERS,
      });
      return true;
    }
    return false;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q === -1 ? target : target.slice(0, q);
    const query = q === -1 ? '' : target.slice(q + 1);
    if (path === '/') {
      const isApi = req.method !== 'GET' || query !== '' || req.headers.authorization !== undefined;
      if (isApi) return handleApi(req, res, path, query);
      sendPage(res, {
        kind: 'page',
        status: 200,
        body: indexPage({ accessKeyId, sceneIds: [...scenes.keys()], identities: TEST_IDENTITIES }),
      });
      return;
    }
    if (path.startsWith('/certify/') && path !== STYLESHEET_PATH && path !== POST_RESULT_PATH)
      return handleCertify(req, res, path);
    if (handleStatic(req, res, path)) return;
    send(res, 404, 'Not Found', {
      'content-type': 'text/plain; charset=utf-8',
      ...SECURITY_HEADERS,
    });
  }

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((error: unknown) => {
      const status = error instanceof BodyTooLarge ? 413 : 500;
      log(
        `internal error on ${req.method ?? '?'} ${(req.url ?? '').split('?')[0] ?? ''}: ${
          error instanceof Error ? error.name : 'error'
        }`,
      );
      if (!res.headersSent)
        send(res, status, status === 413 ? 'Payload Too Large' : 'Internal Server Error', {
          'content-type': 'text/plain; charset=utf-8',
        });
      else res.destroy();
    });
  };

  return {
    listener,
    setPublicUrl(url: string) {
      publicUrl = url.replace(/\/+$/, '');
    },
    settled: () => notifier.settled(),
    accessKeyId,
    accessKeySecret,
    sceneId: [...scenes.keys()][0] ?? DEFAULT_SCENE_ID,
  };
}

/**
 * What the certify page's forms may be redirected to: the ReturnUrl's origin, an app's scheme
 * (an Alipay returnUrl such as `myapp://…`), or nothing (an Alipay verification without one).
 */
function formTarget(returnUrl: string): string {
  if (returnUrl === '') return '';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(returnUrl)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return `${scheme}:`;
  try {
    return new URL(returnUrl).origin;
  } catch {
    return '';
  }
}

/** A placeholder "face picture" (no real image exists in the emulator). */
function facePicture(certifyId: string): string {
  const hue = parseInt(certifyId.slice(0, 2), 16);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="320" viewBox="0 0 240 320"><rect width="240" height="320" fill="hsl(${hue} 30% 90%)"/><ellipse cx="120" cy="140" rx="60" ry="76" fill="none" stroke="#4e5969" stroke-width="4"/><path d="M40 320c10-50 40-76 80-76s70 26 80 76" fill="none" stroke="#4e5969" stroke-width="4"/></svg>`;
}

/**
 * Starts the emulator on `host:port` (default `127.0.0.1:8787`; port 0 picks a free one) and resolves
 * once it is listening.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? DEFAULT_HOST;
  const emulator = createEmulator(options);
  // The official SDKs keep sockets alive with no idle limit of their own (Node's Agent), so a
  // server that closes idle sockets early races their reuse: a request sent on a socket the
  // server is closing fails with ECONNRESET (seen as an "unreachable" 502 in the e2e suite).
  // Idle sockets therefore stay open far longer than any pause between a test's calls;
  // `close()` still ends them all at once.
  const server = createServer({ keepAliveTimeout: 4 * 60_000 }, emulator.listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // A wildcard bind is reachable on loopback; URLs handed to browsers must name a real address.
  const visible = host === '0.0.0.0' ? DEFAULT_HOST : host === '::' ? '::1' : host;
  const hostPart = visible.includes(':') ? `[${visible}]` : visible;
  const url = `http://${hostPart}:${port}`;
  if (options.publicUrl === undefined) emulator.setPublicUrl(url);
  return {
    ...emulator,
    url,
    host,
    port,
    endpoint: `${hostPart}:${port}`,
    jsvmUrl: `${url}${JSVM_PATH}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
