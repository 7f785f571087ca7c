import { createHash } from 'node:crypto';
import { z } from 'zod';
import { IFRAME_RETURN_URL, certifyUrlFor } from './iframe.js';
import { TEST_IDENTITIES, isValidCertName, isValidCertNo } from './identity.js';
import type { Outcome } from './outcomes.js';
import {
  randomHex,
  type ProductCode,
  type VerificationRecord,
  type VerificationStore,
} from './store.js';
import { isCallbackUrl, parseWebUrl } from './urls.js';

/** A scene configured in the emulated console (认证场景). */
export interface Scene {
  /** Numeric SceneId, as a string. */
  readonly sceneId: string;
  /** Products the scene may use. */
  readonly productCodes: readonly ProductCode[];
}

/** Body of a business reply: HTTP 200 with the service's own `Code` (a string, as the cloud sends). */
export interface ServiceReply {
  Code: string;
  Message: string;
  ResultObject?: Record<string, string>;
}

/** What the API actions need from the emulator. */
export interface ServiceContext {
  readonly scenes: ReadonlyMap<string, Scene>;
  readonly store: VerificationStore;
  now(): number;
  /** Origin the CertifyUrl and picture URLs point at, e.g. `http://127.0.0.1:8787`. */
  readonly publicUrl: string;
  readonly certifyTtlMs: number;
  readonly dailyAttemptLimit: number;
}

/** InitFaceVerify Codes and Messages, as the seeds' H5 section lists them. */
const INIT_MESSAGES = {
  '200': 'success',
  '400': '参数不能为空',
  '401': '参数非法',
  '404': '认证场景配置不存在',
  '417': '无法使用刷脸服务',
  '418': '刷脸失败次数过多',
} as const;

/** DescribeFaceVerify Codes and Messages, as the seeds' H5 section lists them. */
const DESCRIBE_MESSAGES = {
  '200': 'success',
  '400': '参数不能为空',
  '401': '参数非法',
  '404': '认证场景配置不存在',
  '406': '无效的CertifyId',
  '424': '身份认证记录不存在',
} as const;

function initReply(code: keyof typeof INIT_MESSAGES): ServiceReply {
  return { Code: code, Message: INIT_MESSAGES[code] };
}

function describeReply(code: keyof typeof DESCRIBE_MESSAGES): ServiceReply {
  return { Code: code, Message: DESCRIBE_MESSAGES[code] };
}

