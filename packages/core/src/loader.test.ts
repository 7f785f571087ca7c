import { afterEach, describe, expect, it } from 'vitest';
import { FaceVerifyError } from './errors.js';
import { DEFAULT_JSVM_SRC, getMetaInfo, loadJsvm } from './loader.js';

async function codeOf(promise: Promise<unknown>): Promise<[string, unknown]> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaceVerifyError);
  return [(error as FaceVerifyError).code, (error as FaceVerifyError).cause];
}

describe('loader in Node (no DOM)', () => {
  it("defaults to the seeds' OSS URL", () => {
    expect(DEFAULT_JSVM_SRC).toBe(
      'https://cn-shanghai-aliyun-cloudauth.oss-cn-shanghai.aliyuncs.com/web_sdk_js/jsvm_all.js',
    );
  });

  it('rejects with not-browser instead of throwing', async () => {
    expect(typeof document).toBe('undefined');
    let load: Promise<void> | undefined;
    expect(() => (load = loadJsvm())).not.toThrow();
    expect((await codeOf(load ?? Promise.resolve()))[0]).toBe('not-browser');
    expect((await codeOf(getMetaInfo({ src: '/x.js', timeoutMs: 10 })))[0]).toBe('not-browser');
    expect((await codeOf(getMetaInfo({ signal: AbortSignal.abort() })))[0]).toBe('not-browser');
  });
});

// The global `getMetaInfo()` contract, checked with the global already present (so nothing loads).
describe('getMetaInfo turns what the global returns into the MetaInfo JSON string', () => {
  const g = globalThis as { window?: unknown; document?: unknown };
  const withGlobal = (fn: () => unknown): void => {
    g.window = { getMetaInfo: fn };
    g.document = {};
  };
  afterEach(() => {
    delete g.window;
    delete g.document;
  });

  const META = {
    zimVer: '3.0.0',
    appVersion: '1',
    bioMetaInfo: '4.1.0:11501568,0',
    appName: 'com.aliyun.antcloudauth',
    deviceType: 'ios',
    osVersion: 'iOS 10.3.2',
    apdidToken: '',
    deviceModel: 'iPhone9,1',
  };

  it('stringifies an object (sending the object itself is the classic integration bug)', async () => {
    withGlobal(() => META);
    const meta = await getMetaInfo();
    expect(meta).toBe(JSON.stringify(META));
    expect(JSON.parse(meta)).toEqual(META);
  });

  it('passes a JSON object string through exactly as produced', async () => {
    const text = '{"zimVer":"3.0.0","appVersion": "1","apdidToken":""}';
    withGlobal(() => text);
    expect(await getMetaInfo()).toBe(text);
  });

  it('accepts a global that returns a promise of the object', async () => {
    withGlobal(() => Promise.resolve(META));
    expect(JSON.parse(await getMetaInfo())).toEqual(META);
  });

  it.each([
    [
      'a thrown error',
      () => {
        throw new Error('jsvm exploded');
      },
      Error,
    ],
    ['a non-JSON string', () => "{'zimVer':'3.0.0'}", SyntaxError],
    [
      'an object that cannot be stringified',
      () => {
        const cyclic: Record<string, unknown> = {};
        cyclic['self'] = cyclic;
        return cyclic;
      },
      TypeError,
    ],
    ['an object holding a BigInt', () => ({ n: 1n }), TypeError],
  ])('%s → metainfo-unavailable with the cause', async (_label, fn, causeType) => {
    withGlobal(fn);
    const [code, cause] = await codeOf(getMetaInfo());
    expect(code).toBe('metainfo-unavailable');
    expect(cause).toBeInstanceOf(causeType);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an array', [META]],
    ['a JSON array string', '[1,2]'],
    ['a JSON string of a string', '"abc"'],
    ['a JSON null string', 'null'],
  ])('%s is not MetaInfo → metainfo-unavailable', async (_label, value) => {
    withGlobal(() => value);
    expect((await codeOf(getMetaInfo()))[0]).toBe('metainfo-unavailable');
  });
});
