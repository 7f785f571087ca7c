/**
 * The Alipay H5 scheme's server side: SAF `ExecuteRequest` with `Service=fin_face_verify` (seeds
 * §1.3.2), on the seeds' own Node client, `@alicloud/pop-core`, over POST. Replies are read the
 * way real projects meet them: `code` or `Code`, `data` or `Data`, `data` as an object or as a JSON
 * string, and keys in either casing inside it.
 */
import RPCClient from '@alicloud/pop-core';
import type { Locale } from '@aliyun-face-verify/core';
import { classifyUpstreamError, type UpstreamFailure } from './sdk.js';

/** The SAF API version (seeds: 2017-03-31). */
export const SAF_API_VERSION = '2017-03-31';
/** The SAF endpoint of the seeds. */
export const SAF_DEFAULT_ENDPOINT = 'saf.cn-shanghai.aliyuncs.com';

/** What the handlers need from a SAF client: pop-core's `RPCClient` fits through {@link createSafClient}. */
export interface SafClient {
  /** `ExecuteRequest` with these parameters; resolves with the parsed JSON reply. */
  executeRequest(params: { Service: string; ServiceParameters: string }): Promise<unknown>;
}

/** How to reach SAF with pop-core. */
export interface SafClientOptions {
  accessKeyId: string;
  accessKeySecret: string;
  /** Host (and port) of the endpoint, e.g. `saf.cn-shanghai.aliyuncs.com` or the emulator's. */
  endpoint: string;
  protocol: 'https' | 'http';
  timeoutMs: number;
}

/** The unified codes of SAF (seed 004) a 200-coded client would otherwise throw on. */
const UNIFIED_CODES = [400, 402, 403, 404, 406, 500, '400', '402', '403', '404', '406', '500'];

/** The pop-core class, whichever way the CommonJS export arrives (default or the module). */
function rpcClientClass(): typeof RPCClient {
  const imported: unknown = RPCClient;
  if (typeof imported === 'function') return RPCClient;
  if (typeof imported === 'object' && imported !== null && 'default' in imported) {
    const inner = (imported as { default: unknown }).default;
    if (typeof inner === 'function') return inner as typeof RPCClient;
  }
  throw new TypeError('@alicloud/pop-core does not export its RPCClient as expected');
}

/**
 * A SAF client on pop-core, POST as in the seeds' sample (GET would put the name and ID number
 * in the URL). Business codes resolve (they are read by the handlers); only the gateway's
 * rejections (signature, key) and transport failures throw.
 */
export function createSafClient(options: SafClientOptions): SafClient {
  const Client = rpcClientClass();
  const client = new Client({
    accessKeyId: options.accessKeyId,
    accessKeySecret: options.accessKeySecret,
    endpoint: `${options.protocol}://${options.endpoint}`,
    apiVersion: SAF_API_VERSION,
    codes: UNIFIED_CODES,
  });
  return {
    executeRequest: (params) =>
      client.request('ExecuteRequest', params, { method: 'POST', timeout: options.timeoutMs }),
  };
}

/** A SAF reply, read whatever its casing. */
export interface SafReply {
  /** The unified code as a string (`'200'` on success). */
  code: string;
  requestId?: string;
  /** `data` as an object with lower-camel keys; absent when missing or unreadable. */
  data?: Record<string, unknown>;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `value[name]`, or the same key with a capital first letter. */
function either(value: Json, name: string): unknown {
  return value[name] ?? value[name[0]?.toUpperCase() + name.slice(1)];
}

/** Reads a SAF reply: `code`/`Code`, `requestId`/`RequestId`, `data`/`Data` (object or JSON string). */
export function readSafReply(json: unknown): SafReply | undefined {
  if (!isObject(json)) return undefined;
  const code = either(json, 'code');
  if (typeof code !== 'number' && typeof code !== 'string') return undefined;
  const requestId = either(json, 'requestId');
  let data = either(json, 'data');
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data) as unknown;
    } catch {
      data = undefined;
    }
  }
  const fields: Json = {};
  if (isObject(data)) {
    for (const [key, value] of Object.entries(data)) {
      fields[key[0]?.toLowerCase() + key.slice(1)] = value;
    }
  }
  return {
    code: String(code),
    ...(typeof requestId === 'string' && /^[\w-]{1,64}$/.test(requestId) ? { requestId } : {}),
    ...(isObject(data) ? { data: fields } : {}),
  };
}

/**
 * Classifies what pop-core threw. A gateway rejection carries the gateway's JSON as `data` with a
 * `Code` (e.g. `SignatureDoesNotMatch`); only that code and the RequestId are kept, never the
 * message (pop-core puts the whole request URL in it).
 */
export function classifySafError(error: unknown): UpstreamFailure {
  if (isObject(error) && isObject(error['data'])) {
    const data = error['data'];
    const code = either(data, 'code');
    const requestId = either(data, 'requestId');
    const safe = {
      ...(typeof code === 'string' && /^[A-Za-z][\w.-]{0,63}$/.test(code) ? { code } : {}),
      ...(typeof requestId === 'string' && /^[\w-]{1,64}$/.test(requestId) ? { requestId } : {}),
    };
    if (code !== undefined) {
      return /^Throttling/.test(String(code))
        ? { kind: 'throttled', ...safe }
        : { kind: 'rejected', ...safe };
    }
  }
  return classifyUpstreamError(error);
}

/** Texts of the unified codes and of the query's verdict, in both locales. */
export const SAF_MESSAGES = {
  '400': { 'zh-CN': '参数不合法', en: 'The verification request was not valid.' },
  '402': {
    'zh-CN': '调用量超过已购规格，请稍后再试',
    en: 'The service is over its purchased rate; try again later.',
  },
  '403': {
    'zh-CN': '服务未开通或已到期',
    en: 'The verification service is not enabled or has expired for this account.',
  },
  '404': { 'zh-CN': '服务参数不合法', en: 'The verification service name is not valid.' },
  '500': { 'zh-CN': '认证服务内部错误', en: 'The verification service had an internal error.' },
  passed: { 'zh-CN': '认证通过', en: 'Verification passed.' },
  notPassed: {
    'zh-CN': '认证未通过或尚未完成',
    en: 'Verification not passed, or not finished yet.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

/** The text of a unified code; unknown codes read as an internal error of the service. */
export function safCodeMessage(code: string, locale: Locale): string {
  const known = Object.hasOwn(SAF_MESSAGES, code)
    ? SAF_MESSAGES[code as '400' | '402' | '403' | '404' | '500']
    : SAF_MESSAGES['500'];
  return known[locale];
}
