/**
 * The checks on the merchant server's replies: init keeps the opaque ticket and refuses an
 * unusable one, and a describe verdict must be about the certifyId that was asked about.
 */
import { describe, expect, it } from 'vitest';
import { MerchantRequestError, toDescribeResponse, toInitResponse } from './merchant-request.js';

const CERTIFY_URL = 'https://m.alyms.cn/F4.abcdefg';

/** The `failure` of what `run` throws. */
function failure(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error instanceof MerchantRequestError ? error.failure : error;
  }
  return 'no error';
}

describe('toInitResponse', () => {
  it('keeps the ticket of a web and of an Alipay reply', () => {
    expect(toInitResponse({ certifyId: 'sha-1', certifyUrl: CERTIFY_URL, ticket: 't.1' })).toEqual({
      certifyId: 'sha-1',
      certifyUrl: CERTIFY_URL,
      ticket: 't.1',
    });
    expect(
      toInitResponse({ flow: 'alipay', certifyId: 'sha-2', url: CERTIFY_URL, ticket: 't.2' }),
    ).toEqual({ flow: 'alipay', certifyId: 'sha-2', url: CERTIFY_URL, ticket: 't.2' });
  });

  it('keeps a ticket of exactly 1024 characters', () => {
    const ticket = 'x'.repeat(1024);
    expect(toInitResponse({ certifyId: 'sha-1', certifyUrl: CERTIFY_URL, ticket })).toEqual({
      certifyId: 'sha-1',
      certifyUrl: CERTIFY_URL,
      ticket,
    });
  });

  it.each([
    ['empty', ''],
    ['over 1024 characters', 'x'.repeat(1025)],
    ['a number', 42],
    ['an object', { sig: 'x' }],
    ['null', null],
  ])('refuses a ticket that is %s as malformed, before any scan', (_, ticket) => {
    expect(
      failure(() => toInitResponse({ certifyId: 'sha-1', certifyUrl: CERTIFY_URL, ticket })),
    ).toBe('malformed');
  });

  it('leaves fields it does not know behind', () => {
    expect(toInitResponse({ certifyId: 'sha-1', certifyUrl: CERTIFY_URL, extra: 1 })).toEqual({
      certifyId: 'sha-1',
      certifyUrl: CERTIFY_URL,
    });
  });

  it.each([
    ['no certifyId', { certifyUrl: CERTIFY_URL, ticket: 't' }],
    ['an Alipay flow without url', { flow: 'alipay', certifyId: 'sha-1', ticket: 't' }],
    ['an unknown flow', { flow: 'mini', certifyId: 'sha-1', certifyUrl: CERTIFY_URL }],
    ['not an object', ['sha-1', CERTIFY_URL]],
  ])('%s: malformed', (_, json) => {
    expect(failure(() => toInitResponse(json))).toBe('malformed');
  });
});

describe('toDescribeResponse', () => {
  const verdict = { certifyId: 'sha-1', passed: true, subCode: '200', message: 'ok' };

  it('accepts a verdict about the certifyId asked about', () => {
    expect(toDescribeResponse({ ...verdict, extra: 1 }, 'sha-1')).toEqual(verdict);
  });

  it.each([
    ['about another certifyId', { ...verdict, certifyId: 'sha-2' }],
    ['without a certifyId', { passed: true, subCode: '200', message: 'ok' }],
    ['with passed as a string', { ...verdict, passed: 'T' }],
    ['without a message', { certifyId: 'sha-1', passed: true, subCode: '200' }],
  ])('a verdict %s: malformed', (_, json) => {
    expect(failure(() => toDescribeResponse(json, 'sha-1'))).toBe('malformed');
  });
});
