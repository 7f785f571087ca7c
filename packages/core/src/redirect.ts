/**
 * Leaving for the hosted certify page. The CertifyUrl comes from the merchant server, but a page
 * that navigates wherever a JSON reply says is an open redirect, so every URL is checked against
 * an allowlist of the hosts Aliyun actually serves CertifyUrls from, plus the caller's own entries.
 */
import { FaceVerifyError } from './errors.js';
import { PENDING_KEY, type PendingStorage } from './pending.js';

export { PENDING_KEY, type PendingRecord, type PendingStorage } from './pending.js';

/**
 * Hosts CertifyUrls are served from. `m.alyms.cn` serves plain-http short links (http or https);
 * the others are https only. Deliberately no wildcard on `aliyuncs.com`: OSS buckets live there
 * and anyone can host a page on one.
 */
export const DEFAULT_CERTIFY_HOSTS: readonly string[] = Object.freeze([
  'm.alyms.cn',
  'picker.antcloudauth.aliyuncs.com',
  '*.aliyun.com',
]);

/** CertifyUrls longer than this (4 KB) are refused. */
export const MAX_CERTIFY_URL_LENGTH = 4096;

/** Whitespace (including Unicode spaces), control and format characters, lone surrogates, `\`. */
const FORBIDDEN = /[\s\\\p{Cc}\p{Cf}\p{Cs}]/u;

/** `URL#host` of `href` (host plus non-default port, normalized), or `undefined` if it does not parse. */
function hostOf(href: string): string | undefined {
  try {
    return new URL(href).host;
  } catch {
    return undefined;
  }
}

/**
 * Whether `url` is an absolute http(s) URL on one of `defaults` (on the default port; a `*.` entry
 * matches any subdomain; plain http only for hosts in `httpDefaults`) or on a `host` / `host:port`
 * entry of `allowedHosts` (plain http only for loopback entries). The shared rule of the CertifyUrl
 * and script allowlists; see {@link isAllowedCertifyUrl} for what is refused on the raw text.
 */
