import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve as serveHono } from '@hono/node-server';
import {
  TEST_IDENTITIES,
  driveCertifyPage,
  startEmulator,
  type RunningEmulator,
} from '@aliyun-face-verify/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp as expressApp } from '../../examples/express.js';
import { createApp as fastifyApp } from '../../examples/fastify.js';
import { createApp as honoApp } from '../../examples/hono.js';
import { createApp as koaApp } from '../../examples/koa.js';
import { faceVerifyRoute } from '../../examples/nextjs.js';
import {
  createFaceVerifyHandlers,
  toFetchRequest,
  sendFetchResponse,
  type FaceVerifyHandlers,
} from '../../src/index.js';
import { TEST_ORIGIN, USER_HEADER, frameworkHandlersConfig } from './handlers-config.js';

// Each README framework example (packages/server/examples, shown verbatim in the README) serves a
// whole verification against the emulator: init through the framework, the certify page driven
// as a person would, describe through the framework answering `passed`.

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());
afterEach(() => vi.restoreAllMocks());

interface Running {
  url: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<Running> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A Next.js route module served the way Next would: `params.action` from the path. */
function nextRoute(handlers: FaceVerifyHandlers): RequestListener {
  const route = faceVerifyRoute(handlers);
  return (req, res) => {
    const request = toFetchRequest(req);
    const action = /^\/api\/face-verify\/([^/?]+)/.exec(req.url ?? '')?.[1] ?? '';
    const method = req.method === 'GET' ? route.GET : route.POST;
    void method(request, { params: Promise.resolve({ action }) }).then((response) =>
      sendFetchResponse(response, res),
    );
  };
}

const frameworks: Record<string, (handlers: FaceVerifyHandlers) => Promise<Running>> = {
  express: (handlers) => listen(createServer(expressApp(handlers))),
  fastify: async (handlers) => {
    const app = fastifyApp(handlers);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
  },
  koa: (handlers) => listen(createServer(koaApp(handlers).callback())),
  hono: async (handlers) => {
    const server = await new Promise<Server>((resolve) => {
      const s = serveHono({ fetch: honoApp(handlers).fetch, port: 0, hostname: '127.0.0.1' }, () =>
        resolve(s as Server),
      );
    });
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  },
  'next.js route handler': (handlers) => listen(createServer(nextRoute(handlers))),
};

const identity = TEST_IDENTITIES[0];
const post = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [USER_HEADER]: 'alice' },
    body: JSON.stringify(body),
  });

describe.each(Object.entries(frameworks))('%s', (_name, start) => {
  it('completes a verification against the emulator', async () => {
    const adapterErrors = vi.spyOn(console, 'error');
    const app = await start(createFaceVerifyHandlers(frameworkHandlersConfig(emulator)));
    try {
      const init = await post(`${app.url}/api/face-verify/init`, {
        metaInfo: JSON.stringify({ zimVer: '3.0.0' }),
        returnUrl: `${TEST_ORIGIN}/verify/result`,
        certName: identity?.certName,
        certNo: identity?.certNo,
      });
      expect(init.status).toBe(200);
      const { certifyId, certifyUrl, ticket } = (await init.json()) as {
        certifyId: string;
        certifyUrl: string;
        ticket: string;
      };
      const page = await driveCertifyPage(certifyUrl, 'pass');
      expect(page.location).toMatch(/^http:\/\/127\.0\.0\.1:5173\/verify\/result\?response=/);
      const describe = await post(`${app.url}/api/face-verify/describe`, { certifyId, ticket });
      expect(describe.status).toBe(200);
      expect(await describe.json()).toMatchObject({ certifyId, passed: true, subCode: '200' });
      // The owner reaches the handlers through the framework: another user's describe is refused.
      const stranger = await fetch(`${app.url}/api/face-verify/describe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [USER_HEADER]: 'mallory' },
        body: JSON.stringify({ certifyId, ticket }),
      });
      expect(stranger.status).toBe(403);
      const wrongMethod = await fetch(`${app.url}/api/face-verify/init`);
      expect([404, 405]).toContain(wrongMethod.status);
    } finally {
      await app.close();
    }
    // Express, Fastify and Koa log adapter failures through consoleLogger: there were none.
    expect(adapterErrors).not.toHaveBeenCalled();
  });

  it('answers a malformed body with the typed 400, not a framework page', async () => {
    const app = await start(createFaceVerifyHandlers(frameworkHandlersConfig(emulator)));
    try {
      const init = await post(`${app.url}/api/face-verify/init`, { metaInfo: { not: 'a string' } });
      expect(init.status).toBe(400);
      expect(await init.json()).toMatchObject({ error: { code: 'bad-request' } });
    } finally {
      await app.close();
    }
  });
});
