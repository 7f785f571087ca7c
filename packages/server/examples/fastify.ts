import Fastify, { type FastifyInstance } from 'fastify';
import {
  consoleLogger,
  createNodeMiddleware,
  type FaceVerifyHandlers,
} from '@aliyun-face-verify/server';

/** Fastify 5: Fastify parses the body onto request.body, so hand it to the adapter. */
export function createApp(handlers: FaceVerifyHandlers): FastifyInstance {
  const app = Fastify();
  const api = createNodeMiddleware(handlers, { logger: consoleLogger });
  app.all('/api/face-verify/*', async (request, reply) => {
    reply.hijack(); // the adapter writes the reply itself
    await api(request.raw, reply.raw, { body: request.body });
  });
  return app;
}
