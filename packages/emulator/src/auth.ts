import { GatewayError } from './api-error.js';
import {
  ACS3_ALGORITHM,
  acs3CanonicalRequest,
  acs3Signature,
  acs3StringToSign,
  parseAcs3Authorization,
  parseAcsTimestamp,
  parseFormString,
  rpcSignature,
  rpcStringToSign,
  safeEqual,
  sha256Hex,
  type Param,
} from './signature.js';

/** An OpenAPI request as it arrived on the wire; header names are lower case. */
export interface WireRequest {
  method: string;
  /** Raw path, before `?`. */
  path: string;
  /** Raw query string, without `?`. */
  rawQuery: string;
  headers: ReadonlyMap<string, readonly string[]>;
  body: Uint8Array;
}

/** A request whose signature, timestamp and nonce checked out. */
export interface AuthenticatedCall {
  /** Which signing scheme the client used. */
  scheme: typeof ACS3_ALGORITHM | 'HMAC-SHA1';
  accessKeyId: string;
  action: string;
  version: string;
  /** Business parameters (query and form body), common signing parameters removed. */
  params: ReadonlyMap<string, string>;
}

/** Remembers signature nonces until their timestamp can no longer pass the skew check. */
export class NonceStore {
  readonly #seen = new Map<string, number>();