function isJsonObjectText(value: string): boolean {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/** Formats of InitFaceVerify parameters; a failure here is Code 401 (参数非法). */
const initSchema = z.object({
  SceneId: z.string().regex(/^[1-9]\d{0,18}$/),
  OuterOrderNo: z.string().regex(/^[A-Za-z0-9]{1,32}$/),
  ProductCode: z.enum(['ID_PRO', 'LR_FR']),
  CertType: z.literal('IDENTITY_CARD').optional(),
  CertName: z.string().refine(isValidCertName).optional(),
  CertNo: z.string().optional(),
  // An absolute http(s) URL to redirect to, or `iframe`: post the result to the parent frame.
  ReturnUrl: z.string().refine((v) => v === IFRAME_RETURN_URL || parseWebUrl(v) !== undefined),
  MetaInfo: z.string().max(16_384).refine(isJsonObjectText),
  CertifyUrlType: z.enum(['WEB', 'H5']).optional(),
  CertifyUrlStyle: z.enum(['S', 'L']).optional(),
  CallbackUrl: z.string().refine(isCallbackUrl).optional(),
  CallbackToken: z
    .string()
    .regex(/^[\x21-\x7e]{1,128}$/)
    .optional(),
  UserId: z.string().min(1).max(64).optional(),
  Model: z.enum(['LIVENESS', 'PHOTINUS_LIVENESS', 'MULTI_ACTION', 'MOVE_ACTION']).optional(),
  Mobile: z
    .string()
    .regex(/^\d{5,20}$/)
    .optional(),
  Ip: z.string().max(64).optional(),
});

/** Parameters each product requires; a missing or empty one is Code 400 (参数不能为空). */
const REQUIRED: Record<ProductCode, readonly string[]> = {
  ID_PRO: ['CertType', 'CertName', 'CertNo'],
  LR_FR: ['UserId'],
};
const ALWAYS_REQUIRED = ['SceneId', 'OuterOrderNo', 'ProductCode', 'ReturnUrl', 'MetaInfo'];

function pick(
  params: ReadonlyMap<string, string>,
  keys: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = params.get(key);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * InitFaceVerify for the web flow (ID_PRO and LR_FR): validates as the seeds describe, then creates
 * a CertifyId and a single-use CertifyUrl on the emulator's certify page. `ReturnUrl: "iframe"`
 * and `CertifyUrlStyle` (`S` | `L`) follow the iframe docs.
 */
export function initFaceVerify(
  params: ReadonlyMap<string, string>,
  ctx: ServiceContext,
): ServiceReply {
  const product = params.get('ProductCode');
  const required = [
    ...ALWAYS_REQUIRED,
    ...(product === 'ID_PRO' || product === 'LR_FR' ? REQUIRED[product] : []),
  ];
  if (required.some((key) => !params.get(key))) return initReply('400');

  const parsed = initSchema.safeParse(pick(params, Object.keys(initSchema.shape)));
  if (!parsed.success) return initReply('401');
  const p = parsed.data;
  if (p.CertNo !== undefined && !isValidCertNo(p.CertNo, ctx.now())) return initReply('401');

  const scene = ctx.scenes.get(p.SceneId);
  if (scene === undefined || !scene.productCodes.includes(p.ProductCode)) return initReply('404');

  if (p.CertNo !== undefined) {
    const certNo = p.CertNo.toUpperCase();
    const fixture = TEST_IDENTITIES.find((t) => t.certNo === certNo);
    if (fixture?.initCode === '417') return initReply('417');
    if (fixture?.initCode === '418') return initReply('418');
    if (ctx.store.countAttempt(certNo, ctx.now()) > ctx.dailyAttemptLimit) return initReply('418');
  }

  const returnUrl =
    p.ReturnUrl === IFRAME_RETURN_URL ? IFRAME_RETURN_URL : parseWebUrl(p.ReturnUrl)?.href;
  if (returnUrl === undefined) return initReply('401');
  const record = ctx.store.create(
    {
      sceneId: p.SceneId,
      productCode: p.ProductCode,
      certifyUrlType: p.CertifyUrlType ?? 'H5',
      returnUrl,
      ...(p.CallbackUrl !== undefined ? { callbackUrl: p.CallbackUrl } : {}),
      ...(p.CallbackToken !== undefined ? { callbackToken: p.CallbackToken } : {}),
      createdAt: ctx.now(),
    },
    ctx.certifyTtlMs,
  );
  return {
    ...initReply('200'),
    ResultObject: {
      CertifyId: record.certifyId,
      CertifyUrl: certifyUrlFor(ctx.publicUrl, record, p.CertifyUrlStyle ?? 'S'),
    },
  };
}

/**
 * DescribeFaceVerify: 406 for a CertifyId the service never issued (or issued to another scene),
 * 424 until the certify page produced a verdict, then 200 with Passed, SubCode and MaterialInfo.
 */
export function describeFaceVerify(
  params: ReadonlyMap<string, string>,
  ctx: ServiceContext,
): ServiceReply {
  const sceneId = params.get('SceneId');
  const certifyId = params.get('CertifyId');
  if (!sceneId || !certifyId) return describeReply('400');
  if (!/^[1-9]\d{0,18}$/.test(sceneId)) return describeReply('401');
  if (!ctx.scenes.has(sceneId)) return describeReply('404');
  const record = ctx.store.byCertifyId(certifyId);
  if (record === undefined || record.sceneId !== sceneId) return describeReply('406');
  const completion = record.completion;
  const verdict = completion?.outcome.verdict;
  if (completion === undefined || verdict === undefined) return describeReply('424');
  return {
    ...describeReply('200'),
    ResultObject: {
      Passed: verdict.passed ? 'T' : 'F',
      SubCode: verdict.subCode,
      MaterialInfo: completion.materialInfo ?? '{}',
      DeviceToken: completion.deviceToken ?? '',
    },
  };
}

/** A number in [min, max) derived from the CertifyId, so repeated queries see the same scores. */
function score(certifyId: string, salt: string, min: number, max: number): number {
  const h = createHash('sha256').update(`${certifyId}:${salt}`).digest();
  return min + (h.readUInt32BE(0) / 0x1_0000_0000) * (max - min);
}

/** Emulated OSS bucket the face pictures "live" in. */
export const EMULATOR_BUCKET = 'cn-shanghai-aliyun-cloudauth-emulator';

/**
 * A `MaterialInfo` JSON string shaped like the seeds' example: `faceAttack`, `faceOcclusion` (only
 * when passed, as the seeds note) and `facialPictureFront` with scores and a picture on the emulator.
 */
export function materialInfoFor(
  record: VerificationRecord,
  outcome: Outcome,
  publicUrl: string,
): string {
  const verdict = outcome.verdict;
  const id = record.certifyId;
  const attack = verdict?.subCode === '205';
  const compared = verdict !== undefined && !['202', '203'].includes(verdict.subCode);
  const objectName = `verify/emulator/${id}_0.svg`;
  const picture: Record<string, string | number> = {
    faceAttackScore: attack ? score(id, 'attack', 0.9, 0.999) : score(id, 'attack', 0.00001, 0.001),
    qualityScore: score(id, 'quality', 85, 99.9),
    pictureUrl: `${publicUrl}/oss/${EMULATOR_BUCKET}/${objectName}`,
    ossBucketName: EMULATOR_BUCKET,
    ossObjectName: objectName,
  };
  if (compared) {
    picture['verifyScore'] = verdict.passed
      ? score(id, 'verify', 75, 95)
      : verdict.subCode === '204'
        ? score(id, 'verify', 20, 60)
        : score(id, 'verify', 60, 80);
  }
  const info: Record<string, unknown> = { faceAttack: attack ? 'T' : 'F' };
  if (verdict?.passed) info['faceOcclusion'] = 'F';
  info['facialPictureFront'] = picture;
  return JSON.stringify(info);
}

/** A DeviceToken in the cloud's style. */
export function newDeviceToken(): string {
  return `Emu${randomHex(20)}`;
}
