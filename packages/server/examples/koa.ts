import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import {
  consoleLogger,
  createNodeMiddleware,
  type FaceVerifyHandlers,
} from '@aliyun-face-verify/server';

/** Koa 3 with a body parser: the parsed body is on ctx.request.body, so hand it to the adapter. */
export function createApp(handlers: FaceVerifyHandlers): Koa {
  const app = new Koa();
  const api = createNodeMiddleware(handlers, { logger: consoleLogger });
  app.use(bodyParser());
  app.use(async (ctx, next) => {
    if (!ctx.path.startsWith('/api/face-verify/')) return next();
    ctx.respond = false; // the adapter writes the reply itself
    await api(ctx.req, ctx.res, { body: ctx.request.body });
  });
  return app;
}
