import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { REDIRECT_CASES } from '../test/redirect-cases.js';
import { FaceVerifyError } from './errors.js';
import {
  DEFAULT_CERTIFY_HOSTS,
  DEFAULT_SCRIPT_HOSTS,
  isAllowedCertifyUrl,
  isAllowedScriptUrl,
  MAX_CERTIFY_URL_LENGTH,
  PENDING_KEY,
  startVerification,
  type PendingStorage,
  type StartVerificationOptions,
} from './redirect.js';

const EMULATOR = ['127.0.0.1:8787'];

describe('isAllowedCertifyUrl', () => {
  it.each(REDIRECT_CASES)('shared case %j with %j → %s', (url, hosts, allowed) => {
    expect(isAllowedCertifyUrl(url, hosts)).toBe(allowed);
  });

  it('accepts the real CertifyUrl hosts by default', () => {
    for (const url of [
      'http://m.alyms.cn/F4.xxxxxxx',
      'https://m.alyms.cn/F4.AbC12',
      'https://picker.antcloudauth.aliyuncs.com/gateway.do?biz_content=%7B%7D&sign=a%2Bb',
      'https://picker.antcloudauth.aliyuncs.com:443/gateway.do',
      'https://cloudauth.aliyun.com/h5/index.html#/consent',
      'https://a.b.aliyun.com/',
      'HTTPS://M.ALYMS.CN/F4.x',
      'https://m.alyms.cn',
    ])
      expect(isAllowedCertifyUrl(url), url).toBe(true);
  });

  it('lists exactly the default hosts of the contract, frozen', () => {
    expect(DEFAULT_CERTIFY_HOSTS).toEqual([
      'm.alyms.cn',
      'picker.antcloudauth.aliyuncs.com',
      '*.aliyun.com',
    ]);
    expect(Object.isFrozen(DEFAULT_CERTIFY_HOSTS)).toBe(true);
  });

  it('allows plain http only for m.alyms.cn among the defaults', () => {
    expect(isAllowedCertifyUrl('http://picker.antcloudauth.aliyuncs.com/gateway.do')).toBe(false);
    expect(isAllowedCertifyUrl('http://cloudauth.aliyun.com/x')).toBe(false);
  });

  it('has no wildcard over aliyuncs.com, where anyone can host a bucket', () => {
    for (const url of [
      'https://evil-bucket.oss-cn-shanghai.aliyuncs.com/page.html',
      'https://cn-shanghai-aliyun-cloudauth.oss-cn-shanghai.aliyuncs.com/web_sdk_js/x.html',
      'https://antcloudauth.aliyuncs.com/gateway.do',
      'https://x.picker.antcloudauth.aliyuncs.com/gateway.do',
      'https://xpicker.antcloudauth.aliyuncs.com/gateway.do',
      'https://aliyuncs.com/',
    ])
      expect(isAllowedCertifyUrl(url), url).toBe(false);
  });

  it('rejects look-alike hosts, including punycode and Unicode ones', () => {
    for (const url of [
      'https://aliyun.com/',
      'https://evilaliyun.com/',
      'https://aliyun.com.evil.cn/',
      'https://x.aliyun.com.evil.cn/',
      'https://x.aliyun.com./',
      'https://m.alyms.cn.evil.cn/',
      'https://m.alyms.cn./F4',
      'https://xm.alyms.cn/',
      'https://a.m.alyms.cn/',
      'https://m-alyms.cn/',
      'https://alyms.cn/',
      'https://m.\u0430lyms.cn/F4', // Cyrillic а
      'https://xn--m-alyms-7nf.cn/',
      'https://cloudauth.\u0430liyun.com/',
      'https://cloudauth.xn--liyun-6ve.com/',
      'https://m.alyms.cn%2eevil.cn/',
      'https://[::1]/',
      'https://8.8.8.8/',
    ])
      expect(isAllowedCertifyUrl(url), url).toBe(false);
  });

  it('rejects userinfo, even empty or hiding the real host', () => {
    for (const url of [
      'https://user:pass@m.alyms.cn/F4',
      'https://user@m.alyms.cn/F4',
      'https://@m.alyms.cn/F4',
      'https://:@m.alyms.cn/F4',
      'https://m.alyms.cn@evil.com/F4',
      'https://m.alyms.cn:443@evil.com/',
      'https://evil.com#@m.alyms.cn/',
    ])
      expect(isAllowedCertifyUrl(url), url).toBe(false);
  });

  it('rejects ports the entry does not name', () => {
    expect(isAllowedCertifyUrl('https://m.alyms.cn:8443/F4')).toBe(false);
    expect(isAllowedCertifyUrl('http://m.alyms.cn:8080/F4')).toBe(false);
    expect(isAllowedCertifyUrl('https://cloudauth.aliyun.com:444/')).toBe(false);
    expect(isAllowedCertifyUrl('http://127.0.0.1:8788/certify/t', EMULATOR)).toBe(false);
    expect(isAllowedCertifyUrl('http://127.0.0.1/certify/t', EMULATOR)).toBe(false);
    expect(isAllowedCertifyUrl('https://verify.example:8443/', ['verify.example'])).toBe(false);
  });

  it('rejects every scheme but http and https', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript://m.alyms.cn/%0aalert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ftp://m.alyms.cn/F4',
      'ws://m.alyms.cn/F4',
      'wss://m.alyms.cn/F4',
      'blob:https://m.alyms.cn/0b1c',
      'file:///etc/passwd',
      'alipays://platformapi/startapp?appId=20000067',
      'httpx://m.alyms.cn/',
    ])
      expect(isAllowedCertifyUrl(url), url).toBe(false);
  });

  it('rejects relative, protocol-relative and forgiving spellings the URL parser would accept', () => {
    for (const url of [
      '//m.alyms.cn/F4',
      '/certify',
      'm.alyms.cn/F4',
      'https:m.alyms.cn/F4',
      'https:/m.alyms.cn/F4',
      'https:///m.alyms.cn/F4',
      'https:\\\\m.alyms.cn/F4',
      'https://m.alyms.cn\\@evil.com/',
      '',
    ])
      expect(isAllowedCertifyUrl(url), url).toBe(false);
  });

  it('rejects whitespace, control and invisible characters anywhere', () => {
    for (const ch of [
      ' ',
      '\t',
      '\n',
      '\r',
      '\0',
      '\x1b',
      '\x7f',
      '\x85',
      '\u00a0',
      '\u2028',
      '\u3000',
      '\ufeff',
      '\u200b',
      '\u202e',
      '\ud800',
    ])
      for (const url of [
        `${ch}https://m.alyms.cn/F4`,
        `https://m.alyms.cn/F4${ch}`,
        `https://m.al${ch}yms.cn/F4`,
        `https://m.alyms.cn/a${ch}b`,
      ])
        expect(isAllowedCertifyUrl(url), JSON.stringify(url)).toBe(false);
  });

  it('rejects URLs over 4 KB and accepts one of exactly 4 KB', () => {
    const base = 'https://m.alyms.cn/F4?p=';
    const exact = base + 'a'.repeat(MAX_CERTIFY_URL_LENGTH - base.length);
    expect(exact).toHaveLength(4096);
    expect(isAllowedCertifyUrl(exact)).toBe(true);
    expect(isAllowedCertifyUrl(`${exact}a`)).toBe(false);
  });

  it('rejects what is not a string', () => {
    for (const value of [undefined, null, 42, {}, new URL('https://m.alyms.cn/F4')])
      expect(isAllowedCertifyUrl(value as unknown as string)).toBe(false);
  });

  describe('caller entries', () => {
    it('add host:port entries, e.g. the emulator on loopback over http', () => {
      expect(isAllowedCertifyUrl('http://127.0.0.1:8787/certify/tok', EMULATOR)).toBe(true);
      expect(isAllowedCertifyUrl('https://127.0.0.1:8787/certify/tok', EMULATOR)).toBe(true);
      expect(isAllowedCertifyUrl('http://localhost:5173/c', ['localhost:5173'])).toBe(true);
      expect(isAllowedCertifyUrl('http://[::1]:8787/c', ['[::1]:8787'])).toBe(true);
      expect(isAllowedCertifyUrl('http://127.0.0.2:9000/c', ['127.0.0.2:9000'])).toBe(true);
      // Entries are normalized like URLs: case, IPv4 spellings.
      expect(isAllowedCertifyUrl('http://127.0.0.1:8787/c', ['127.1:8787'])).toBe(true);
      expect(isAllowedCertifyUrl('http://localhost:8787/c', ['LocalHost:8787'])).toBe(true);
    });

    it('add a host without port: the default port only', () => {
      const hosts = ['verify.example.com'];
      expect(isAllowedCertifyUrl('https://verify.example.com/c', hosts)).toBe(true);
      expect(isAllowedCertifyUrl('https://verify.example.com:443/c', hosts)).toBe(true);
      expect(isAllowedCertifyUrl('https://verify.example.com:8443/c', hosts)).toBe(false);
      expect(isAllowedCertifyUrl('https://sub.verify.example.com/c', hosts)).toBe(false);
      expect(isAllowedCertifyUrl('http://localhost/c', ['localhost'])).toBe(true);
      expect(isAllowedCertifyUrl('http://localhost:8080/c', ['localhost'])).toBe(false);
    });

    it('match the port exactly, the scheme default included', () => {
      expect(isAllowedCertifyUrl('https://verify.example.com/c', ['verify.example.com:443'])).toBe(
        true,
      );
      expect(isAllowedCertifyUrl('https://verify.example.com/c', ['verify.example.com:80'])).toBe(
        false,
      );
      expect(isAllowedCertifyUrl('https://verify.example.com/c', ['verify.example.com:8443'])).toBe(
        false,
      );
    });

    it('allow http only for loopback entries', () => {
      expect(isAllowedCertifyUrl('http://verify.example.com/c', ['verify.example.com'])).toBe(
        false,
      );
      expect(isAllowedCertifyUrl('http://192.168.1.5:8787/c', ['192.168.1.5:8787'])).toBe(false);
      expect(isAllowedCertifyUrl('https://192.168.1.5:8787/c', ['192.168.1.5:8787'])).toBe(true);
      expect(isAllowedCertifyUrl('http://localhost.evil.com/c', ['localhost.evil.com'])).toBe(
        false,
      );
    });

    it('compare IDN entries after punycode, like the URL', () => {
      expect(isAllowedCertifyUrl('https://xn--bcher-kva.example/c', ['bücher.example'])).toBe(true);
      expect(isAllowedCertifyUrl('https://bücher.example/c', ['xn--bcher-kva.example'])).toBe(true);
      expect(isAllowedCertifyUrl('https://bucher.example/c', ['bücher.example'])).toBe(false);
    });

    it('ignore entries that are not a bare host[:port], without spoiling the others', () => {
      const url = 'https://verify.example.com/c';
      for (const entry of [
        'https://verify.example.com',
        'verify.example.com/c',
        'user@verify.example.com',
        '*.example.com',
        '*',
        '',
        ' verify.example.com',
        'verify.example.com:99999',
        'verify.example.com:-1',
        '[::1',
        'verify.example.com?x',
      ])
        expect(isAllowedCertifyUrl(url, [entry]), entry).toBe(false);
      expect(
        isAllowedCertifyUrl(url, ['[::1', 42 as unknown as string, 'verify.example.com']),
      ).toBe(true);
      expect(isAllowedCertifyUrl(url, 'verify.example.com' as unknown as string[])).toBe(false);
    });

    it('cannot open the aliyuncs.com wildcard', () => {
      const bucket = 'https://evil.oss-cn-shanghai.aliyuncs.com/p.html';
      expect(isAllowedCertifyUrl(bucket, ['*.aliyuncs.com', '.aliyuncs.com', 'aliyuncs.com'])).toBe(
        false,
      );
    });
  });
});

