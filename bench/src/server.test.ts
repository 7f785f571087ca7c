import { afterEach, describe, expect, it } from 'vitest';
import { startBenchServer, type BenchServer } from './server.js';

let server: BenchServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('bench server', () => {
  it('serves pages no-store on loopback and 404s the rest', async () => {
    server = await startBenchServer({
      pages: new Map([['/p.html', '<p>hi</p>']]),
      scriptDelayMs: 0,
    });
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(`${server.origin}/p.html?x=1`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toBe('<p>hi</p>');
    expect((await fetch(`${server.origin}/nope`)).status).toBe(404);
  });

  it('answers the jsvm stand-in after the fixed delay and counts each request by path', async () => {
    server = await startBenchServer({ pages: new Map(), scriptDelayMs: 120 });
    const started = performance.now();
    const [a, b] = await Promise.all([
      fetch(`${server.origin}/jsvm/core.js?retry=1`),
      fetch(`${server.origin}/jsvm/core.js`),
    ]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(await a.text()).toContain('window.getMetaInfo = function');
    await b.text();
    expect(server.scriptRequests('/jsvm/core.js')).toBe(2);
    expect(server.scriptRequests('/jsvm/raw.js')).toBe(0);
    server.resetCounts();
    expect(server.scriptRequests('/jsvm/core.js')).toBe(0);
  });

  it('hands a posted mark to whoever waits for that run, whether it arrives before or after', async () => {
    server = await startBenchServer({ pages: new Map(), scriptDelayMs: 0 });
    const post = (body: unknown): Promise<Response> =>
      fetch(`${server?.origin}/__mark`, { method: 'POST', body: JSON.stringify(body) });
    const waiting = server.nextMark('r1', 2000);
    await post({ run: 'r0', t: 5, check: 1 });
    await post({ run: 'r1', t: 12.5, check: 1001 });
    expect(await waiting).toEqual({ run: 'r1', t: 12.5, check: 1001 });
    expect(await server.nextMark('r0', 2000)).toEqual({ run: 'r0', t: 5, check: 1 });
  });

  it('rejects a wait that no page answers, and ignores garbage posts', async () => {
    server = await startBenchServer({ pages: new Map(), scriptDelayMs: 0 });
    const waiting = server.nextMark('never', 100);
    await fetch(`${server.origin}/__mark`, { method: 'POST', body: 'not json' });
    await expect(waiting).rejects.toThrow(/no mark for run never/);
  });
});
