/**
 * The event classes at run time (flags, frozen payloads) and the public event types at compile time:
 * `tsc -p tsconfig.json` checks the `expectTypeOf` and `@ts-expect-error` lines below.
 */
import type { CompatReport, DescribeResponse, VerifyResult } from '@aliyun-face-verify/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  FaceVerifyDescribedEvent,
  FaceVerifyErrorEvent,
  FaceVerifyRedirectEvent,
  FaceVerifyResultEvent,
  FaceVerifyUnsupportedEvent,
  type FaceVerifyErrorDetail,
  type FaceVerifyRedirectDetail,
  type FaceVerifyResultDetail,
} from './events.js';
import type {} from './aliyun-face-verify.js';
import type { AliyunFaceVerify, FaceVerifyInit, FaceVerifyState } from './index.js';

const result: VerifyResult = { code: 1000, extInfo: {}, passed: true, routing: 'history' };
const report: CompatReport = {
  supported: false,
  action: 'unsupported',
  reasons: ['No camera API (getUserMedia) here'],
  browser: { name: 'ie', version: '11.0' },
  os: { name: 'windows', version: '10.0' },
};
const described: DescribeResponse = {
  certifyId: 'sha01',
  passed: true,
  subCode: '200',
  message: 'ok',
};

describe('event classes', () => {
  const events = [
    new FaceVerifyRedirectEvent({ certifyId: 'sha01', certifyUrl: 'https://m.alyms.cn/F4.x' }),
    new FaceVerifyResultEvent({ source: 'return', result, correlation: { pending: false } }),
    new FaceVerifyDescribedEvent(described),
    new FaceVerifyErrorEvent({ code: 'init-failed', stage: 'init', message: 'x', status: 500 }),
    new FaceVerifyUnsupportedEvent(report),
  ];

  it('bubble out of the shadow root; only the redirect can be cancelled', () => {
    expect(events.map((e) => [e.type, e.bubbles, e.composed, e.cancelable])).toEqual([
      ['face-verify-redirect', true, true, true],
      ['face-verify-result', true, true, false],
      ['face-verify-described', true, true, false],
      ['face-verify-error', true, true, false],
      ['face-verify-unsupported', true, true, false],
    ]);
  });

  it('freeze a copy of the payload, so one listener cannot change what the next one sees', () => {
    const detail = { certifyId: 'sha01', certifyUrl: 'https://m.alyms.cn/F4.x' };
    const event = new FaceVerifyRedirectEvent(detail);
    detail.certifyUrl = 'https://evil.example/';
    expect(event.detail.certifyUrl).toBe('https://m.alyms.cn/F4.x');
    expect(Object.isFrozen(event.detail)).toBe(true);
    expect(() => {
      (event.detail as { certifyUrl: string }).certifyUrl = 'https://evil.example/';
    }).toThrow(TypeError);
  });

  it('carry no Error or cause in the error payload', () => {
    const event = new FaceVerifyErrorEvent({
      code: 'script-timeout',
      stage: 'script',
      message: 'm',
    });
    expect(JSON.parse(JSON.stringify(event.detail))).toEqual(event.detail);
  });
});

