import { describe, expect, expectTypeOf, it } from 'vitest';
import * as core from './index.js';
import * as entry from './result-entry.js';

describe('core/result entry', () => {
  it('exports decode + codes and nothing else, the same functions as the default entry', () => {
    expect(Object.keys(entry).sort()).toEqual([
      'decodeVerifyResponse',
      'describeVerifyCode',
      'parseVerifyResult',
    ]);
    expect(entry.decodeVerifyResponse).toBe(core.decodeVerifyResponse);
    expect(entry.parseVerifyResult).toBe(core.parseVerifyResult);
    expect(entry.describeVerifyCode).toBe(core.describeVerifyCode);
  });

  it('reads and explains a return in one go', () => {
    const outcome = entry.parseVerifyResult(
      'https://shop.example/return?response=%7B"code"%3A1001%2C"subCode"%3A"Z5051"%2C"reason"%3A"success"%2C"extInfo"%3A%7B%7D%7D',
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(entry.describeVerifyCode(outcome.result.code, outcome.result.subCode, 'en')).toEqual({
      title: 'Upload failed',
      message: 'Try again on a stable network.',
      action: 'retry',
    });
  });

  it('exports the types a return page needs', () => {
    expectTypeOf<entry.VerifyResult>().toEqualTypeOf<core.VerifyResult>();
    expectTypeOf<entry.ParseOutcome>().toEqualTypeOf<core.ParseOutcome>();
    expectTypeOf<entry.CodeDescription>().toEqualTypeOf<core.CodeDescription>();
    // @ts-expect-error one-shot consumption lives in the default entry only
    void entry.consumeVerifyResult;
  });
});
