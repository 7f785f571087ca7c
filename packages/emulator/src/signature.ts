import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** A decoded `name=value` pair, in wire order. */
export type Param = readonly [name: string, value: string];

/**
 * Percent-encoding as Alibaba Cloud signs it (RFC 3986 unreserved characters stay, everything else
 * is `%XX` in UTF-8): `encodeURIComponent` plus `! ' ( ) *`. Both the v1 RPC signature and ACS3's
 * canonical query string use it. Throws `URIError` on a lone surrogate.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Splits an `application/x-www-form-urlencoded` string (a query string or a form body) into decoded
 * pairs. `+` is a space, as form encoding says. Returns undefined for malformed percent-escapes, so
 * the caller can reject instead of silently verifying a different value than the client signed.
 */
export function parseFormString(text: string): Param[] | undefined {
  const out: Param[] = [];
  if (text === '') return out;
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? '' : part.slice(eq + 1);
    try {
      out.push([
        decodeURIComponent(rawName.replace(/\+/g, '%20')),
        decodeURIComponent(rawValue.replace(/\+/g, '%20')),
      ]);
    } catch {
      return undefined;
    }
  }
  return out;
}

/** Constant-time string comparison: both sides are hashed first, so lengths leak nothing either. */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}

/** Sorts by code unit, as `Array.prototype.sort` and Java's `Arrays.sort` do in the official SDKs. */
function byName(a: Param, b: Param): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// v1 RPC signature (HMAC-SHA1), as the seeds' HTTPS examples compute it and as the official SDK
// sends it with `signatureAlgorithm: 'v2'`.
// ---------------------------------------------------------------------------------------------

/**
 * The v1 string to sign: `METHOD&%2F&encode(sorted k=v pairs joined by &)`, over every parameter
 * (query and form body) except `Signature` itself.
 */
export function rpcStringToSign(method: string, params: readonly Param[]): string {
  const canonical = params
    .filter(([name]) => name !== 'Signature')
    .slice()
    .sort(byName)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&');
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

/** Base64 HMAC-SHA1 of `stringToSign` keyed with `secret + '&'`. */
export function rpcSignature(stringToSign: string, secret: string): string {
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}

// ---------------------------------------------------------------------------------------------
// ACS3-HMAC-SHA256 (the official SDK's default).
// ---------------------------------------------------------------------------------------------

/** The only ACS3 algorithm the emulator accepts. */
export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** The parts of an ACS3 `Authorization` header. */
export interface Acs3Authorization {
  algorithm: string;
  accessKeyId: string;
  /** Lower-case header names in the order the client listed them. */
  signedHeaders: string[];
  /** Hex signature as sent. */
  signature: string;
}

/**
 * Parses `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex`. Returns undefined when
 * any part is missing or repeated, so a malformed header is rejected rather than half-read.
 */
export function parseAcs3Authorization(header: string): Acs3Authorization | undefined {
  const match = /^(ACS3-[A-Z0-9-]+) +(.+)$/.exec(header.trim());
  if (!match) return undefined;
  const [, algorithm, rest] = match;
  if (algorithm === undefined || rest === undefined) return undefined;
  const fields = new Map<string, string>();
  for (const item of rest.split(',')) {
    const eq = item.indexOf('=');
    if (eq <= 0) return undefined;
    const key = item.slice(0, eq).trim();
    if (fields.has(key)) return undefined;
    fields.set(key, item.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature || fields.size !== 3) return undefined;
  return {
    algorithm,
    accessKeyId,
    signedHeaders: signedHeaders.split(';').map((h) => h.trim().toLowerCase()),
    signature,
  };
}

/** What the canonical request is built from. Header names are lower case. */
export interface Acs3Request {
  method: string;
  /** Raw path as it arrived (before `?`). */
  path: string;
  query: readonly Param[];
  headers: ReadonlyMap<string, readonly string[]>;
  signedHeaders: readonly string[];
  /** Hex SHA-256 of the body. */
  payloadHash: string;
}

/** Hex SHA-256 of raw bytes. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The ACS3 canonical request: method, canonical URI, sorted and encoded query, the signed headers
 * (`name:trimmed values sorted and joined by ,`), the signed header list and the payload hash.
 */
export function acs3CanonicalRequest(req: Acs3Request): string {
  const canonicalUri = (req.path || '/')
    .replace(/\+/g, '%20')
    .replace(/\*/g, '%2A')
    .replace(/%7E/g, '~');
  const canonicalQuery = req.query
    .slice()
    .sort(byName)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&');
  const canonicalHeaders = req.signedHeaders
    .map((name) => {
      const values = (req.headers.get(name) ?? []).map((v) => v.trim()).sort();
      return `${name}:${values.join(',')}\n`;
    })
    .join('');
  return [
    req.method.toUpperCase(),
    canonicalUri,
    canonicalQuery,
    canonicalHeaders,
    req.signedHeaders.join(';'),
    req.payloadHash,
  ].join('\n');
}

/** `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request. */
export function acs3StringToSign(canonicalRequest: string): string {
  return `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

/** Hex HMAC-SHA256 of the string to sign, keyed with the AccessKey secret. */
export function acs3Signature(stringToSign: string, secret: string): string {
  return createHmac('sha256', secret).update(stringToSign, 'utf8').digest('hex');
}

/** `yyyy-MM-ddTHH:mm:ssZ`, the only timestamp form both signing modes use. Undefined when malformed. */
export function parseAcsTimestamp(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  // Date.UTC rolls 2024-02-31 over into March; a timestamp that does not round-trip is malformed.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return undefined;
  }
  return ms;
}

/** Formats epoch milliseconds as `yyyy-MM-ddTHH:mm:ssZ`. */
export function formatAcsTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