describe('isAllowedScriptUrl', () => {
  it("accepts jsvm_all.js from the seeds' bucket and the official CDN, over https only", () => {
    expect(DEFAULT_SCRIPT_HOSTS).toStrictEqual([
      'cn-shanghai-aliyun-cloudauth.oss-cn-shanghai.aliyuncs.com',
      'o.alicdn.com',
    ]);
    expect(Object.isFrozen(DEFAULT_SCRIPT_HOSTS)).toBe(true);
    expect(
      isAllowedScriptUrl(
        'https://cn-shanghai-aliyun-cloudauth.oss-cn-shanghai.aliyuncs.com/web_sdk_js/jsvm_all.js',
      ),
    ).toBe(true);
    expect(isAllowedScriptUrl('https://o.alicdn.com/yd-cloudauth/cloudauth-cdn/jsvm_all.js')).toBe(
      true,
    );
    expect(isAllowedScriptUrl('http://o.alicdn.com/yd-cloudauth/cloudauth-cdn/jsvm_all.js')).toBe(
      false,
    );
  });

  it('refuses any other host, other buckets on OSS and the CertifyUrl hosts included', () => {
    for (const src of [
      'https://evil.example/x.js',
      'https://evil.oss-cn-shanghai.aliyuncs.com/web_sdk_js/jsvm_all.js',
      'https://m.alyms.cn/jsvm_all.js',
      'https://www.aliyun.com/jsvm_all.js',
      'https://o.alicdn.com.evil.example/jsvm_all.js',
      'https://o.alicdn.com@evil.example/jsvm_all.js',
      '//o.alicdn.com/jsvm_all.js',
      '/jsvm_all.js',
      'javascript:alert(1)',
      'data:text/javascript,alert(1)',
    ]) {
      expect(isAllowedScriptUrl(src), src).toBe(false);
    }
  });

  it("adds the caller's host[:port] entries, http only on loopback (the emulator)", () => {
    expect(isAllowedScriptUrl('http://127.0.0.1:8787/jsvm_all.js', EMULATOR)).toBe(true);
    expect(isAllowedScriptUrl('http://127.0.0.1:8788/jsvm_all.js', EMULATOR)).toBe(false);
    expect(isAllowedScriptUrl('https://cdn.shop.example/jsvm_all.js', ['cdn.shop.example'])).toBe(
      true,
    );
    expect(isAllowedScriptUrl('http://cdn.shop.example/jsvm_all.js', ['cdn.shop.example'])).toBe(
      false,
    );
  });
});

