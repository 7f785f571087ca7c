import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEST_IDENTITIES, startEmulator, type RunningEmulator } from '@aliyun-face-verify/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFaceVerifyHandlers,
  createNodeMiddleware,
  toNodeHandler,
  type NodeMiddleware,
} from '../src/index.js';

let emulator: RunningEmulator;
const ORIGIN = 'http://127.0.0.1:5173';
const body = {
  metaInfo: JSON.stringify({ zimVer: '3.0.0' }),
  returnUrl: `${ORIGIN}/done`,
  certName: TEST_IDENTITIES[0]?.certName,
  certNo: TEST_IDENTITIES[0]?.certNo,
};

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

async function serve(listener: (req: IncomingMessage, res: ServerResponse) => void) {
  const server: Server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function handlers() {
  return createFaceVerifyHandlers({
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    endpoint: emulator.endpoint,
    protocol: 'http',
    sceneId: emulator.sceneId,
    allowedReturnOrigins: [ORIGIN],
    maxBodyBytes: 4096,
    // These tests are about the adapter: describe open to the ticket holder, identity from the body.
    authorizeDescribe: () => true,
    identityFromRequest: true,
  });
}

const postJson = (url: string, value: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value),
  });

describe('createNodeMiddleware', () => {
  it('routes init, describe and callback under the base path', async () => {
    const server = await serve(createNodeMiddleware(handlers()));
    try {
      const init = await postJson(`${server.url}/api/face-verify/init`, body);
      expect(init.status).toBe(200);
      const { certifyId, ticket } = (await init.json()) as { certifyId: string; ticket: string };
      const describe = await postJson(`${server.url}/api/face-verify/describe?x=1`, {
        certifyId,
        ticket,
      });
      expect(describe.status).toBe(409);
      expect(await describe.json()).toMatchObject({
        error: { code: 'not-ready', upstreamCode: '424' },
      });
      const callback = await fetch(`${server.url}/api/face-verify/callback`);
      expect(callback.status).toBe(404);
      const wrongMethod = await fetch(`${server.url}/api/face-verify/init`);
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.get('allow')).toBe('POST');
      // handoff and status reach their handlers (they answer for themselves), not the router's 404.
      for (const path of ['handoff', 'status']) {
        const res = await postJson(`${server.url}/api/face-verify/${path}`, {});
        expect(await res.json()).not.toEqual({
          error: { code: 'not-found', message: 'Not found.' },
        });
      }
    } finally {
      await server.close();
    }
  });

  it('answers 404 JSON for other paths, or hands them to next()', async () => {
    const alone = await serve(createNodeMiddleware(handlers(), { basePath: '/kyc/' }));
    const nextCalls: string[] = [];
    const middleware: NodeMiddleware = createNodeMiddleware(handlers(), { basePath: '/kyc' });
    const chained = await serve(
      (req, res) =>
        void middleware(req, res, () => {
          nextCalls.push(req.url ?? '');
          res.writeHead(418).end();
        }),
    );
    try {
      const miss = await fetch(`${alone.url}/api/face-verify/init`, { method: 'POST' });
      expect(miss.status).toBe(404);
      expect(await miss.json()).toEqual({ error: { code: 'not-found', message: 'Not found.' } });
      expect((await postJson(`${alone.url}/kyc/init`, body)).status).toBe(200);
      expect((await fetch(`${chained.url}/elsewhere`)).status).toBe(418);
      expect(nextCalls).toEqual(['/elsewhere']);
    } finally {
      await alone.close();
      await chained.close();
    }
  });

  it('uses a body a framework already parsed (Express-style req.body)', async () => {
    const middleware = createNodeMiddleware(handlers());
    const server = await serve((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        Object.assign(req, { body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
        void middleware(req, res);
      });
    });
    try {
      expect((await postJson(`${server.url}/api/face-verify/init`, body)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('takes a parsed body handed over as { body } (Fastify request.body, Koa ctx.request.body)', async () => {
    const middleware = createNodeMiddleware(handlers());
    const server = await serve((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        // A string works as well as an object; `req.body` is left alone, as those frameworks do.
        void middleware(req, res, { body: req.url?.endsWith('?text') ? text : JSON.parse(text) });
      });
    });
    try {
      expect((await postJson(`${server.url}/api/face-verify/init`, body)).status).toBe(200);
      expect((await postJson(`${server.url}/api/face-verify/init?text`, body)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('logs and answers the typed 500 when a parser read the body and kept it elsewhere', async () => {
    const logged: [string, unknown][] = [];
    const logger = {
      info: () => undefined,
      warn: () => undefined,
      error: (event: string, fields?: unknown) => logged.push([event, fields]),
    };
    const middleware = createNodeMiddleware(handlers(), { logger });
    const server = await serve((req, res) => {
      req.resume(); // a body parser read the stream; nothing is handed over
      req.on('end', () => void middleware(req, res));
    });
    try {
      const res = await postJson(`${server.url}/api/face-verify/init`, body);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({
        error: { code: 'internal', message: 'Internal server error.' },
      });
      expect(logged).toEqual([
        [
          'adapter.failed',
          { error: 'BodyAlreadyReadError', code: 'body-already-read', method: 'POST' },
        ],
      ]);
    } finally {
      await server.close();
    }
  });

  it('stops reading a streamed body past maxBodyBytes (413)', async () => {
    const server = await serve(createNodeMiddleware(handlers()));
    try {
      const big = await postJson(`${server.url}/api/face-verify/init`, {
        ...body,
        pad: 'x'.repeat(10_000),
      });
      expect(big.status).toBe(413);
      expect(await big.json()).toMatchObject({ error: { code: 'bad-request' } });
    } finally {
      await server.close();
    }
  });
});

describe('toNodeHandler', () => {
  it('answers 500 JSON when a handler itself rejects', async () => {
    const server = await serve(
      (req, res) => void toNodeHandler(() => Promise.reject(new Error('boom')))(req, res),
    );
    try {
      const res = await fetch(server.url);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({
        error: { code: 'internal', message: 'Internal server error.' },
      });
    } finally {
      await server.close();
    }
  });

  it('passes method, headers, query and body through', async () => {
    const seen: string[] = [];
    const server = await serve(
      (req, res) =>
        void toNodeHandler(async (request) => {
          seen.push(
            request.method,
            new URL(request.url).search,
            request.headers.get('x-test') ?? '',
            await request.text(),
          );
          return new Response('ok', { status: 201, headers: { 'x-reply': 'yes' } });
        })(req, res),
    );
    try {
      const res = await fetch(`${server.url}/p?q=1`, {
        method: 'PUT',
        headers: { 'x-test': 't' },
        body: 'payload',
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('x-reply')).toBe('yes');
      expect(await res.text()).toBe('ok');
      expect(seen).toEqual(['PUT', '?q=1', 't', 'payload']);
    } finally {
      await server.close();
    }
  });
});
