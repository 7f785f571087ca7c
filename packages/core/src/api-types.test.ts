import { describe, expectTypeOf, it } from 'vitest';
import type {
  DescribeResponse,
  InitRequest,
  InitResponse,
  MerchantErrorBody,
  MerchantErrorCode,
} from './api-types.js';

describe('merchant API types', () => {
  it('narrow the init reply by flow', () => {
    const reply = { certifyId: 'c', certifyUrl: 'http://m.alyms.cn/F4.x' } as InitResponse;
    if (reply.flow === 'alipay') expectTypeOf(reply.url).toBeString();
    else expectTypeOf(reply.certifyUrl).toBeString();
    // @ts-expect-error a web reply needs its certifyUrl
    const web: InitResponse = { certifyId: 'c' };
    // @ts-expect-error an Alipay reply carries `url`, not `certifyUrl`
    const alipay: InitResponse = { flow: 'alipay', certifyId: 'c', certifyUrl: 'x' };
    void [web, alipay];
  });

  it('keep optional fields optional and exact', () => {
    const request: InitRequest = { metaInfo: '{}', returnUrl: 'https://x.example/r' };
    // @ts-expect-error exactOptionalPropertyTypes: absent, not undefined
    const withUndefined: InitRequest = { ...request, certNo: undefined };
    const described: DescribeResponse = {
      certifyId: 'c',
      // @ts-expect-error passed is a boolean, not the cloud's 'T' / 'F'
      passed: 'T',
      subCode: '200',
      message: '',
    };
    void [withUndefined, described];
  });

  it('close the merchant error codes', () => {
    expectTypeOf<MerchantErrorBody['error']['code']>().toEqualTypeOf<MerchantErrorCode>();
    // @ts-expect-error unknown error code
    const body: MerchantErrorBody = { error: { code: 'teapot', message: 'x' } };
    void body;
  });
});
