/**
 * SAF `ExecuteRequest` with `Service=fin_face_verify`: the server side of the Alipay H5 scheme
 * (seeds §1.3 "支付宝H5页面接入" and `004_1fe2506f8a8a9f10.txt`). It is not InitFaceVerify: one
 * RPC action (version 2017-03-31, HMAC-SHA1) whose `ServiceParameters` JSON carries a `method` of
 * `init` or `query`, answered with the unified codes (200, 400, 402, 403, 404, 500).
 */
import { z } from 'zod';
import type { ServiceContext } from './cloudauth.js';
import { isValidCertName, isValidCertNo } from './identity.js';
import type { Outcome } from './outcomes.js';
import { isCallbackUrl, parseWebUrl } from './urls.js';

/** The SAF API version the emulator serves. */
export const SAF_API_VERSION = '2017-03-31';
/** The one SAF service the emulator knows. */
export const SAF_SERVICE = 'fin_face_verify';

/** How the emulator spells its SAF replies: both forms are met in real projects. */
export interface SafReplyForm {
  /**
   * `camel` (default): the seeds' HTTPS sample, `{code, requestId, data, message}`;
   * `pascal`: the unified-code document's `{Code, RequestId, Data, Message}`.
   */
  casing?: 'camel' | 'pascal';
  /** `data` as a JSON string instead of an object. Default false. */
  dataAsString?: boolean;
}

/** A SAF reply before its casing is chosen. */
export interface SafReply {
  code: number;
  message: string;
  data?: Record<string, string>;
}

/** The unified codes and their messages (seed 004). */
const MESSAGES = {
  200: 'OK',
  400: '参数ServiceParameters不合法',
  402: '日QPS超过已购规格，限流',
  403: '权限不足，服务未开通或已到期',
  404: '参数Service不合法',
  500: '内部服务器错误',
} as const;

function reply(code: keyof typeof MESSAGES, detail?: string): SafReply {
  return { code, message: detail === undefined ? MESSAGES[code] : `${MESSAGES[code]}：${detail}` };
}

/**
 * `returnUrl`: `""` for none (the in-app flow), an http(s) URL, or an app's scheme for the
 * out-of-app launch (`myapp://…`). Never `javascript:` or `data:`.
 */
function isReturnUrl(value: string): boolean {
  if (value === '') return true;
  if (parseWebUrl(value) !== undefined) return true;
  return (
    /^[a-z][a-z0-9+.-]{1,31}:\/\/[^\s\\]{0,2000}$/i.test(value) &&
    !/^(javascript|data|vbscript|file|http|https):/i.test(value)
  );
}

const initSchema = z.object({
  method: z.literal('init'),
  sceneId: z.string().regex(/^[1-9]\d{0,18}$/),
  outerOrderNo: z.string().regex(/^[A-Za-z0-9]{1,32}$/),
  bizCode: z.enum(['FACE', 'FACE_SDK']),
  identityType: z.literal('CERT_INFO'),
  certType: z.literal('IDENTITY_CARD'),
  certNo: z.string(),
  certName: z.string().refine(isValidCertName),
  returnUrl: z.string().refine(isReturnUrl),
  callbackUrl: z.string().refine(isCallbackUrl).optional(),
  callbackToken: z
    .string()
    .regex(/^[\x21-\x7e]{1,128}$/)
    .optional(),
  encryptType: z.string().optional(),
  metaInfo: z.string().optional(),
});

const querySchema = z.object({
  method: z.literal('query'),
  sceneId: z.string().regex(/^[1-9]\d{0,18}$/),
  certifyId: z.string().regex(/^[A-Za-z0-9]{1,64}$/),
});

/** Whether a MetaInfo comes from the iOS / Android SDK, the only callers `FACE_SDK` is for. */
function isAppMetaInfo(metaInfo: string | undefined): boolean {
  if (metaInfo === undefined) return false;
  try {
    const value: unknown = JSON.parse(metaInfo);
    const deviceType =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)['deviceType']
        : undefined;
    return deviceType === 'ios' || deviceType === 'android';
  } catch {
    return false;
  }
}

