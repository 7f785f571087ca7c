import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type {
  DescribeRequest,
  DescribeResponse,
  HandoffRequest,
  HandoffResponse,
  HandoffStatusRequest,
  HandoffStatusResponse,
  InitRequest,
  InitResponse,
  MerchantErrorBody,
  MerchantErrorCode,
} from './api-types.js';
import type { PendingRecord } from './pending.js';
import type { VerifyResult } from './result.js';
import {
  describeRequestSchema,
  describeResponseSchema,
  handoffRequestSchema,
  handoffResponseSchema,
  handoffStatusRequestSchema,
  handoffStatusResponseSchema,
  initRequestSchema,
  initResponseSchema,
  merchantErrorBodySchema,
  pendingRecordSchema,
  verifyResponsePayloadSchema,
} from './zod.js';

/** Mutual assignability, under exactOptionalPropertyTypes: the schema and the type say the same. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The same fields as a type literal (homomorphic: optional modifiers kept). */
type Plain<T> = { [K in keyof T]: T[K] };

describe('core/zod schemas', () => {
  it('match the contract types exactly (type-level)', () => {
    expectTypeOf<
      Same<z.infer<typeof verifyResponsePayloadSchema>, Omit<VerifyResult, 'routing'>>
    >().toEqualTypeOf<true>();
    expectTypeOf<Same<z.infer<typeof pendingRecordSchema>, PendingRecord>>().toEqualTypeOf<true>();
    expectTypeOf<Same<z.infer<typeof initResponseSchema>, InitResponse>>().toEqualTypeOf<true>();
    expectTypeOf<
      Same<z.infer<typeof describeRequestSchema>, DescribeRequest>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Same<z.infer<typeof describeResponseSchema>, DescribeResponse>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Same<z.infer<typeof merchantErrorBodySchema>, MerchantErrorBody>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Same<z.infer<typeof handoffRequestSchema>, HandoffRequest>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Same<z.infer<typeof handoffResponseSchema>, HandoffResponse>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Same<z.infer<typeof handoffStatusRequestSchema>, HandoffStatusRequest>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Same<z.infer<typeof handoffStatusResponseSchema>, HandoffStatusResponse>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      z.infer<typeof merchantErrorBodySchema>['error']['code']
    >().toEqualTypeOf<MerchantErrorCode>();
    // The init body passes the element's extra `initData` fields through (an index signature),
    // so "from" is checked on InitRequest's fields as a type literal: interfaces get no implicit
    // index signature in TypeScript.
    expectTypeOf<z.infer<typeof initRequestSchema>>().toExtend<InitRequest>();
    expectTypeOf<Plain<InitRequest>>().toExtend<z.infer<typeof initRequestSchema>>();
    expectTypeOf<Plain<InitRequest> & { orderId: string }>().toExtend<
      z.input<typeof initRequestSchema>
    >();
    // The negative direction: a schema that drifted would fail these.
    expectTypeOf<
      Same<{ certifyId?: string | undefined }, { certifyId?: string }>
    >().toEqualTypeOf<false>();
  });

  describe('verifyResponsePayloadSchema', () => {
    it('turns the real-world return into the result, code as a number', () => {
      const payload = JSON.parse(
        '{"code":1003,"subCode":"Z5052","reason":"system error","extInfo":{"certifyId":"sha02ba3a2ffad9f5c4780e42eaba933"}}',
      ) as unknown;
      expect(verifyResponsePayloadSchema.parse(payload)).toStrictEqual({
        code: 1003,
        subCode: 'Z5052',
        reason: 'system error',
        extInfo: { certifyId: 'sha02ba3a2ffad9f5c4780e42eaba933' },
        certifyId: 'sha02ba3a2ffad9f5c4780e42eaba933',
        passed: false,
      });
      expect(verifyResponsePayloadSchema.parse({ code: '1000' })).toStrictEqual({
        code: 1000,
        extInfo: {},
        passed: true,
      });
    });

    it('rejects payloads without a usable code', () => {
      for (const payload of [
        null,
        [],
        'x',
        {},
        { code: '' },
        { code: 1.5 },
        { code: -1 },
        { code: [1000] },
      ])
        expect(verifyResponsePayloadSchema.safeParse(payload).success).toBe(false);
    });

    it('drops prototype-reaching keys from extInfo even on input that skipped the safe parse', () => {
      const payload = JSON.parse(
        '{"code":1000,"extInfo":{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"ok":1}}',
      ) as unknown;
      const result = verifyResponsePayloadSchema.parse(payload);
      expect(result.extInfo).toStrictEqual({ ok: 1 });
      expect(Object.getPrototypeOf(result.extInfo)).toBe(Object.prototype);
    });
  });

  it('pendingRecordSchema accepts what startVerification writes and nothing foreign', () => {
    const record = { v: 1, certifyId: 'c', startedAt: 1_700_000_000_000, returnPath: '/r' };
    expect(pendingRecordSchema.parse(record)).toStrictEqual(record);
    expect(pendingRecordSchema.parse({ v: 1, startedAt: 0 })).toStrictEqual({ v: 1, startedAt: 0 });
    for (const bad of [
      { v: 2, startedAt: 0 },
      { v: 1 },
      { v: 1, startedAt: '0' },
      { v: 1, startedAt: 0, certifyId: 5 },
    ])
      expect(pendingRecordSchema.safeParse(bad).success).toBe(false);
  });

  describe('initRequestSchema', () => {
    const metaInfo = JSON.stringify({
      zimVer: '3.0.0',
      deviceType: 'h5',
      bioMetaInfo: '4.1.0:1,0',
    });

    it('accepts a MetaInfo JSON string and keeps extra initData fields', () => {
      const body = {
        metaInfo,
        returnUrl: 'https://shop.example/return',
        certName: '张三',
        orderId: 'o-1',
      };
      expect(initRequestSchema.parse(body)).toStrictEqual(body);
    });

    it('catches the classic MetaInfo bugs: the object itself, or mangled quotes', () => {
      const returnUrl = 'https://shop.example/return';
      expect(
        initRequestSchema.safeParse({ metaInfo: JSON.parse(metaInfo), returnUrl }).success,
      ).toBe(false);
      expect(
        initRequestSchema.safeParse({ metaInfo: metaInfo.replaceAll('"', "'"), returnUrl }).success,
      ).toBe(false);
      expect(initRequestSchema.safeParse({ metaInfo: '"a string"', returnUrl }).success).toBe(
        false,
      );
    });

    it('requires an http(s) returnUrl and non-empty identity fields when present', () => {
      for (const returnUrl of ['javascript:alert(1)', '/relative', 'ftp://x.example/'])
        expect(initRequestSchema.safeParse({ metaInfo, returnUrl }).success).toBe(false);
      expect(
        initRequestSchema.safeParse({ metaInfo, returnUrl: 'http://127.0.0.1:5173/r', certNo: '' })
          .success,
      ).toBe(false);
    });

    it('requires returnUrl except in iframe mode, and knows the flows and modes', () => {
      expect(initRequestSchema.safeParse({ metaInfo }).success).toBe(false);
      expect(initRequestSchema.safeParse({ metaInfo, mode: 'redirect' }).success).toBe(false);
      expect(initRequestSchema.safeParse({ metaInfo, mode: 'iframe' }).success).toBe(true);
      expect(initRequestSchema.safeParse({ metaInfo, mode: 'popup' }).success).toBe(false);
      const returnUrl = 'https://shop.example/return';
      expect(initRequestSchema.safeParse({ metaInfo, returnUrl, flow: 'alipay' }).success).toBe(
        true,
      );
      expect(initRequestSchema.safeParse({ metaInfo, returnUrl, flow: 'wechat' }).success).toBe(
        false,
      );
    });

    it('caps metaInfo at 8 KB of UTF-8', () => {
      const returnUrl = 'https://shop.example/return';
      const sized = (bytes: number) => JSON.stringify({ pad: 'x'.repeat(bytes - 10) });
      expect(sized(8192)).toHaveLength(8192);
      expect(initRequestSchema.safeParse({ metaInfo: sized(8192), returnUrl }).success).toBe(true);
      expect(initRequestSchema.safeParse({ metaInfo: sized(8193), returnUrl }).success).toBe(false);
      // Counted in bytes: 2,737 characters, but 2,729 of them take three bytes (8,195 in all).
      const han = JSON.stringify({ p: '验'.repeat(2729) });
      expect(initRequestSchema.safeParse({ metaInfo: han, returnUrl }).success).toBe(false);
    });
  });

  it('the handoff schemas take what the handlers send and refuse the rest', () => {
    expect(handoffRequestSchema.safeParse({ pageUrl: 'https://shop.example/verify' }).success).toBe(
      true,
    );
    expect(handoffRequestSchema.safeParse({ pageUrl: 'javascript:alert(1)' }).success).toBe(false);
    const link = { token: 'h1.iv.body', url: 'https://shop.example/v#afv-handoff=h1.iv.body' };
    expect(handoffResponseSchema.safeParse({ ...link, expiresAt: 1 }).success).toBe(true);
    expect(handoffStatusRequestSchema.safeParse({ handoff: '' }).success).toBe(false);
    const result = { certifyId: 'c1', passed: true, subCode: '200', message: 'ok' };
    for (const status of [
      { state: 'waiting' },
      { state: 'in-progress', certifyId: 'c1' },
      { state: 'finished', result },
    ])
      expect(handoffStatusResponseSchema.parse(status)).toStrictEqual(status);
    expect(handoffStatusResponseSchema.safeParse({ state: 'finished' }).success).toBe(false);
    expect(handoffStatusResponseSchema.safeParse({ state: 'done', result }).success).toBe(false);
  });

  it('initResponseSchema tells the web flow from the Alipay flow', () => {
    const web = { certifyId: 'c1', certifyUrl: 'http://m.alyms.cn/F4.x' };
    expect(initResponseSchema.parse(web)).toStrictEqual(web);
    expect(initResponseSchema.parse({ ...web, flow: 'web' })).toStrictEqual({
      ...web,
      flow: 'web',
    });
    const alipay = { flow: 'alipay', certifyId: 'c1', url: 'https://x.example/' };
    expect(initResponseSchema.parse(alipay)).toStrictEqual(alipay);
    for (const bad of [
      { flow: 'alipay', certifyId: 'c1', certifyUrl: 'x' },
      { certifyId: '', certifyUrl: 'x' },
      { flow: 'web', url: 'x', certifyId: 'c' },
    ])
      expect(initResponseSchema.safeParse(bad).success).toBe(false);
  });

  it('describe and error bodies validate their fields', () => {
    expect(describeRequestSchema.safeParse({ certifyId: '' }).success).toBe(false);
    expect(describeRequestSchema.safeParse({ certifyId: 'x'.repeat(129) }).success).toBe(false);
    const described = { certifyId: 'c', passed: true, subCode: '200', message: 'ok' };
    expect(describeResponseSchema.parse(described)).toStrictEqual(described);
    expect(describeResponseSchema.safeParse({ ...described, passed: 'T' }).success).toBe(false);
    const error = {
      error: { code: 'not-ready', message: 'query after 1000 or 2006', upstreamCode: '424' },
    };
    expect(merchantErrorBodySchema.parse(error)).toStrictEqual(error);
    expect(
      merchantErrorBodySchema.safeParse({ error: { code: 'teapot', message: 'x' } }).success,
    ).toBe(false);
  });
});
