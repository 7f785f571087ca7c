import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { FaceVerifyHandlers } from './handlers.js';
import { silentLogger, type FaceVerifyLogger } from './logger.js';

/** A Fetch-style handler. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** A Node request, possibly carrying the body a framework already parsed (Express: `req.body`). */
export type NodeRequest = IncomingMessage & { body?: unknown };

/** What the adapter may be handed besides `req` and `res`. */
export interface NodeCallOptions {
  /**
   * The body a framework already read and parsed (an object, a string or bytes): Fastify's
   * `request.body`, Koa's `ctx.request.body`. Without it the adapter reads `req.body`, then the stream.
   */
  body?: unknown;
  /** Called for paths that are not the handlers' (Express / Connect `next`). */
  next?: (error?: unknown) => void;
}

/**
 * A Node `http` listener that also fits Express / Connect: the third argument is `next` (called for
 * other paths), or {@link NodeCallOptions} where the framework keeps the parsed body elsewhere.
 * The promise never rejects: it settles once the reply is written.
 */
export type NodeMiddleware = (
  req: NodeRequest,
  res: ServerResponse,
  next?: ((error?: unknown) => void) | NodeCallOptions,
) => Promise<void>;

/** Options of the Node adapter. */
export interface NodeAdapterOptions {
  /** Where adapter failures are reported (the handlers' own `logger` does not see them). Default: silent. */
  logger?: FaceVerifyLogger;
}

/** The error the adapter raises for a request whose body is gone: a parser read it and kept it elsewhere. */
export class BodyAlreadyReadError extends Error {
  /** Stable code for logs. */
  readonly code = 'body-already-read';

  constructor() {
    super(
      'The request body was already read (by a body parser?) and no parsed body was handed over: pass it as `{ body }` (Fastify: request.body, Koa: ctx.request.body).',
    );
    this.name = 'BodyAlreadyReadError';
  }
}

/** A body a framework already parsed: an object, a string or bytes. */
function parsedBody(req: IncomingMessage, body: unknown): BodyInit | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new Uint8Array(body);
  if (typeof body === 'object') {
    const isForm = /^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '');
    if (isForm) {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(body)) if (typeof v === 'string') form.set(k, v);
      return form.toString();
    }
    return JSON.stringify(body);
  }
  return undefined;
}

/**
 * The Fetch `Request` for a Node request. The body is `body` when given, else `req.body` when a
 * framework put it there, else the stream (streamed, not buffered). Throws
 * {@link BodyAlreadyReadError} when the stream was consumed and no parsed body is at hand.
 */
export function toFetchRequest(req: NodeRequest, body: unknown = req.body): Request {
  const host = req.headers.host ?? 'localhost';
  const url = new URL(req.url ?? '/', `http://${/^[\w.:[\]-]+$/.test(host) ? host : 'localhost'}`);
  const headers = new Headers();
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (values === undefined || name.startsWith(':')) continue;
    for (const value of values) headers.append(name, value);
  }
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  const already = parsedBody(req, body);
  if (already !== undefined) {
    headers.delete('content-length');
    return new Request(url, { method, headers, body: already });
  }
  // A consumed stream would read as an empty body and fail as "bad JSON": say what happened instead.
  if (req.readableEnded || req.readableDidRead) throw new BodyAlreadyReadError();
  const stream = Readable.toWeb(req) as ReadableStream<Uint8Array>;
  return new Request(url, { method, headers, body: stream, duplex: 'half' } as RequestInit);
}

/** Writes a Fetch `Response` to a Node response. */
export async function sendFetchResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, { ...headers, 'content-length': String(body.length) });
  res.end(body);
}

/**
 * Adapts one Fetch handler (e.g. `handlers.init`) to Node `http`. `body` is a body the framework
 * already parsed (see {@link NodeCallOptions.body}). A failure of the adapter itself is logged as
 * `adapter.failed` and answered with the typed 500 (`{ error: { code: 'internal' } }`).
 */
export function toNodeHandler(
  handler: FetchHandler,
  options: NodeAdapterOptions = {},
): (req: NodeRequest, res: ServerResponse, body?: unknown) => Promise<void> {
  const logger = options.logger ?? silentLogger;
  return async (req, res, ...body) => {
    try {
      const request = body.length > 0 ? toFetchRequest(req, body[0]) : toFetchRequest(req);
      await sendFetchResponse(await handler(request), res);
    } catch (error) {
      // The handlers answer their own failures; this is the adapter's: a body gone, a bad URL, a socket.
      logger.error('adapter.failed', {
        error: error instanceof Error ? error.name : typeof error,
        ...(error instanceof BodyAlreadyReadError ? { code: error.code } : {}),
        method: req.method,
      });
      if (!res.headersSent) {
        res.writeHead(500, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
        });
        res.end(JSON.stringify({ error: { code: 'internal', message: 'Internal server error.' } }));
      } else {
        res.destroy();
      }
    }
  };
}

/**
 * Routes `POST {basePath}/init`, `/describe`, `/handoff`, `/status` and `GET|POST {basePath}/callback`
 * (default base `/api/face-verify`) to the handlers; other paths go to `next`, or get a 404.
 */
export function createNodeMiddleware(
  handlers: FaceVerifyHandlers,
  options: { basePath?: string } & NodeAdapterOptions = {},
): NodeMiddleware {
  const base = (options.basePath ?? '/api/face-verify').replace(/\/+$/, '');
  const adapt = (handler: FetchHandler) => toNodeHandler(handler, options);
  const routes = new Map([
    [`${base}/init`, adapt(handlers.init)],
    [`${base}/describe`, adapt(handlers.describe)],
    [`${base}/callback`, adapt(handlers.callback)],
    [`${base}/handoff`, adapt(handlers.handoff)],
    [`${base}/status`, adapt(handlers.status)],
  ]);
  return async (req, res, third) => {
    const call = typeof third === 'function' ? { next: third } : (third ?? {});
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = routes.get(path);
    if (handler !== undefined) {
      await ('body' in call ? handler(req, res, call.body) : handler(req, res));
      return;
    }
    if (call.next) {
      call.next();
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: { code: 'not-found', message: 'Not found.' } }));
  };
}
