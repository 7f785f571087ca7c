import { describe, expect, it } from 'vitest';
import {
  acs3CanonicalRequest,
  formatAcsTimestamp,
  parseAcs3Authorization,
  parseAcsTimestamp,
  parseFormString,
  percentEncode,
  rpcSignature,
  rpcStringToSign,
  safeEqual,
  sha256Hex,
} from './signature.js';

describe('percentEncode', () => {
  it("encodes as Alibaba Cloud signs: space %20, * %2A, ~ kept, !'() encoded", () => {
    expect(percentEncode("a b*~!'()+/=&中")).toBe('a%20b%2A~%21%27%28%29%2B%2F%3D%26%E4%B8%AD');
  });
});

describe('v1 RPC signature', () => {
  it('reproduces the published DescribeRegions example (secret "testsecret")', () => {
    const params: [string, string][] = [
      ['Version', '2014-05-26'],
      ['Timestamp', '2016-02-23T12:46:24Z'],
      ['SignatureVersion', '1.0'],
      ['SignatureNonce', '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf'],
      ['SignatureMethod', 'HMAC-SHA1'],
      ['Format', 'XML'],
      ['Action', 'DescribeRegions'],
      ['AccessKeyId', 'testid'],
      ['Signature', 'ignored-when-signing'],
    ];
    const toSign = rpcStringToSign('GET', params);
    expect(toSign).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
    expect(rpcSignature(toSign, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });
});

describe('parseFormString', () => {
  it('decodes pairs, + as space, and keeps a name without =', () => {
    expect(parseFormString('a=1&b=x+y%2Bz&c&d=%E4%B8%AD')).toEqual([
      ['a', '1'],
      ['b', 'x y+z'],
      ['c', ''],
      ['d', '中'],
    ]);
  });
  it('rejects a malformed escape instead of guessing', () => {
    expect(parseFormString('a=%E4%B8')).toBeUndefined();
    expect(parseFormString('a=%zz')).toBeUndefined();
  });
});

describe('ACS3 pieces', () => {
  it('parses a well-formed Authorization header', () => {
    expect(
      parseAcs3Authorization(
        'ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host;x-acs-date,Signature=abc123',
      ),
    ).toEqual({
      algorithm: 'ACS3-HMAC-SHA256',
      accessKeyId: 'AK1',
      signedHeaders: ['host', 'x-acs-date'],
      signature: 'abc123',
    });
  });
  it.each([
    'ACS3-HMAC-SHA256',
    'ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host',
    'ACS3-HMAC-SHA256 Credential=AK1,Credential=AK2,SignedHeaders=host,Signature=x',
    'ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host,Signature=x,Extra=1',
    'Bearer abc',
  ])('rejects %s', (header) => {
    expect(parseAcs3Authorization(header)).toBeUndefined();
  });

  it('builds the canonical request with sorted query, trimmed sorted header values and the hash', () => {
    const canonical = acs3CanonicalRequest({
      method: 'post',
      path: '/',
      query: [
        ['b', 'x y'],
        ['a', "it's"],
      ],
      headers: new Map([
        ['host', ['127.0.0.1:1']],
        ['x-acs-b', [' 2 ', '1']],
      ]),
      signedHeaders: ['host', 'x-acs-b'],
      payloadHash: sha256Hex(''),
    });
    expect(canonical).toBe(
      [
        'POST',
        '/',
        'a=it%27s&b=x%20y',
        'host:127.0.0.1:1\nx-acs-b:1,2\n',
        'host;x-acs-b',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
  });
});

describe('timestamps', () => {
  it('round-trips the yyyy-MM-ddTHH:mm:ssZ form', () => {
    const ms = Date.UTC(2024, 1, 29, 23, 59, 58);
    expect(formatAcsTimestamp(ms)).toBe('2024-02-29T23:59:58Z');
    expect(parseAcsTimestamp('2024-02-29T23:59:58Z')).toBe(ms);
  });
  it.each([
    '2024-02-30T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01 00:00:00Z',
    '2024-01-01T00:00:00.000Z',
    '',
  ])('rejects %j', (value) => {
    expect(parseAcsTimestamp(value)).toBeUndefined();
  });
});

describe('safeEqual', () => {
  it('compares exactly', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
