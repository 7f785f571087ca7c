/**
 * What the service's response Codes of InitFaceVerify and
 * DescribeFaceVerify, and DescribeFaceVerify's ResultObject.SubCode, mean (facts from the seeds,
 * worded here), for the merchant server's logs and the element's messages; and how the merchant
 * endpoint answers each failed InitFaceVerify Code (`service-failures.ts`). Published as
 * `@aliyun-face-verify/core/tables` (entry `tables.ts`).
 */
import type { Locale } from './browser-codes.js';

export * from './service-failures.js';

/** One meaning in both locales. */
export interface CodeText {
  'zh-CN': string;
  en: string;
}

// Bytes: the pure annotations let a bundler drop the tables a page does not use (the element
// imports only `initFailureOf` from here); without them every `Object.freeze` call is kept.
const text = /* @__NO_SIDE_EFFECTS__ */ (zh: string, en: string): CodeText =>
  Object.freeze({ 'zh-CN': zh, en });

// Codes both APIs return with the same meaning.
const OK = text('成功', 'Success.');
const EMPTY = text('参数不能为空', 'A required parameter is missing or empty.');
const ILLEGAL = text(
  '参数非法：姓名或证件号码格式不符',
  'Invalid parameter: name or ID number in a wrong format (no Latin letters or special characters).',
);
const NO_SCENE = text(
  '认证场景配置不存在，请先在控制台创建',
  'Scene (SceneId) not found; create it in the console first.',
);
const NO_OSS = text(
  '未开通服务：未开通OSS或未授权读写',
  'Service not enabled: OSS not activated or read/write not authorized.',
);
const NO_RAM = text(
  'RAM无权限：需授予AliyunAntCloudAuthFullAccess',
  'The RAM user lacks permission: grant AliyunAntCloudAuthFullAccess.',
);
const INTERNAL = text('系统错误', 'Internal error of the service.');

/** InitFaceVerify response Codes (200, 400, 401, … 500) with the seeds' meaning. */
export const INIT_FACE_VERIFY_CODES: Readonly<Record<string, CodeText>> =
  /* @__PURE__ */ Object.freeze({
    200: OK,
    400: EMPTY,
    401: ILLEGAL,
    402: text('应用配置不存在', 'Application configuration not found.'),
    404: NO_SCENE,
    410: NO_OSS,
    411: NO_RAM,
    412: text('欠费中，请充值', 'Account in arrears (ID Verification or OSS); top it up.'),
    414: text('设备类型不支持', 'Device type not supported; use another device.'),
    415: text('SDK版本不支持', 'SDK version not supported; upgrade it.'),
    416: text('系统版本不支持', 'OS version not supported; upgrade it or use another device.'),
    417: text(
      '无法使用刷脸服务：无可用比对源（见SubCode 201–203），建议人工审核',
      'Face verification unavailable: no comparison source for this identity (see SubCode 201–203); consider manual review.',
    ),
    418: text(
      '刷脸失败次数过多：同一身份每天最多失败20次',
      'Too many failures: an identity may fail 20 times a day; retry tomorrow.',
    ),
    419: text(
      '传入图片不可用',
      'Picture unusable: not downloadable, empty, wrong resolution or no face.',
    ),
    420: text(
      '数据重复：材料只能用一种方式传入',
      'Duplicate material: supply the picture one way only.',
    ),
    421: text('传入图片过大', 'Picture too large.'),
    422: text('下载图片超时', 'Picture download timed out.'),
    423: text(
      '状态错误：作为材料的CertifyId须已通过',
      'Wrong state: a CertifyId used as material must have passed.',
    ),
    500: INTERNAL,
  });

/** DescribeFaceVerify response Codes (200, 400, 401, 403, 404, 406, … 500) with the seeds' meaning. */
export const DESCRIBE_FACE_VERIFY_CODES: Readonly<Record<string, CodeText>> =
  /* @__PURE__ */ Object.freeze({
    200: OK,
    400: EMPTY,
    401: ILLEGAL,
    403: text('认证未完成', 'Verification not complete.'),
    404: NO_SCENE,
    406: text('无效的CertifyId', 'Invalid CertifyId.'),
    410: NO_OSS,
    411: NO_RAM,
    424: text(
      '身份认证记录不存在：未认证、已放弃或处理中；收到1000或2006后再查询',
      'No verification record: not verified, abandoned or still processing; query after 1000 or 2006.',
    ),
    427: text('业务策略限制（仅ID_PLUS）', 'Blocked by a risk policy (ID_PLUS only).'),
    500: INTERNAL,
  });

/** DescribeFaceVerify ResultObject.SubCode 200–210, with whether it means passed. */
export const DESCRIBE_SUB_CODES: Readonly<Record<string, CodeText & { passed: boolean }>> =
  /* @__PURE__ */ Object.freeze({
    200: sub(true, '认证通过', 'Passed.'),
    201: sub(
      false,
      '姓名和身份证号不一致；同一身份再次发起将返回417',
      'Name and ID number do not match; re-initializing this identity returns 417.',
    ),
    202: sub(
      false,
      '查询不到身份信息，建议人工审核；再次发起将返回417',
      'Identity not found at the source; consider manual review. Re-initializing returns 417.',
    ),
    203: sub(
      false,
      '查询不到照片或照片不可用，建议人工审核；再次发起将返回417',
      'No usable reference photo; consider manual review. Re-initializing returns 417.',
    ),
    204: sub(
      false,
      '人脸比对不一致，若为本人可重试',
      'Face does not match the reference photo; the same person may retry.',
    ),
    205: sub(
      false,
      '活体检测存在风险，建议人工审核',
      'Liveness check found a risk of attack; consider manual review.',
    ),
    206: sub(
      false,
      '业务策略限制，如有疑问请咨询客服',
      'Blocked by a business policy; ask support if in doubt.',
    ),
    207: sub(
      false,
      '人脸与身份证人脸比对不一致（仅ID_PLUS）',
      'Face does not match the ID card photo (ID_PLUS only).',
    ),
    209: sub(false, '权威比对源异常', 'The authoritative comparison source failed.'),
    210: sub(
      true,
      '认证通过（安全策略综合判断）',
      'Passed (judged by the overall security policy).',
    ),
  });

/* @__NO_SIDE_EFFECTS__ */
function sub(passed: boolean, zh: string, en: string): CodeText & { passed: boolean } {
  return Object.freeze({ 'zh-CN': zh, en, passed });
}

/** The meaning of an InitFaceVerify or DescribeFaceVerify response Code; generic text for unknown codes. */
export function describeServiceCode(
  api: 'InitFaceVerify' | 'DescribeFaceVerify',
  code: string,
  locale: Locale = 'zh-CN',
): string {
  const table = api === 'InitFaceVerify' ? INIT_FACE_VERIFY_CODES : DESCRIBE_FACE_VERIFY_CODES;
  return lookup(table, code, locale);
}

/** The meaning of a DescribeFaceVerify SubCode; generic text for unknown ones. */
export function describeSubCode(subCode: string, locale: Locale = 'zh-CN'): string {
  return lookup(DESCRIBE_SUB_CODES, subCode, locale);
}

function lookup(table: Readonly<Record<string, CodeText>>, code: string, locale: Locale): string {
  // Own keys only: `constructor` or `__proto__` must not resolve to Object.prototype members.
  const entry = Object.hasOwn(table, code) ? table[code] : undefined;
  const en = locale === 'en';
  return entry ? entry[en ? 'en' : 'zh-CN'] : en ? `Unknown code ${code}.` : `未知返回码 ${code}`;
}