function isOnAllowedHost(
  url: string,
  defaults: readonly string[],
  httpDefaults: readonly string[],
  allowedHosts: readonly string[],
): boolean {
  // Checked on the raw text because the URL parser forgives: `http:host`, `http:/host`,
  // `http:///host`, `//host` and `http:\\host` all parse, and an empty `@` leaves no username to
  // see afterwards.
  const host =
    typeof url === 'string' &&
    url.length <= MAX_CERTIFY_URL_LENGTH &&
    !FORBIDDEN.test(url) &&
    /^https?:\/\/[^/?#@]+(?:[/?#]|$)/i.test(url) &&
    hostOf(url);
  if (!host) return false;
  // Only http and https are left, so the scheme is `url`'s first four letters plus an `s` or not.
  const https = /^https/i.test(url);
  const onDefault = defaults.some((entry) =>
    // A `*.` entry needs non-empty labels before it: `x..aliyun.com` parses, but it is no host of Aliyun's.
    entry.startsWith('*.')
      ? /^[^.:]+(\.[^.:]+)+$/.test(host) && host.endsWith(entry.slice(1))
      : host === entry,
  );
  if (onDefault && (https || httpDefaults.includes(host))) return true;
  return (Array.isArray(allowedHosts) ? allowedHosts : []).some(
    (entry: unknown) =>
      // A bare `host` or `host:port`, parsed with the URL's own scheme so that `host:443`
      // matches https on 443 and `host` alone allows only the default port.
      typeof entry === 'string' &&
      /^[^/?#@\\\s*]+$/.test(entry) &&
      hostOf(`http${https ? 's' : ''}://${entry}`) === host &&
      (https || /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:|$)/.test(host)),
  );
}

/**
 * Whether `url` is a CertifyUrl this SDK will navigate to: an absolute http(s) URL of at most
 * 4 KB, without userinfo, whitespace, control characters or backslashes, whose host is one of
 * {@link DEFAULT_CERTIFY_HOSTS} on the default port, or matches a `host` / `host:port` entry of
 * `allowedHosts` exactly (e.g. `127.0.0.1:8787` for the emulator; no port: default port only).
 * Plain http only for `m.alyms.cn` and loopback entries. Hosts compare after `URL` parsing, so
 * case, punycode and IPv4 spellings are normalized and look-alikes fail.
 */
export function isAllowedCertifyUrl(url: string, allowedHosts: readonly string[] = []): boolean {
  return isOnAllowedHost(url, DEFAULT_CERTIFY_HOSTS, ['m.alyms.cn'], allowedHosts);
}

/**
 * Hosts the official pages load `jsvm_all.js` from: the seeds' OSS bucket and the newer CDN
 * (https only). The bucket host is named exactly: anyone can host a script elsewhere on OSS.
 */
export const DEFAULT_SCRIPT_HOSTS: readonly string[] = Object.freeze([
  'cn-shanghai-aliyun-cloudauth.oss-cn-shanghai.aliyuncs.com',
  'o.alicdn.com',
]);

/**
 * Whether `src` may be loaded as `jsvm_all.js` by code that takes the URL from markup (the
 * element's `script-src`): https on {@link DEFAULT_SCRIPT_HOSTS}, or a `host` / `host:port` entry
 * of `allowedHosts`, with the CertifyUrl rules otherwise. Markup an attacker can inject must not
 * be able to make the page run a script of their choosing with its CSP nonce.
 */
export function isAllowedScriptUrl(src: string, allowedHosts: readonly string[] = []): boolean {
  return isOnAllowedHost(src, DEFAULT_SCRIPT_HOSTS, [], allowedHosts);
}

/** Options of {@link startVerification}; `location`, `storage` and `now` are injectable for tests. */
export interface StartVerificationOptions {
  /** The CertifyUrl from InitFaceVerify (via the merchant server). */
  certifyUrl: string;
  /** Recorded so the return page can check the result belongs to this verification. */
  certifyId?: string;
  /** The merchant server's ticket from init, recorded so the return page can describe with it. */
  ticket?: string;
  /** Extra `host` / `host:port` entries on top of {@link DEFAULT_CERTIFY_HOSTS}. */
  allowedHosts?: readonly string[];
  /** Route to record for the return page. Default: the current path + query + hash. */
  returnPath?: string;
  location?: Pick<Location, 'assign' | 'pathname' | 'search' | 'hash'>;
  /** Where the pending record goes; `null`: nowhere. Default `sessionStorage`. */
  storage?: PendingStorage | null;
  /** ms since the epoch. Default `Date.now()`. */
  now?: number;
}

/**
 * Navigates to an allowed CertifyUrl after writing the pending record (certifyId, time, return
 * route) to sessionStorage; storage that refuses is tolerated. A rejected URL throws
 * `FaceVerifyError('invalid-certify-url')` and nothing navigates.
 */
export function startVerification(options: StartVerificationOptions): void {
  const {
    certifyUrl,
    certifyId,
    storage,
    location = globalThis.location as Location | undefined,
  } = options;
  // The URL itself is left out of the messages: it may carry a token.
  if (!isAllowedCertifyUrl(certifyUrl, options.allowedHosts))
    throw new FaceVerifyError('invalid-certify-url', 'CertifyUrl not allowed (see allowedHosts)');
  if (!location) throw new FaceVerifyError('not-browser');
  const returnPath = options.returnPath ?? location.pathname + location.search + location.hash;
  try {
    // Safari private mode throws `QuotaExceededError`, sandboxed iframes throw on mere access:
    // the flow still works, it only loses correlation. JSON leaves out the absent (undefined) fields.
    (storage === undefined ? sessionStorage : storage)?.setItem(
      PENDING_KEY,
      JSON.stringify({
        v: 1,
        startedAt: options.now ?? Date.now(),
        certifyId: certifyId || undefined,
        ticket: options.ticket || undefined,
        returnPath: returnPath || undefined,
      }),
    );
  } catch {
    // See above: navigate anyway.
  }
  location.assign(certifyUrl);
}
