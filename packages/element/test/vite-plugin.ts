import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vitest/config';

/** URL prefix of the element's test fixtures on the vitest browser server. */
export const FIXTURES = '/__aliyun-face-verify-element';

const jsvm = readFileSync(fileURLToPath(new URL('./fixtures/jsvm.js', import.meta.url)), 'utf8');

/**
 * Serves what the element's browser tests need from the vitest server itself, so nothing leaves
 * loopback: msw's service worker at the root scope (straight from the installed msw, so it always
 * matches the library version), the jsvm stand-in, and broken variants of it.
 *
 * - `${FIXTURES}/jsvm.js`: the stand-in.
 * - `${FIXTURES}/jsvm-empty.js`: loads fine but defines no `getMetaInfo`.
 * - `${FIXTURES}/jsvm-404.js`: always 404.
 * - `${FIXTURES}/jsvm-hang.js`: never answers (until the socket closes).
 * - `${FIXTURES}/jsvm-switch.js?key=K`: 503 until `${FIXTURES}/switch?key=K` is requested, then the stand-in.
 * - `${FIXTURES}/no-content`: 204, so a navigation to it leaves the test page where it is.
 * - `${FIXTURES}/hits?key=K`: how many times `jsvm-switch.js?key=K` was requested, as JSON.
 */
export function elementTestFixtures(): Plugin {
  const worker = createRequire(import.meta.url).resolve('msw/mockServiceWorker.js');
  const switched = new Set<string>();
  const hits = new Map<string, number>();
  const send = (res: ServerResponse, status: number, type: string, body: string): void => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  return {
    name: 'aliyun-face-verify-element-fixtures',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://fixtures.invalid');
        if (url.pathname === '/mockServiceWorker.js')
          return send(res, 200, 'text/javascript', readFileSync(worker, 'utf8'));
        if (!url.pathname.startsWith(`${FIXTURES}/`)) return next();
        const key = url.searchParams.get('key') ?? '';
        switch (url.pathname.slice(FIXTURES.length)) {
          case '/jsvm.js':
            return send(res, 200, 'text/javascript', jsvm);
          case '/jsvm-empty.js':
            return send(res, 200, 'text/javascript', '// defines nothing\n');
          case '/jsvm-404.js':
            return send(res, 404, 'text/plain', 'not found');
          case '/jsvm-hang.js':
            return; // never answered: the loader's timeout is what is under test
          case '/jsvm-switch.js':
            hits.set(key, (hits.get(key) ?? 0) + 1);
            return switched.has(key)
              ? send(res, 200, 'text/javascript', jsvm)
              : send(res, 503, 'text/plain', 'unavailable');
          case '/switch':
            switched.add(key);
            return send(res, 204, 'text/plain', '');
          case '/no-content':
            res.writeHead(204).end();
            return;
          case '/hits':
            return send(res, 200, 'application/json', JSON.stringify(hits.get(key) ?? 0));
          default:
            return send(res, 404, 'text/plain', 'no such fixture');
        }
      });
    },
  };
}
