/**
 * The result-page path: what a return page needs to read and explain `response`, and nothing else.
 * Kept as its own entry so its size budget (≤ 1.2 KB min+gzip) is measured and enforced.
 */
export { decodeVerifyResponse, parseVerifyResult, consumeVerifyResult } from './result.js';
export type { VerifyResult, ParseOutcome } from './result.js';
export { describeVerifyCode } from './codes.js';
