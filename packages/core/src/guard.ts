/**
 * Hand-written validator of the `response` payload (private). It mirrors
 * `verifyResponsePayloadSchema` in `zod.ts`, the schema of record; a differential test keeps the
 * two identical. It exists because zod is far too heavy for the result page, and it is written
 * for size: every byte here ships to the return page (budget 1.5 KB with the code texts).
 */
import type { VerifyResult, VerifyRouting } from './verify-result.js';

/**
 * `JSON.parse` reviver that drops keys reaching a prototype when a consumer merges an object with
 * `[[Set]]` semantics (`Object.assign`, naive deep merges: `__proto__`, or
 * `constructor.prototype`), at every depth. Used wherever untrusted JSON becomes ours.
 */
export const dropUnsafeKeys = (key: string, value: unknown): unknown =>
  key === '__proto__' || key === 'constructor' ? undefined : value;

/** A JSON object: not null, not an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * The payload as a result, or `undefined` when it has no usable `code` (a JSON number or digit
 * string, at most 9 digits; real returns send a number). `subCode`, `reason` and
 * `extInfo.certifyId` count only as non-empty strings, otherwise they stay absent; an `extInfo`
 * that is not an object becomes `{}`. `routing` is copied as given.
 */
export function checkVerifyPayload(
  payload: unknown,
  routing?: VerifyRouting,
): VerifyResult | undefined {
  // Reading a property of any JSON value is safe; only null/undefined need the fallback.
  const { code, subCode, reason, extInfo } = (payload ?? {}) as Record<string, unknown>;
  // RegExp#test stringifies: numbers and digit strings pass; objects are excluded first because
  // `[1000]` would stringify to a digit string too. A non-object payload has no `code`.
  if (typeof code === 'object' || !/^\d{1,9}$/.test(code as string)) return undefined;
  // isRecord, inlined: one call site, and every byte counts here.
  const info = (
    extInfo && typeof extInfo === 'object' && !Array.isArray(extInfo) ? extInfo : {}
  ) as Record<string, unknown>;
  const result = {
    code: +(code as string),
    extInfo: info,
    passed: +(code as string) === 1000,
    routing,
  };
  const text = (key: string, value: unknown): unknown =>
    typeof value === 'string' && value && ((result as Record<string, unknown>)[key] = value);
  text('subCode', subCode);
  text('reason', reason);
  text('certifyId', info.certifyId);
  return result as VerifyResult;
}
