import type { Locale, MerchantErrorBody, MerchantErrorCode } from '@aliyun-face-verify/core';

/** Headers on every reply: JSON, never cached (results and CertifyUrls are per user), never sniffed. */
const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/** A JSON reply. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

/** HTTP status of each merchant error code, unless a handler chooses a more precise one. */
export const STATUS_OF: Readonly<Record<MerchantErrorCode, number>> = {
  'bad-request': 400,
  'return-url-not-allowed': 400,
  'identity-required': 400,
  unauthorized: 401,
  'not-found': 404,
  'not-ready': 409,
  'rate-limited': 429,
  internal: 500,
  'upstream-error': 502,
};

/** A typed error reply ({@link MerchantErrorBody}). */
export class MerchantError extends Error {
  /** Stable code for the browser. */
  readonly code: MerchantErrorCode;
  /** HTTP status. */
  readonly status: number;
  /** The cloud's Code, when the error came from it. */
  readonly upstreamCode: string | undefined;
  /** The cloud's RequestId, when there was one. */
  readonly requestId: string | undefined;
  /** Extra response headers (e.g. `allow`). */
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: MerchantErrorCode,
    message: string,
    extra: {
      status?: number;
      upstreamCode?: string | undefined;
      requestId?: string | undefined;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.name = 'MerchantError';
    this.code = code;
    this.status = extra.status ?? STATUS_OF[code];
    this.upstreamCode = extra.upstreamCode;
    this.requestId = extra.requestId;
    this.headers = extra.headers;
  }

  /** The JSON body. */
  toBody(): MerchantErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.upstreamCode !== undefined ? { upstreamCode: this.upstreamCode } : {}),
        ...(this.requestId !== undefined ? { requestId: this.requestId } : {}),
      },
    };
  }

  /** The reply. */
  toResponse(): Response {
    return jsonResponse(this.status, this.toBody(), this.headers);
  }
}

/** Texts of the errors the handlers raise themselves, in both locales. */
export const MESSAGES = {
  methodNotAllowed: { 'zh-CN': '不支持的请求方法', en: 'Method not allowed.' },
  notJson: {
    'zh-CN': '请求体必须是 JSON',
    en: 'The request body must be JSON (application/json).',
  },
  tooLarge: { 'zh-CN': '请求体过大', en: 'The request body is too large.' },
  badJson: { 'zh-CN': '请求体不是有效的 JSON', en: 'The request body is not valid JSON.' },
  badMetaInfo: {
    'zh-CN': 'metaInfo 必须是 getMetaInfo() 返回对象的 JSON 字符串',
    en: 'metaInfo must be the JSON string of the object getMetaInfo() returns.',
  },
  badReturnUrl: {
    'zh-CN': 'returnUrl 必须是 http(s) 绝对地址',
    en: 'returnUrl must be an absolute http(s) URL.',
  },
  returnUrlNotAllowed: {
    'zh-CN': 'returnUrl 的来源不在允许列表中',
    en: 'The origin of returnUrl is not on the allowlist.',
  },
  badRequest: { 'zh-CN': '请求参数不合法', en: 'The request is not valid.' },
  identityRequired: {
    'zh-CN': '需要姓名和身份证号',
    en: 'A name and an ID number are required for this verification.',
  },
  badCertName: {
    'zh-CN': '姓名格式不正确：只能包含汉字和“·”',
    en: 'The name is not valid: only Chinese characters and "·" are allowed.',
  },
  badCertNo: {
    'zh-CN': '身份证号不正确：应为18位且校验位正确',
    en: 'The ID number is not valid: it must have 18 characters and a correct check digit.',
  },
  badCertifyId: { 'zh-CN': 'certifyId 不合法', en: 'certifyId is not valid.' },
  forbidden: { 'zh-CN': '无权查询该认证结果', en: 'Not allowed to query this verification.' },
  signInRequired: {
    'zh-CN': '请先登录再开始认证',
    en: 'Sign in before starting a verification.',
  },
  tooManyRequests: {
    'zh-CN': '操作过于频繁，请稍后再试',
    en: 'Too many attempts; try again later.',
  },
  callbackNotReady: {
    'zh-CN': '认证尚未完成，请稍后重试通知',
    en: 'The verification has not finished yet; retry the notification later.',
  },
  unreachable: {
    'zh-CN': '无法连接实人认证服务',
    en: 'The verification service could not be reached.',
  },
  timeout: { 'zh-CN': '实人认证服务响应超时', en: 'The verification service timed out.' },
  upstreamRejected: {
    'zh-CN': '实人认证服务拒绝了请求（请检查 AccessKey 配置）',
    en: 'The verification service rejected the request (check the AccessKey configuration).',
  },
  upstreamThrottled: {
    'zh-CN': '请求过于频繁，请稍后再试',
    en: 'Too many requests to the verification service; try again later.',
  },
  upstreamMalformed: {
    'zh-CN': '实人认证服务返回了无法识别的结果',
    en: 'The verification service sent a reply that could not be understood.',
  },
  alipayDisabled: {
    'zh-CN': '本服务未开启支付宝认证',
    en: 'The Alipay flow is not enabled on this server.',
  },
  notFound: { 'zh-CN': '认证记录不存在', en: 'No such verification.' },
  handoffInvalid: {
    'zh-CN': '链接无效或已过期，请在原页面重新获取',
    en: 'This link is not valid or has expired; get a new one on the first screen.',
  },
  handoffDisabled: {
    'zh-CN': '本服务未开启跨设备继续认证',
    en: 'Continuing on another device is not enabled on this server.',
  },
  callbackDisabled: {
    'zh-CN': '未配置回调',
    en: 'Callbacks are not configured on this server.',
  },
  badCallbackToken: { 'zh-CN': '回调令牌无效', en: 'The callback token is not valid.' },
  internal: { 'zh-CN': '服务器内部错误', en: 'Internal server error.' },
} as const satisfies Record<string, Record<Locale, string>>;

/** Locale of a request: the first `zh*` or `en*` tag of Accept-Language, else `fallback`. */
export function negotiateLocale(request: Request, fallback: Locale): Locale {
  const header = request.headers.get('accept-language') ?? '';
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return fallback;
}

/**
 * The body as text, refusing more than `limit` bytes without reading further, so a client cannot
 * make the server buffer an unbounded upload.
 */
export async function readText(request: Request, limit: number, locale: Locale): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  const tooLarge = () =>
    new MerchantError('bad-request', MESSAGES.tooLarge[locale], { status: 413 });
  if (declared > limit) throw tooLarge();
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

/** A JSON object body of a POST, or a typed 405 / 415 / 413 / 400. */
export async function readJsonObject(
  request: Request,
  limit: number,
  locale: Locale,
): Promise<Record<string, unknown>> {
  if (request.method !== 'POST') {
    throw new MerchantError('bad-request', MESSAGES.methodNotAllowed[locale], {
      status: 405,
      headers: { allow: 'POST' },
    });
  }
  const type = request.headers.get('content-type') ?? '';
  // Requiring application/json also keeps cross-site HTML forms (a CSRF vector) out: they cannot send it.
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new MerchantError('bad-request', MESSAGES.notJson[locale], { status: 415 });
  }
  const text = await readText(request, limit, locale);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MerchantError('bad-request', MESSAGES.badJson[locale]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MerchantError('bad-request', MESSAGES.badJson[locale]);
  }
  return value as Record<string, unknown>;
}
