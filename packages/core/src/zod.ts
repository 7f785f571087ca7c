/**
 * `@aliyun-face-verify/core/zod`: the schemas of record (zod 4, an optional peer dependency) for
 * the `response` payload, the pending record and the merchant endpoints' JSON. The default entry
 * uses a hand-written guard instead (zod is far too heavy for the result page); a differential
 * test keeps `verifyResponsePayloadSchema` and that guard identical.
 */
import { z } from 'zod';
import type { MerchantErrorCode } from './api-types.js';
import type { VerifyResult } from './result.js';

/** A non-empty string, or absent: anything else (a number, `null`, `''`) is dropped, not an error. */
const optionalText = z.string().min(1).optional().catch(undefined);

/** Keys that could reach a prototype through a `[[Set]]`-style merge; dropped from `extInfo`. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor']);

/**
 * The raw `response` JSON (`{"code":…,"subCode":…,"reason":…,"extInfo":{…}}`) → the result
 * without `routing`. `code` is a number or a digit string (at most 9 digits); optional text fields
 * count only as non-empty strings; `extInfo` that is not an object becomes `{}`; `certifyId`
 * comes from `extInfo.certifyId`.
 */
export const verifyResponsePayloadSchema = z
  .object({
    code: z.union([z.int().min(0).max(999_999_999), z.string().regex(/^\d{1,9}$/)]),
    subCode: optionalText,
    reason: optionalText,
    extInfo: z.record(z.string(), z.unknown()).catch(() => ({})),
  })
  .transform(({ code, subCode, reason, extInfo }): Omit<VerifyResult, 'routing'> => {
    const info = Object.fromEntries(Object.entries(extInfo).filter(([k]) => !UNSAFE_KEYS.has(k)));
    const result: Omit<VerifyResult, 'routing'> = {
      code: Number(code),
      extInfo: info,
      passed: Number(code) === 1000,
    };
    const certifyId = optionalText.parse(info.certifyId);
    if (subCode !== undefined) result.subCode = subCode;
    if (reason !== undefined) result.reason = reason;
    if (certifyId !== undefined) result.certifyId = certifyId;
    return result;
  });

/** The pending record `startVerification` writes to sessionStorage. */
export const pendingRecordSchema = z.object({
  v: z.literal(1),
  certifyId: z.string().exactOptional(),
  startedAt: z.number(),
  returnPath: z.string().exactOptional(),
});

/**
 * Largest MetaInfo accepted (8 KB, UTF-8): the real one is about 1 KB, and larger values make
 * InitFaceVerify's request exceed what the gateway takes, which any visitor could turn into a 502.
 */
export const MAX_META_INFO_BYTES = 8192;

/** Largest ticket accepted in a describe request: tickets are a few hundred bytes. */
export const MAX_TICKET_LENGTH = 1024;

/** MetaInfo must be the JSON **string** of `getMetaInfo()`'s object: sending the object, or mangled quotes, are the classic bugs. */
const metaInfo = z.string().refine((text) => {
  if (new TextEncoder().encode(text).byteLength > MAX_META_INFO_BYTES) return false;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}, 'metaInfo must be the JSON string of an object (JSON.stringify the result of getMetaInfo()), at most 8 KB');

/**
 * POST body of the merchant's init endpoint; extra `initData` fields pass through. `returnUrl` is
 * required except in iframe mode, where the certify page posts its result to the parent instead.
 */
export const initRequestSchema = z
  .looseObject({
    metaInfo,
    returnUrl: z.url({ protocol: /^https?$/ }).exactOptional(),
    certName: z.string().min(1).exactOptional(),
    certNo: z.string().min(1).exactOptional(),
    flow: z.enum(['web', 'alipay']).exactOptional(),
    mode: z.enum(['redirect', 'iframe']).exactOptional(),
    handoff: z.string().min(1).max(MAX_TICKET_LENGTH).exactOptional(),
  })
  .refine(
    (body) => body.mode === 'iframe' || body.flow === 'alipay' || body.returnUrl !== undefined,
    {
      path: ['returnUrl'],
      message: 'returnUrl is required unless mode is iframe or flow is alipay',
    },
  );

const certifyId = z.string().min(1).max(128);

/** The merchant server's opaque ticket (see `InitResponse`). */
const ticket = z.string().min(1).max(MAX_TICKET_LENGTH);

/** Init endpoint reply: a web CertifyUrl, or an Alipay flow. */
export const initResponseSchema = z.union([
  z.object({
    flow: z.literal('web').exactOptional(),
    certifyId,
    certifyUrl: z.string().min(1),
    ticket: ticket.exactOptional(),
  }),
  z.object({
    flow: z.literal('alipay'),
    certifyId,
    url: z.string().min(1),
    ticket: ticket.exactOptional(),
  }),
]);

/** POST body of the merchant's describe endpoint. */
export const describeRequestSchema = z.object({ certifyId, ticket: ticket.exactOptional() });

/** The authoritative result, from DescribeFaceVerify on the server. */
export const describeResponseSchema = z.object({
  certifyId: z.string(),
  passed: z.boolean(),
  subCode: z.string(),
  message: z.string(),
});

const merchantErrorCodes = [
  'bad-request',
  'return-url-not-allowed',
  'identity-required',
  'upstream-error',
  'not-found',
  'not-ready',
  'rate-limited',
  'unauthorized',
  'internal',
] as const satisfies readonly MerchantErrorCode[];

/** Every non-2xx reply of the merchant endpoints. */
export const merchantErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(merchantErrorCodes),
    message: z.string(),
    upstreamCode: z.string().exactOptional(),
    requestId: z.string().exactOptional(),
  }),
});

/** POST body of the merchant's handoff endpoint: the page the other browser opens. */
export const handoffRequestSchema = z.object({ pageUrl: z.url({ protocol: /^https?$/ }) });

/** Handoff endpoint reply: the sealed token, the link that carries it, its expiry (epoch ms). */
export const handoffResponseSchema = z.object({
  token: ticket,
  url: z.url({ protocol: /^https?$/ }),
  expiresAt: z.number(),
});

/** POST body of the merchant's status endpoint: the handoff token the first browser keeps. */
export const handoffStatusRequestSchema = z.object({ handoff: ticket });

/** Status endpoint reply: nothing started yet, started, or finished with the authoritative result. */
export const handoffStatusResponseSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('waiting') }),
  z.object({ state: z.literal('in-progress'), certifyId }),
  z.object({ state: z.literal('finished'), result: describeResponseSchema }),
]);