/** A fake browser for startVerification: records navigation and what storage held at that time. */
function fakeStart(overrides: Partial<StartVerificationOptions> = {}) {
  const items = new Map<string, string>();
  const storage: PendingStorage = {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
  const navigations: { url: string; stored: string | undefined }[] = [];
  const location = {
    pathname: '/checkout',
    search: '?order=42',
    hash: '#pay',
    assign: vi.fn((url: string | URL) =>
      navigations.push({ url: String(url), stored: items.get(PENDING_KEY) }),
    ),
  };
  const options: StartVerificationOptions = {
    certifyUrl: 'http://m.alyms.cn/F4.xxxxxxx',
    certifyId: 'cid-7',
    location,
    storage,
    now: 1_700_000_000_000,
    ...overrides,
  };
  return { options, items, navigations, location };
}

describe('startVerification', () => {
  it('writes the pending record, then navigates', () => {
    const { options, navigations } = fakeStart();
    startVerification(options);
    expect(navigations).toHaveLength(1);
    expect(navigations[0]?.url).toBe('http://m.alyms.cn/F4.xxxxxxx');
    expect(JSON.parse(navigations[0]?.stored ?? 'null')).toStrictEqual({
      v: 1,
      startedAt: 1_700_000_000_000,
      certifyId: 'cid-7',
      returnPath: '/checkout?order=42#pay',
    });
  });

  it("records the merchant server's ticket with the certifyId, for the return page's describe", () => {
    const { options, navigations } = fakeStart({ ticket: 'v1.payload.mac' });
    startVerification(options);
    expect(JSON.parse(navigations[0]?.stored ?? 'null')).toMatchObject({
      certifyId: 'cid-7',
      ticket: 'v1.payload.mac',
    });
  });

  it('records the return route it is given, and no certifyId when there is none', () => {
    const { options, items } = fakeStart({ returnPath: '/#/result' });
    delete options.certifyId;
    startVerification(options);
    expect(JSON.parse(items.get(PENDING_KEY) ?? 'null')).toStrictEqual({
      v: 1,
      startedAt: 1_700_000_000_000,
      returnPath: '/#/result',
    });
  });

  it('navigates even when storage refuses (Safari private mode) or is switched off', () => {
    const quota: PendingStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    for (const storage of [quota, null]) {
      const { options, navigations } = fakeStart({ storage });
      startVerification(options);
      expect(navigations.map((n) => n.url)).toEqual(['http://m.alyms.cn/F4.xxxxxxx']);
    }
  });

  it('navigates to allowed caller hosts', () => {
    const { options, navigations } = fakeStart({
      certifyUrl: 'http://127.0.0.1:8787/certify/tok',
      allowedHosts: EMULATOR,
    });
    startVerification(options);
    expect(navigations.map((n) => n.url)).toEqual(['http://127.0.0.1:8787/certify/tok']);
  });

  it('throws invalid-certify-url for a refused URL; nothing navigates, nothing is stored', () => {
    for (const certifyUrl of [
      'javascript:alert(1)',
      'https://evil.oss-cn-shanghai.aliyuncs.com/p?token=secret',
      'http://127.0.0.1:8787/certify/tok',
    ]) {
      const { options, items, location } = fakeStart({ certifyUrl });
      let error: unknown;
      try {
        startVerification(options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(FaceVerifyError);
      expect((error as FaceVerifyError).code).toBe('invalid-certify-url');
      // The URL may carry tokens: it is not repeated in the message.
      expect((error as FaceVerifyError).message).not.toContain(certifyUrl);
      expect(location.assign).not.toHaveBeenCalled();
      expect(items.size).toBe(0);
    }
  });

  it('throws not-browser outside a browser, after checking the URL', () => {
    const { options } = fakeStart();
    delete options.location;
    expect(() => startVerification(options)).toThrow(
      expect.objectContaining({ code: 'not-browser' }),
    );
    expect(() => startVerification({ certifyUrl: 'ftp://x' })).toThrow(
      expect.objectContaining({ code: 'invalid-certify-url' }),
    );
  });

  it('has the public types the contract names', () => {
    expectTypeOf(startVerification).returns.toBeVoid();
    expectTypeOf(isAllowedCertifyUrl).toEqualTypeOf<
      (url: string, allowedHosts?: readonly string[]) => boolean
    >();
    expectTypeOf(DEFAULT_CERTIFY_HOSTS).toEqualTypeOf<readonly string[]>();
    expect(() => {
      // @ts-expect-error certifyUrl is required
      startVerification({ certifyId: 'x' });
    }).toThrow(FaceVerifyError);
    expect(() => {
      // @ts-expect-error the allowlist is read-only, for the type checker and at run time
      DEFAULT_CERTIFY_HOSTS.push('evil.com');
    }).toThrow(TypeError);
  });
});