  /** False when `nonce` was already used by `accessKeyId`; otherwise records it until `until`. */
  claim(accessKeyId: string, nonce: string, until: number, now: number): boolean {
    if (this.#seen.size > 10_000) this.prune(now);
    const key = `${accessKeyId}\n${nonce}`;
    const expires = this.#seen.get(key);
    if (expires !== undefined && expires >= now) return false;
    this.#seen.set(key, until);
    return true;
  }

  /** Drops nonces whose timestamp window has closed. */
  prune(now: number): void {
    for (const [key, expires] of this.#seen) if (expires < now) this.#seen.delete(key);
  }
}

/** What authentication needs from the emulator. */
export interface AuthContext {
  secretFor(accessKeyId: string): string | undefined;
  now(): number;
  /** Allowed clock difference either way; the cloud allows 15 minutes. */
  toleranceMs: number;
  nonces: NonceStore;
}

/** Common parameters of the v1 RPC protocol: they sign the call but are not business input. */
const RPC_COMMON = new Set([
  'Action',
  'Version',
  'Format',
  'AccessKeyId',
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'SignatureType',
  'Timestamp',
  'SecurityToken',
  'RegionId',
]);

function header(req: WireRequest, name: string): string | undefined {
  const values = req.headers.get(name);
  if (values === undefined || values.length === 0) return undefined;
  return values.join(',');
}

function isForm(req: WireRequest): boolean {
  const type = header(req, 'content-type') ?? '';
  return type.toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/** Query pairs followed by form-body pairs; a name that appears twice is rejected. */
function readParams(req: WireRequest): { query: Param[]; all: Param[] } {
  const query = parseFormString(req.rawQuery);
  const body = isForm(req) ? parseFormString(Buffer.from(req.body).toString('utf8')) : [];
  if (query === undefined || body === undefined) {
    throw new GatewayError('InvalidParameter', 'A parameter has a malformed percent-escape.');
  }
  const all = [...query, ...body];
  const names = new Set<string>();
  for (const [name] of all) {
    if (names.has(name)) throw new GatewayError('InvalidParameter', `Duplicate parameter ${name}.`);
    names.add(name);
  }
  return { query, all };
}

function checkTimestamp(value: string, ctx: AuthContext): number {
  const ts = parseAcsTimestamp(value);
  if (ts === undefined) throw new GatewayError('InvalidTimeStamp.Format');
  if (Math.abs(ctx.now() - ts) > ctx.toleranceMs)
    throw new GatewayError('InvalidTimeStamp.Expired');
  return ts;
}

function claimNonce(accessKeyId: string, nonce: string, ts: number, ctx: AuthContext): void {
  if (!ctx.nonces.claim(accessKeyId, nonce, ts + ctx.toleranceMs, ctx.now())) {
    throw new GatewayError('SignatureNonceUsed');
  }
}

function authenticateAcs3(
  req: WireRequest,
  authorization: string,
  ctx: AuthContext,
): AuthenticatedCall {
  const auth = parseAcs3Authorization(authorization);
  if (auth === undefined) throw new GatewayError('IncompleteSignature', 'Malformed Authorization.');
  if (auth.algorithm !== ACS3_ALGORITHM) {
    throw new GatewayError('IncompleteSignature', `Unsupported algorithm ${auth.algorithm}.`);
  }
  const secret = ctx.secretFor(auth.accessKeyId);
  if (secret === undefined) throw new GatewayError('InvalidAccessKeyId.NotFound');

  const required = [
    'host',
    'x-acs-action',
    'x-acs-version',
    'x-acs-date',
    'x-acs-signature-nonce',
    'x-acs-content-sha256',
  ];
  const missing = required.filter((name) => !header(req, name));
  if (missing.length > 0)
    throw new GatewayError('MissingParameter', `Missing ${missing.join(', ')}.`);

  // Every common header present must be signed, or a relay could alter it undetected.
  const signed = new Set(auth.signedHeaders);
  const mustSign = [...req.headers.keys()].filter(
    (name) => name.startsWith('x-acs-') || name === 'host' || name === 'content-type',
  );
  const unsigned = mustSign.filter((name) => !signed.has(name));
  if (unsigned.length > 0) {
    throw new GatewayError('IncompleteSignature', `Unsigned headers: ${unsigned.join(', ')}.`);
  }
  const absent = auth.signedHeaders.filter((name) => header(req, name) === undefined);
  if (absent.length > 0) {
    throw new GatewayError('IncompleteSignature', `Signed headers absent: ${absent.join(', ')}.`);
  }

  const payloadHash = sha256Hex(req.body);
  if (!safeEqual(payloadHash, (header(req, 'x-acs-content-sha256') ?? '').toLowerCase())) {
    throw new GatewayError('ContentSHA256Mismatch');
  }

  const { query, all } = readParams(req);
  const stringToSign = acs3StringToSign(
    acs3CanonicalRequest({
      method: req.method,
      path: req.path,
      query,
      headers: req.headers,
      signedHeaders: auth.signedHeaders,
      payloadHash,
    }),
  );
  if (!safeEqual(acs3Signature(stringToSign, secret), auth.signature.toLowerCase())) {
    throw new GatewayError('SignatureDoesNotMatch', `server string to sign is:${stringToSign}`);
  }

  const ts = checkTimestamp(header(req, 'x-acs-date') ?? '', ctx);
  claimNonce(auth.accessKeyId, header(req, 'x-acs-signature-nonce') ?? '', ts, ctx);
  return {
    scheme: ACS3_ALGORITHM,
    accessKeyId: auth.accessKeyId,
    action: header(req, 'x-acs-action') ?? '',
    version: header(req, 'x-acs-version') ?? '',
    params: new Map(all),
  };
}

function authenticateRpc(req: WireRequest, ctx: AuthContext): AuthenticatedCall {
  const { all } = readParams(req);
  const p = new Map(all);
  const signature = p.get('Signature');
  if (signature === undefined || signature === '') {
    throw new GatewayError('IncompleteSignature', 'Neither Authorization nor Signature was sent.');
  }
  const accessKeyId = p.get('AccessKeyId');
  if (!accessKeyId) throw new GatewayError('MissingParameter', 'Missing AccessKeyId.');
  const secret = ctx.secretFor(accessKeyId);
  if (secret === undefined) throw new GatewayError('InvalidAccessKeyId.NotFound');
  if (p.get('SignatureMethod') !== 'HMAC-SHA1' || p.get('SignatureVersion') !== '1.0') {
    throw new GatewayError(
      'IncompleteSignature',
      'SignatureMethod must be HMAC-SHA1, version 1.0.',
    );
  }
  const missing = ['Action', 'Version', 'Timestamp', 'SignatureNonce'].filter((n) => !p.get(n));
  if (missing.length > 0)
    throw new GatewayError('MissingParameter', `Missing ${missing.join(', ')}.`);

  const stringToSign = rpcStringToSign(req.method, all);
  if (!safeEqual(rpcSignature(stringToSign, secret), signature)) {
    throw new GatewayError('SignatureDoesNotMatch', `server string to sign is:${stringToSign}`);
  }

  const ts = checkTimestamp(p.get('Timestamp') ?? '', ctx);
  claimNonce(accessKeyId, p.get('SignatureNonce') ?? '', ts, ctx);
  const params = new Map(all.filter(([name]) => !RPC_COMMON.has(name)));
  return {
    scheme: 'HMAC-SHA1',
    accessKeyId,
    action: p.get('Action') ?? '',
    version: p.get('Version') ?? '',
    params,
  };
}

/**
 * Authenticates an OpenAPI call in either scheme the official SDK speaks: ACS3-HMAC-SHA256 (an
 * `Authorization` header) or the v1 RPC HMAC-SHA1 signature (a `Signature` parameter). Throws a
 * {@link GatewayError} for anything the cloud would reject before the API runs.
 */
export function authenticate(req: WireRequest, ctx: AuthContext): AuthenticatedCall {
  const authorization = header(req, 'authorization');
  if (authorization !== undefined) return authenticateAcs3(req, authorization, ctx);
  return authenticateRpc(req, ctx);
}
