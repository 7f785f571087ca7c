/**
 * Tickets: the stateless proof, handed to the browser with a CertifyId, of which merchant user
 * started that verification and through which flow. The browser only keeps and returns it; any
 * instance of the merchant's server that holds the key can check it, so nothing is stored.
 *
 * Form: `v1.<payload>.<mac>`, both parts base64url. The payload is JSON
 * `{ c: certifyId, f: flow, o?: ownerDigest, iat, exp }` (seconds). The owner itself is never in
 * the ticket (it is the merchant's user id): only an HMAC of it, which nobody without the key can
 * link to a user. The MAC is HMAC-SHA256 over `v1.<payload>` with a key derived for this purpose only.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** The flows a ticket can be for. */
export type TicketFlow = 'web' | 'alipay';

/** What a valid ticket says. */
export interface TicketClaims {
  certifyId: string;
  flow: TicketFlow;
  /** HMAC of the owner at init; absent when the handlers run without an `owner` hook. */
  ownerDigest?: string;
  /** Issued at, and expires at: epoch seconds. */
  issuedAt: number;
  expiresAt: number;
}

/** Why a ticket was refused (for logs; the reply is the same `unauthorized` for each). */
export type TicketRefusal = 'malformed' | 'bad-signature' | 'expired';

/** Issues and checks tickets with one key. */
export interface TicketSigner {
  issue(claims: { certifyId: string; flow: TicketFlow; owner: string | undefined }): string;
  verify(ticket: string): { ok: true; claims: TicketClaims } | { ok: false; reason: TicketRefusal };
  /** The digest a ticket records for `owner`, to compare with its `ownerDigest`. */
  ownerDigest(owner: string): string;
}

const VERSION = 'v1';
const SALT = 'aliyun-face-verify';

/** Derives a 32-byte key for one purpose from the merchant's secret (HKDF-SHA256). */
function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, SALT, `ticket ${VERSION} ${purpose}`, 32));
}

const mac = (key: Buffer, text: string): string =>
  createHmac('sha256', key).update(text).digest('base64url');

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * A signer on `secret` (the `ticketSecret` option, or the AccessKey secret): tickets expire after
 * `ttlMs`; `now` is the clock in epoch ms.
 */
export function createTicketSigner(secret: string, ttlMs: number, now: () => number): TicketSigner {
  const macKey = deriveKey(secret, 'mac');
  const ownerKey = deriveKey(secret, 'owner');
  const ownerDigest = (owner: string): string => mac(ownerKey, owner);

  return {
    ownerDigest,
    issue({ certifyId, flow, owner }) {
      const issuedAt = Math.floor(now() / 1000);
      const payload = Buffer.from(
        JSON.stringify({
          c: certifyId,
          f: flow,
          ...(owner !== undefined ? { o: ownerDigest(owner) } : {}),
          iat: issuedAt,
          exp: issuedAt + Math.ceil(ttlMs / 1000),
        }),
      ).toString('base64url');
      const signed = `${VERSION}.${payload}`;
      return `${signed}.${mac(macKey, signed)}`;
    },
    verify(ticket) {
      const parts = ticket.split('.');
      const [version, payload, signature] = parts;
      if (
        parts.length !== 3 ||
        version !== VERSION ||
        payload === undefined ||
        signature === undefined ||
        !BASE64URL.test(payload) ||
        !BASE64URL.test(signature)
      ) {
        return { ok: false, reason: 'malformed' };
      }
      const expected = Buffer.from(mac(macKey, `${version}.${payload}`));
      const given = Buffer.from(signature);
      // The signature is checked before the payload is even parsed: nothing unsigned is read.
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return { ok: false, reason: 'bad-signature' };
      }
      let claims: unknown;
      try {
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      if (typeof claims !== 'object' || claims === null) return { ok: false, reason: 'malformed' };
      const { c, f, o, iat, exp } = claims as Record<string, unknown>;
      if (
        typeof c !== 'string' ||
        (f !== 'web' && f !== 'alipay') ||
        (o !== undefined && typeof o !== 'string') ||
        typeof iat !== 'number' ||
        typeof exp !== 'number'
      ) {
        return { ok: false, reason: 'malformed' };
      }
      if (Math.floor(now() / 1000) >= exp) return { ok: false, reason: 'expired' };
      return {
        ok: true,
        claims: {
          certifyId: c,
          flow: f,
          ...(o !== undefined ? { ownerDigest: o } : {}),
          issuedAt: iat,
          expiresAt: exp,
        },
      };
    },
  };
}

/** Constant-time equality of two digests or secrets (hashed first, so lengths do not leak). */
export function sameSecret(a: string, b: string): boolean {
  const key = Buffer.alloc(32);
  return timingSafeEqual(
    createHmac('sha256', key).update(a).digest(),
    createHmac('sha256', key).update(b).digest(),
  );
}
