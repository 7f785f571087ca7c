/**
 * `@aliyun-face-verify/core/result`: what a return page needs to read and explain `response`
 * (decode + codes, both locales), and nothing else; its size budget (≤ 1.5 KB min+gzip) is
 * enforced. `consumeVerifyResult` (one-shot + pending-record correlation) adds about 0.4 KB, so it
 * lives in the default entry only.
 */
export { decodeVerifyResponse, parseVerifyResult } from './result.js';
export type { VerifyResult, VerifyRouting, ParseOutcome, ParseError } from './verify-result.js';
export { describeVerifyCode } from './browser-codes.js';
export type { Locale, VerifyAction, CodeDescription } from './browser-codes.js';
