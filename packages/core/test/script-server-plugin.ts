import type { ServerResponse } from 'node:http';
import type { Plugin } from 'vitest/config';

/** URL prefix of the loader's script server on the vitest browser server. */
export const JSVM_PREFIX = '/__jsvm';

/**
 * A stand-in for `jsvm_all.js`: a synchronous global `getMetaInfo()` returning an object shaped
 * like the real MetaInfo (the seeds' example fields plus `ua`). `window.__jsvmRuns` counts how many
 * times a copy executed, so tests can prove the script ran once. `variant` picks what the global
 * returns, to exercise getMetaInfo()'s validation.
 */
export function jsvmStandIn(variant = 'object'): string {
  const value = {
    object: 'meta',
    string: 'JSON.stringify(meta)',
    'bad-string': "'{not json'",
    array: '[meta]',
    throws: "(() => { throw new Error('jsvm exploded'); })()",
  }[variant];
  return `(function () {
  window.__jsvmRuns = (window.__jsvmRuns || 0) + 1;
  window.getMetaInfo = function () {
    var ua = navigator.userAgent;
    var meta = {
      zimVer: '3.0.0',
      appVersion: '1',
      bioMetaInfo: '4.1.0:11501568,0',
      appName: location.hostname,
      deviceType: 'h5',
      osVersion: navigator.platform,
      apdidToken: '',
      deviceModel: /Mobile/.test(ua) ? 'mobile' : 'desktop',
      ua: ua
    };
    return ${value ?? 'meta'};
  };
})();
`;
}

/**
 * Serves `jsvm_all.js` with behaviour chosen by the path, so the loader can be tested against real
 * HTTP in a real browser without leaving loopback. Every request is counted per test id.
 *
 * - `/__jsvm/ok/<id>.js`: the stand-in. `/__jsvm/ok-<variant>/<id>.js`: a variant (see {@link jsvmStandIn}).
 * - `/__jsvm/404/<id>.js`: always 404.
 * - `/__jsvm/fail<N>/<id>.js`: 500 for the first N requests of this id, then the stand-in.
 * - `/__jsvm/hang/<id>.js`: never answers (the socket is dropped after a minute).
 * - `/__jsvm/slow<MS>/<id>.js`: the stand-in after MS milliseconds.
 * - `/__jsvm/noglobal/<id>.js`: valid JavaScript that defines no `getMetaInfo`.
 * - `/__jsvm/stats/<id>`: `{ count, urls }` of the requests seen for this id, as JSON.
 */
export function jsvmScriptServer(): Plugin {
  const seen = new Map<string, string[]>();
  const send = (res: ServerResponse, status: number, body: string): void => {
    res.writeHead(status, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
    res.end(body);
  };
  return {
    name: 'aliyun-face-verify-jsvm-script-server',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://jsvm.invalid');
        const m = /^\/__jsvm\/([\w-]+)\/([\w-]+?)(?:\.js)?$/.exec(url.pathname);
        if (!m) return next();
        const [, scenario = '', id = ''] = m;
        if (scenario === 'stats') {
          const urls = seen.get(id) ?? [];
          res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
          return res.end(JSON.stringify({ count: urls.length, urls }));
        }
        const urls = seen.get(id) ?? [];
        urls.push(req.url ?? '');
        seen.set(id, urls);

        const [, kind = '', arg = ''] = /^([a-z]+)-?([\w-]*)$/.exec(scenario) ?? [];
        switch (kind) {
          case 'ok':
            return send(res, 200, jsvmStandIn(arg || 'object'));
          case 'fail':
            return urls.length <= Number(arg)
              ? send(res, 500, '/* upstream error */')
              : send(res, 200, jsvmStandIn());
          case 'hang': {
            const drop = setTimeout(() => res.destroy(), 60_000);
            drop.unref();
            return;
          }
          case 'slow': {
            setTimeout(() => send(res, 200, jsvmStandIn()), Number(arg)).unref();
            return;
          }
          case 'noglobal':
            return send(
              res,
              200,
              'window.__jsvmNoGlobalRuns = (window.__jsvmNoGlobalRuns || 0) + 1;',
            );
          default:
            return send(res, 404, '/* not found */');
        }
      });
    },
  };
}
