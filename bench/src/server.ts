/**
 * The local http server the browser figures are taken against: loopback only, every response
 * `no-store` so each run fetches what it measures, and a stand-in jsvm_all.js answered after a fixed
 * delay with every request to it counted (the loader's de-duplication is judged on that count).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BenchMark } from '../pages/marks.js';

/** Options of {@link startBenchServer}. */
export interface BenchServerOptions {
  /** HTML pages by path (`/result/core.html`). */
  pages: ReadonlyMap<string, string>;
  /** Delay before any `/jsvm/*.js` is answered, ms. */
  scriptDelayMs: number;
}

/** A running bench server. */
export interface BenchServer {
  origin: string;
  /** Requests seen for a path (query ignored) since the last reset. */
  scriptRequests(path: string): number;
  resetCounts(): void;
  /** The mark a page posts for navigation `run` (see bench/pages/record.ts). */
  nextMark(run: string, timeoutMs?: number): Promise<BenchMark>;
  close(): Promise<void>;
}

/**
 * What the stand-in script defines: a synchronous global `getMetaInfo()` returning an object, as the
 * real jsvm_all.js does (the caller must `JSON.stringify` it). Field names follow the real MetaInfo.
 */
export const JSVM_STAND_IN = `window.getMetaInfo = function () {
  return {
    apdidToken: '',
    appName: location.hostname,
    appVersion: '',
    bioMetaInfo: '4.1.0:1150,0',
    deviceType: 'h5',
    osName: 'bench',
    osVersion: '',
    sdkVersion: '',
    ua: navigator.userAgent
  };
};
`;

const headers = (type: string): Record<string, string> => ({
  'content-type': type,
  'cache-control': 'no-store',
});

/** Starts the server on 127.0.0.1 and a free port. */
export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const counts = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();

  const marks = new Map<string, BenchMark>();
  const waiters = new Map<string, (mark: BenchMark) => void>();

  const receiveMark = (req: IncomingMessage, res: ServerResponse): void => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      res.writeHead(204, headers('text/plain')).end();
      let mark: BenchMark;
      try {
        mark = JSON.parse(body) as BenchMark;
      } catch {
        return; // not from a bench page
      }
      if (typeof mark.run !== 'string' || typeof mark.t !== 'number') return;
      const waiter = waiters.get(mark.run);
      if (waiter) {
        waiters.delete(mark.run);
        waiter(mark);
      } else marks.set(mark.run, mark);
    });
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/__mark' && req.method === 'POST') {
      receiveMark(req, res);
      return;
    }
    if (path.startsWith('/jsvm/') && path.endsWith('.js')) {
      counts.set(path, (counts.get(path) ?? 0) + 1);
      const timer = setTimeout(() => {
        timers.delete(timer);
        res.writeHead(200, headers('text/javascript; charset=utf-8')).end(JSVM_STAND_IN);
      }, options.scriptDelayMs);
      timers.add(timer);
      return;
    }
    const page = options.pages.get(path);
    if (page !== undefined) {
      res.writeHead(200, headers('text/html; charset=utf-8')).end(page);
      return;
    }
    // The browser asks for /favicon.ico on every navigation; answer fast and empty so it costs
    // every page the same.
    res.writeHead(404, headers('text/plain; charset=utf-8')).end('not found');
  };

  const server = createServer(handle);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    scriptRequests: (path) => counts.get(path) ?? 0,
    resetCounts: () => counts.clear(),
    nextMark: (run, timeoutMs = 15_000) => {
      const early = marks.get(run);
      if (early) {
        marks.delete(run);
        return Promise.resolve(early);
      }
      return new Promise<BenchMark>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(run);
          reject(new Error(`no mark for run ${run} within ${timeoutMs} ms`));
        }, timeoutMs);
        timers.add(timer);
        waiters.set(run, (mark) => {
          clearTimeout(timer);
          timers.delete(timer);
          resolve(mark);
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