describe('event types', () => {
  it('GlobalEventHandlersEventMap maps each name to its class', () => {
    expectTypeOf<
      GlobalEventHandlersEventMap['face-verify-redirect']
    >().toEqualTypeOf<FaceVerifyRedirectEvent>();
    expectTypeOf<
      GlobalEventHandlersEventMap['face-verify-result']
    >().toEqualTypeOf<FaceVerifyResultEvent>();
    expectTypeOf<
      GlobalEventHandlersEventMap['face-verify-described']
    >().toEqualTypeOf<FaceVerifyDescribedEvent>();
    expectTypeOf<
      GlobalEventHandlersEventMap['face-verify-error']
    >().toEqualTypeOf<FaceVerifyErrorEvent>();
    expectTypeOf<
      GlobalEventHandlersEventMap['face-verify-unsupported']
    >().toEqualTypeOf<FaceVerifyUnsupportedEvent>();
  });

  it('addEventListener infers the payload from the event name', () => {
    const target = null as unknown as HTMLElement;
    const listen = (): void => {
      target.addEventListener('face-verify-redirect', (e) => {
        expectTypeOf(e.detail).toEqualTypeOf<FaceVerifyRedirectDetail>();
        expectTypeOf(e.detail.certifyUrl).toBeString();
      });
      target.addEventListener('face-verify-error', (e) => {
        expectTypeOf(e.detail.code).toExtend<string>();
        expectTypeOf(e.detail.status).toEqualTypeOf<number | undefined>();
      });
      target.addEventListener('face-verify-unsupported', (e) => {
        expectTypeOf(e.detail.action).toEqualTypeOf<CompatReport['action']>();
      });
    };
    expect(typeof listen).toBe('function');
  });

  it('the result payload is a union narrowed by `source`', () => {
    const narrow = (d: FaceVerifyResultDetail): string => {
      if (d.source === 'return') {
        expectTypeOf(d.result.code).toBeNumber();
        // @ts-expect-error a return-page result has no Alipay outcome
        return d.outcome;
      }
      if (d.source === 'iframe') {
        expectTypeOf(d.certifyId).toBeString();
        // @ts-expect-error a framed result has no pending-record correlation
        return d.correlation;
      }
      expectTypeOf(d.outcome.status).toExtend<string>();
      // @ts-expect-error an Alipay outcome has no browser result
      return d.result;
    };
    expect(typeof narrow).toBe('function');
  });

  it('a return-page result names why it is suspect, and never carries the ticket', () => {
    const read = (d: FaceVerifyResultDetail): unknown => {
      if (d.source !== 'return') return undefined;
      expectTypeOf(d.suspicion).toEqualTypeOf<'forged' | 'stale' | 'unmatched' | undefined>();
      // @ts-expect-error the merchant's ticket stays out of events
      return d.correlation.ticket;
    };
    const unmatched: FaceVerifyErrorDetail = {
      code: 'result-unmatched',
      stage: 'result',
      message: '',
    };
    const blocked: FaceVerifyErrorDetail = {
      code: 'script-not-allowed',
      stage: 'script',
      message: '',
    };
    expect([typeof read, unmatched.code, blocked.code]).toEqual([
      'function',
      'result-unmatched',
      'script-not-allowed',
    ]);
  });

  it('payloads are read-only and codes are closed unions', () => {
    const event = new FaceVerifyRedirectEvent({
      certifyId: 'a',
      certifyUrl: 'https://m.alyms.cn/x',
    });
    const edit = (): void => {
      // @ts-expect-error detail is readonly
      event.detail = { certifyId: 'b', certifyUrl: 'x' };
      // @ts-expect-error payload fields are readonly
      event.detail.certifyId = 'b';
    };
    // @ts-expect-error not a code the element fires
    const bad: FaceVerifyErrorDetail = { code: 'oops', stage: 'init', message: '' };
    // @ts-expect-error every redirect carries a certifyUrl
    const missing = new FaceVerifyRedirectEvent({ certifyId: 'a' });
    expect([typeof edit, bad.code, missing.type]).toEqual([
      'function',
      'oops',
      'face-verify-redirect',
    ]);
  });
});

describe('element types', () => {
  it('HTMLElementTagNameMap knows the tag, and properties are typed', () => {
    expectTypeOf<HTMLElementTagNameMap['aliyun-face-verify']>().toEqualTypeOf<AliyunFaceVerify>();
    expectTypeOf<AliyunFaceVerify['init']>().toEqualTypeOf<FaceVerifyInit | undefined>();
    expectTypeOf<AliyunFaceVerify['initData']>().toEqualTypeOf<
      Record<string, unknown> | undefined
    >();
    expectTypeOf<AliyunFaceVerify['start']>().toEqualTypeOf<() => void>();
    // @ts-expect-error compat takes a CompatReport or one of its actions only
    const compat: AliyunFaceVerify['compat'] = 'maybe';
    // @ts-expect-error an init function must resolve with an InitResponse
    const init: FaceVerifyInit = async () => ({ certifyId: 'x' });
    expect([compat, typeof init]).toEqual(['maybe', 'function']);
  });
});

describe('flow state types', () => {
  it('exposes the state as a discriminated union, and settled as a promise of it', () => {
    expectTypeOf<AliyunFaceVerify['state']>().toEqualTypeOf<FaceVerifyState>();
    expectTypeOf<AliyunFaceVerify['settled']>().toEqualTypeOf<Promise<FaceVerifyState>>();
    expectTypeOf<FaceVerifyState['kind']>().toEqualTypeOf<
      'idle' | 'step' | 'leaving' | 'frame' | 'alipay-link' | 'result' | 'described' | 'error'
    >();
    const state = {} as FaceVerifyState;
    if (state.kind === 'error')
      expectTypeOf(state.failure.code).toEqualTypeOf<FaceVerifyErrorDetail['code']>();
    // @ts-expect-error -- the state is read-only data: the controller owns it
    state.kind = 'idle';
  });

  it('lists not-configured among the error codes', () => {
    expectTypeOf<'not-configured'>().toExtend<FaceVerifyErrorDetail['code']>();
  });
});
