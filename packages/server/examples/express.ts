import express from 'express';
import {
  consoleLogger,
  createNodeMiddleware,
  type FaceVerifyHandlers,
} from '@aliyun-face-verify/server';

/** Express 5: the three endpoints under /api/face-verify; other paths go on to your routes. */
export function createApp(handlers: FaceVerifyHandlers): express.Express {
  const app = express();
  app.use(express.json()); // optional: the adapter takes a parsed req.body as well as the raw stream
  app.use(createNodeMiddleware(handlers, { logger: consoleLogger }));
  return app;
}
