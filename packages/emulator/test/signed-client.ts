import { createHash, createHmac, randomUUID } from 'node:crypto';

/**
 * A small, independent OpenAPI client for tests that need requests the official SDK will not send
 * (stale timestamps, reused nonces, unsigned headers, tampered bodies). It follows Alibaba Cloud's
 * published signing rules and deliberately shares no code with the emulator's verifier.
 */

function enc(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

/** Options shared by both schemes. */
export interface CallOptions {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  action: string;
  version?: string;
  /** Parameters sent in the query string. */
  query?: Record<string, string>;
  /** Parameters sent as a form body. */
  form?: Record<string, string>;
  method?: 'POST' | 'GET';
  nonce?: string;
  /** Epoch ms of the signed timestamp. */
  time?: number;
}

/** Options that only ACS3 has. */
export interface Acs3Options extends CallOptions {
  /** Extra headers, signed unless named in `unsigned`. */
  headers?: Record<string, string>;
  unsigned?: readonly string[];
  /** Body bytes to send instead of the signed form (to test body-hash checks). */
  sendBody?: string;
  /** Overrides the x-acs-content-sha256 header. */
  contentSha256?: string;
  algorithm?: string;
}

/** Reply of a call: status, parsed JSON and raw headers. */
export interface CallReply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

function formString(form: Record<string, string>): string {
  return Object.entries(form)
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .join('&');
}

async function send(url: string, init: RequestInit): Promise<CallReply> {
  const res = await fetch(url, init);
  const text = await res.text();
  return {
    status: res.status,
    body: JSON.parse(text) as Record<string, unknown>,
    headers: res.headers,
  };
}

/** Sends an ACS3-HMAC-SHA256 signed request. */
export async function callAcs3(o: Acs3Options): Promise<CallReply> {
  const method = o.method ?? 'POST';
  const query = o.query ?? {};
  const body = o.form ? formString(o.form) : '';
  const headers: Record<string, string> = {
    host: o.endpoint,
    'x-acs-action': o.action,
    'x-acs-version': o.version ?? '2019-03-07',
    'x-acs-date': stamp(o.time ?? Date.now()),
    'x-acs-signature-nonce': o.nonce ?? randomUUID(),
    'x-acs-content-sha256': o.contentSha256 ?? createHash('sha256').update(body).digest('hex'),
    ...(o.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    ...o.headers,
  };
  const unsigned = new Set(o.unsigned ?? []);
  const signedNames = Object.keys(headers)
    .map((h) => h.toLowerCase())
    .filter((h) => !unsigned.has(h))
    .sort();
  const canonicalQuery = Object.keys(query)
    .sort()
    .map((k) => `${enc(k)}=${enc(query[k] ?? '')}`)
    .join('&');
  const canonicalHeaders = signedNames.map((h) => `${h}:${(headers[h] ?? '').trim()}\n`).join('');
  const canonical = [
    method,
    '/',
    canonicalQuery,
    canonicalHeaders,
    signedNames.join(';'),
    headers['x-acs-content-sha256'],
  ].join('\n');
  const algorithm = o.algorithm ?? 'ACS3-HMAC-SHA256';
  const toSign = `${algorithm}\n${createHash('sha256').update(canonical).digest('hex')}`;
  const signature = createHmac('sha256', o.accessKeySecret).update(toSign).digest('hex');
  const authorization = `${algorithm} Credential=${o.accessKeyId},SignedHeaders=${signedNames.join(';')},Signature=${signature}`;
  // fetch sets Host itself, from the URL (which is the same endpoint).
  const wireHeaders = Object.fromEntries(
    Object.entries(headers).filter(([name]) => name !== 'host'),
  );
  return send(`http://${o.endpoint}/${canonicalQuery ? `?${canonicalQuery}` : ''}`, {
    method,
    headers: { ...wireHeaders, authorization },
    // An empty string body would make fetch add an unsigned text/plain content-type.
    ...(method === 'POST' && (o.sendBody ?? body) !== '' ? { body: o.sendBody ?? body } : {}),
  });
}

/** Options that only the v1 RPC scheme has. */
export interface RpcOptions extends CallOptions {
  /** Replace common parameters (e.g. SignatureMethod) after defaults are set. */
  common?: Record<string, string>;
  /** Drop these parameters before signing. */
  omit?: readonly string[];
  /** Change one parameter after signing (tampering in transit). */
  tamper?: Record<string, string>;
}

/** Sends a v1 RPC request signed with HMAC-SHA1, as the seeds' HTTPS example does. */
export async function callRpc(o: RpcOptions): Promise<CallReply> {
  const method = o.method ?? 'POST';
  const common: Record<string, string> = {
    AccessKeyId: o.accessKeyId,
    Action: o.action,
    Format: 'JSON',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: o.nonce ?? randomUUID(),
    SignatureVersion: '1.0',
    Timestamp: stamp(o.time ?? Date.now()),
    Version: o.version ?? '2019-03-07',
    ...o.common,
  };
  const omit = new Set(o.omit ?? []);
  const kept = Object.fromEntries(Object.entries(common).filter(([name]) => !omit.has(name)));
  const inQuery = { ...kept, ...o.query };
  const inForm = o.form ?? {};
  const all = { ...inQuery, ...inForm };
  const canonical = Object.keys(all)
    .sort()
    .map((k) => `${enc(k)}=${enc(all[k] ?? '')}`)
    .join('&');
  const toSign = `${method}&${enc('/')}&${enc(canonical)}`;
  const signature = createHmac('sha1', `${o.accessKeySecret}&`).update(toSign).digest('base64');
  const query: Record<string, string> = { ...inQuery, Signature: signature };
  const form = { ...inForm };
  for (const [k, v] of Object.entries(o.tamper ?? {})) {
    if (k in form) form[k] = v;
    else query[k] = v;
  }
  const hasForm = Object.keys(form).length > 0;
  return send(`http://${o.endpoint}/?${formString(query)}`, {
    method,
    ...(hasForm
      ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: formString(form) }
      : {}),
  });
}