/** `ExecuteRequest`: checks `Service` and `ServiceParameters`, then runs `init` or `query`. */
export function executeRequest(params: ReadonlyMap<string, string>, ctx: ServiceContext): SafReply {
  if (params.get('Service') !== SAF_SERVICE) return reply(404);
  const raw = params.get('ServiceParameters');
  let input: unknown;
  try {
    input = JSON.parse(raw ?? '');
  } catch {
    return reply(400, 'ServiceParameters 不是 JSON');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return reply(400);
  const method = (input as Record<string, unknown>)['method'];
  if (method === 'init') return init(input, ctx);
  if (method === 'query') return query(input, ctx);
  return reply(400, 'method 必须是 init 或 query');
}

function init(input: object, ctx: ServiceContext): SafReply {
  const parsed = initSchema.safeParse(input);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    return reply(400, `${String(field ?? 'ServiceParameters')} 不合法`);
  }
  const p = parsed.data;
  // The emulator holds no SM2 key: encrypted identities cannot be checked, so it refuses them.
  if (p.encryptType !== undefined) return reply(400, 'encryptType 不受模拟器支持');
  if (!isValidCertNo(p.certNo, ctx.now())) return reply(400, 'certNo 不合法');
  // FACE_SDK is the app SDKs' scene code: a web page has no SDK MetaInfo, and H5 must use FACE.
  if (p.bizCode === 'FACE_SDK' && !isAppMetaInfo(p.metaInfo)) {
    return reply(400, 'bizCode FACE_SDK 仅用于 iOS/Android SDK，H5 页面请使用 FACE');
  }
  if (!ctx.scenes.has(p.sceneId)) return reply(400, 'sceneId 不存在');
  const record = ctx.store.create(
    {
      sceneId: p.sceneId,
      productCode: 'ID_PRO',
      certifyUrlType: 'H5',
      returnUrl: p.returnUrl,
      flow: 'alipay',
      ...(p.callbackUrl !== undefined ? { callbackUrl: p.callbackUrl } : {}),
      ...(p.callbackToken !== undefined ? { callbackToken: p.callbackToken } : {}),
      createdAt: ctx.now(),
    },
    ctx.certifyTtlMs,
  );
  return {
    ...reply(200),
    data: { certifyId: record.certifyId, certifyUrl: `${ctx.publicUrl}/certify/${record.token}` },
  };
}

/**
 * `query`: `passed` T once the certify page reported a pass, else F (also while the user has not
 * finished: the seeds do not say what the service answers then, and F never grants anything).
 * `identityInfo` and `materialInfo` are "often empty" in the seeds; the emulator sends `materialInfo`
 * with a verdict, as DescribeFaceVerify does.
 */
function query(input: object, ctx: ServiceContext): SafReply {
  const parsed = querySchema.safeParse(input);
  if (!parsed.success) return reply(400);
  const { sceneId, certifyId } = parsed.data;
  const record = ctx.store.byCertifyId(certifyId);
  if (record === undefined || record.sceneId !== sceneId || record.flow !== 'alipay') {
    return reply(400, 'certifyId 无效');
  }
  const completion = record.completion;
  return {
    ...reply(200),
    data: {
      passed: completion?.outcome.verdict?.passed === true ? 'T' : 'F',
      identityInfo: '',
      materialInfo: completion?.materialInfo ?? '',
    },
  };
}

/** What the Alipay app's bridge reports to the page for an outcome (`resultStatus`). */
export type AlipayResultStatus = '9000' | '6001' | '6002' | '4000';

/**
 * The `resultStatus` the emulated Alipay container reports when the certify page ends: 9000
 * (submitted; the server must confirm) after a pass, 6001 when the user left, 6002 on a network
 * failure, 4000 (business error, `result` null) for everything else.
 */
export function alipayResultStatus(outcome: Outcome): AlipayResultStatus {
  if (outcome.verdict?.passed === true) return '9000';
  if (outcome.subCode === 'Z5055') return '6001';
  if (outcome.code === 2002 || outcome.subCode === 'Z5053') return '6002';
  return '4000';
}

/** The reply body in the chosen {@link SafReplyForm}. */
export function safReplyBody(
  value: SafReply,
  requestId: string,
  form: SafReplyForm = {},
): Record<string, unknown> {
  const data =
    value.data === undefined
      ? undefined
      : form.dataAsString === true
        ? JSON.stringify(value.data)
        : value.data;
  return form.casing === 'pascal'
    ? {
        Code: value.code,
        RequestId: requestId,
        ...(data !== undefined ? { Data: data } : {}),
        Message: value.message,
      }
    : {
        code: value.code,
        requestId,
        ...(data !== undefined ? { data } : {}),
        message: value.message,
      };
}
