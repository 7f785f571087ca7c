import { Hono } from 'hono';
import type { FaceVerifyHandlers } from '@aliyun-face-verify/server';

/** Hono: the handlers are Fetch handlers, so they take Hono's Request as it is (any runtime). */
export function createApp(handlers: FaceVerifyHandlers): Hono {
  const app = new Hono();
  app.post('/api/face-verify/init', (c) => handlers.init(c.req.raw));
  app.post('/api/face-verify/describe', (c) => handlers.describe(c.req.raw));
  app.on(['GET', 'POST'], '/api/face-verify/callback', (c) => handlers.callback(c.req.raw));
  app.post('/api/face-verify/handoff', (c) => handlers.handoff(c.req.raw));
  app.post('/api/face-verify/status', (c) => handlers.status(c.req.raw));
  return app;
}
// On Node: serve({ fetch: createApp(handlers).fetch, port: 3000 }) from '@hono/node-server'.
