import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAllowedCertifyUrl } from './redirect.js';

const RUNS = { numRuns: 10_000 };

/** Caller entries used by the properties, with hostile ones that must never widen anything. */
const ENTRIES = [
  '127.0.0.1:8787',
  'localhost:5173',
  '[::1]:8787',
  'verify.example.com',
  '192.168.1.5:8443',
  'xn--bcher-kva.example',
  '*.aliyuncs.com',
  'https://evil.example',
  'evil.example/path',
  'user@evil.example',
];

/**
 * The allowlist written out by hand from DESIGN.md as `protocol//host` (host with its port when
 * not the default), independent of the implementation. `*.aliyun.com` is checked separately.
 */
const ALLOWED = new Set([
  'http://m.alyms.cn',
  'https://m.alyms.cn',
  'https://picker.antcloudauth.aliyuncs.com',
  'http://127.0.0.1:8787',
  'https://127.0.0.1:8787',
  'http://localhost:5173',
  'https://localhost:5173',
  'http://[::1]:8787',
  'https://[::1]:8787',
  'https://verify.example.com',
  'https://192.168.1.5:8443',
  'https://xn--bcher-kva.example',
]);

/** What an accepted URL must satisfy, checked without the implementation's code. */
function expectSafe(url: string): void {
  expect(url.length).toBeLessThanOrEqual(4096);
  expect(url).toMatch(/^https?:\/\//i);
  for (const ch of url) {
    const cp = ch.codePointAt(0) ?? 0;
    // ASCII controls, space, backslash, DEL, C1 controls, NBSP and the Unicode spaces and
    // invisible format characters used for spoofing.
    expect(cp <= 0x20 || ch === '\\' || (cp >= 0x7f && cp <= 0xa0)).toBe(false);
    expect(/[\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/.test(ch)).toBe(false);
  }
  const authority = url.slice(url.indexOf('//') + 2).split(/[/?#]/)[0] ?? '';
  expect(authority).not.toContain('@');
  expect(authority.length).toBeGreaterThan(0);
  const parsed = new URL(url);
  expect(parsed.username + parsed.password).toBe('');
  const key = `${parsed.protocol}//${parsed.host}`;
  const aliyun =
    parsed.protocol === 'https:' &&
    parsed.port === '' &&
    /^[^.]+(\.[^.]+)*\.aliyun\.com$/.test(parsed.hostname);
  expect(ALLOWED.has(key) || aliyun, key).toBe(true);
  if (parsed.hostname.endsWith('aliyuncs.com'))
    expect(parsed.hostname).toBe('picker.antcloudauth.aliyuncs.com');
}

const allowedHost = fc.constantFrom(
  'm.alyms.cn',
  'picker.antcloudauth.aliyuncs.com',
  'cloudauth.aliyun.com',
  'a.b.aliyun.com',
  '127.0.0.1',
  'localhost',
  '[::1]',
  'verify.example.com',
  '192.168.1.5',
  'xn--bcher-kva.example',
);

/** Characters that look like Latin letters in allowed hosts. */
const homoglyph = fc.constantFrom(
  '\u0430',
  '\u043e',
  '\u0435',
  '\u0456',
  '\uff4d',
  '\u217f',
  '\u0131',
);

const hostArb = fc.oneof(
  allowedHost,
  // Look-alikes: prefixes, suffixes and separators around a real host.
  fc
    .tuple(
      fc.constantFrom('', '', 'x', 'evil.', 'x-', 'www.', 'm.', '.', '%2e'),
      allowedHost,
      fc.constantFrom(
        '',
        '',
        '.',
        '.evil.cn',
        'x',
        '%2e',
        '.aliyuncs.com',
        ':@evil.com',
        '@evil.com',
      ),
    )
    .map(([a, h, b]) => a + h + b),
  // Homoglyph substitution at a random position.
  fc.tuple(allowedHost, fc.nat(), homoglyph).map(([h, i, g]) => {
    const at = i % h.length;
    return h.slice(0, at) + g + h.slice(at + 1);
  }),
  // OSS buckets and other aliyuncs.com hosts anyone can create.
  fc
    .tuple(
      fc.domain().map((d) => d.split('.')[0] ?? 'b'),
      fc.constantFrom('oss-cn-shanghai.', 'oss-cn-hangzhou.', ''),
    )
    .map(([bucket, region]) => `${bucket}.${region}aliyuncs.com`),
  fc.domain(),
  fc.ipV4(),
  fc.string({ maxLength: 12 }),
);

const pathUnit = fc.oneof(
  fc.constantFrom(
    '/',
    '?',
    '#',
    '&',
    '=',
    '@',
    '%',
    '%2F',
    '%40',
    '\\',
    ' ',
    '\t',
    '\n',
    '\r',
    '\0',
    '\u00a0',
    '\u200b',
    '\u202e',
    '\u2028',
    '\ufeff',
    '..',
  ),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
);

/** URLs the allowlist must accept: an allowed protocol + host, and a harmless path. */
const goodUrl = fc
  .record({
    origin: fc.constantFrom(...ALLOWED, 'https://cloudauth.aliyun.com', 'https://x.y.aliyun.com'),
    path: fc.webPath(),
    query: fc.webQueryParameters(),
    fragment: fc.webFragments(),
  })
  .map(
    ({ origin, path, query, fragment }) =>
      `${origin}${path}${query ? `?${query}` : ''}${fragment ? `#${fragment}` : ''}`,
  );

const composedUrl = fc
  .record({
    lead: fc.constantFrom('', '', '', ' ', '\t', '\u200b'),
    scheme: fc.constantFrom(
      'http',
      'https',
      'https',
      'HTTP',
      'HtTpS',
      'ftp',
      'javascript',
      'data',
      'ws',
      'file',
      'blob:https',
      'alipays',
      '',
    ),
    separator: fc.constantFrom(
      '://',
      '://',
      '://',
      '://',
      ':/',
      ':',
      ':///',
      ':\\\\',
      ':/\\',
      '//',
      ':\\/',
    ),
    userinfo: fc.option(fc.constantFrom('user', 'user:pass', '', ':', 'm.alyms.cn', 'a%40b'), {
      nil: undefined,
      freq: 1,
    }),
    host: hostArb,
    port: fc.option(
      fc.oneof(
        fc.constantFrom('443', '80', '8787', '8788', '5173', '8443', '0', '65536', ''),
        fc.integer({ min: 0, max: 70_000 }).map(String),
      ),
      { nil: undefined, freq: 1 },
    ),
    path: fc.oneof(
      fc.constant(''),
      fc.string({ unit: pathUnit, maxLength: 20 }).map((s) => `/${s}`),
      fc.string({ unit: pathUnit, maxLength: 20 }),
    ),
    entries: fc.subarray(ENTRIES),
  })
  .map((p) => ({
    url:
      p.lead +
      p.scheme +
      p.separator +
      (p.userinfo === undefined ? '' : `${p.userinfo}@`) +
      p.host +
      (p.port === undefined ? '' : `:${p.port}`) +
      p.path,
    entries: p.entries,
  }));

/** A good URL with 0–3 hostile edits: near-valid variants are where allowlists break. */
const mutatedUrl = fc
  .tuple(
    goodUrl,
    fc.array(
      fc.oneof(
        // Insert a hostile character anywhere.
        fc.tuple(fc.nat(), pathUnit).map(
          ([i, ch]) =>
            (u: string) =>
              u.slice(0, i % (u.length + 1)) + ch + u.slice(i % (u.length + 1)),
        ),
        // Put userinfo or a port into the authority.
        fc
          .constantFrom('user@', '@', 'evil.example@', ':@')
          .map((ui) => (u: string) => u.replace('//', `//${ui}`)),
        fc
          .constantFrom(':8788', ':443', ':80', ':0', ':8787')
          .map((port) => (u: string) => u.replace(/^(\w+:\/\/[^/?#]+)/, `$1${port}`)),
        // Swap the scheme, or weaken the slashes.
        fc
          .constantFrom('http:', 'https:', 'ftp:', 'javascript:', 'HTTP:')
          .map((scheme) => (u: string) => u.replace(/^\w+:/, scheme)),
        fc
          .constantFrom(':/', ':', ':///', ':\\\\')
          .map((sep) => (u: string) => u.replace('://', sep)),
        // Grow or shrink the host.
        fc
          .constantFrom('x', 'evil.', '.evil.cn', '.aliyuncs.com', '.')
          .map(
            (bit) => (u: string) =>
              u.replace(/^(\w+:\/\/)([^/?#:]+)/, bit.startsWith('.') ? `$1$2${bit}` : `$1${bit}$2`),
          ),
        fc.tuple(fc.nat(), homoglyph).map(
          ([i, g]) =>
            (u: string) =>
              u.replace(
                /^(\w+:\/\/)([^/?#:]+)/,
                (_m, p, h: string) =>
                  p + h.slice(0, i % h.length) + g + h.slice((i % h.length) + 1),
              ),
        ),
      ),
      { maxLength: 3 },
    ),
    fc.subarray(ENTRIES),
  )
  .map(([url, edits, entries]) => ({ url: edits.reduce((u, edit) => edit(u), url), entries }));

const hostileUrl = fc.oneof(composedUrl, mutatedUrl);

describe('CertifyUrl allowlist, property-based (10,000 runs each)', () => {
  it('accepts nothing outside the allowlist, however the URL is twisted', () => {
    let accepted = 0;
    fc.assert(
      fc.property(hostileUrl, ({ url, entries }) => {
        if (!isAllowedCertifyUrl(url, entries)) return;
        accepted += 1;
        expectSafe(url);
      }),
      RUNS,
    );
    // The generator does produce allowed URLs too, so the property above is not vacuous.
    expect(accepted).toBeGreaterThan(100);
  });

  it('accepts every allowed protocol + host with any harmless path, query and fragment', () => {
    fc.assert(
      fc.property(goodUrl, (url) => {
        fc.pre(url.length <= 4096);
        expect(isAllowedCertifyUrl(url, ENTRIES), url).toBe(true);
        // And no caller entry is needed for the defaults.
        const { host } = new URL(url);
        if (
          ['m.alyms.cn', 'picker.antcloudauth.aliyuncs.com'].includes(host) ||
          host.endsWith('.aliyun.com')
        )
          expect(isAllowedCertifyUrl(url)).toBe(true);
      }),
      RUNS,
    );
  });
});
