import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { FaceVerifyHandlers } from './handlers.js';

/** A Fetch-style handler. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** A Node `http` listener that also fits Express / Connect (`next` is called for other paths). */
export type NodeMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

/** A body a framework may already have parsed onto `req.body` (Express body parsers do). */
function parsedBody(req: IncomingMessage): BodyInit | undefined {
  const body: unknown = 'body' in req ? (req as { body?: unknown }).body : undefined;
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

/** The Fetch `Request` for a Node request. The body is streamed, not buffered. */
export function toFetchRequest(req: IncomingMessage): Request {
  const host = req.headers.host ?? 'localhost';
  const url = new URL(req.url ?? '/', `http://${/^[\w.:[\]-]+$/.test(host) ? host : 'localhost'}`);
  const headers = new Headers();
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (values === undefined || name.startsWith(':')) continue;
    for (const value of values) headers.append(name, value);
  }
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  const already = parsedBody(req);
  if (already !== undefined) {
    headers.delete('content-length');
    return new Request(url, { method, headers, body: already });
  }
  const body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
  return new Request(url, { method, headers, body, duplex: 'half' } as RequestInit);
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

/** Adapts one Fetch handler (e.g. `handlers.init`) to Node `http`. */
export function toNodeHandler(
  handler: FetchHandler,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    try {
      await sendFetchResponse(await handler(toFetchRequest(req)), res);
    } catch {
      // The handlers answer every failure themselves; this is only a broken socket or a bad URL.
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: { code: 'internal', message: 'Internal server error.' } }));
      } else {
        res.destroy();
      }
    }
  };
}

/**
 * Routes `POST {basePath}/init`, `POST {basePath}/describe` and `GET|POST {basePath}/callback`
 * (default base `/api/face-verify`) to the handlers; other paths go to `next`, or get a 404.
 */
export function createNodeMiddleware(
  handlers: FaceVerifyHandlers,
  options: { basePath?: string } = {},
): NodeMiddleware {
  const base = (options.basePath ?? '/api/face-verify').replace(/\/+$/, '');
  const routes = new Map<string, FetchHandler>([
    [`${base}/init`, handlers.init],
    [`${base}/describe`, handlers.describe],
    [`${base}/callback`, handlers.callback],
  ]);
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = routes.get(path);
    if (handler !== undefined) {
      void toNodeHandler(handler)(req, res);
      return;
    }
    if (next) {
      next();
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: { code: 'not-found', message: 'Not found.' } }));
  };
}
