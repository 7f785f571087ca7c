/**
 * Handoff: continuing a verification in another browser or on another device (WeChat → the
 * system browser, a desktop → the phone's camera) for the same owner. The first browser, signed
 * in, asks for a handoff token and a link; the other browser, without the merchant's session,
 * starts the verification with the token in place of the session; the first browser asks for the
 * status until the authoritative result is there.
 *
 * The token is encrypted and authenticated (AES-256-GCM): it carries the owner itself (the other
 * browser has no session to name them), which nobody without the key can read or change. It
 * expires after a few minutes; the status it leads to does not.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { DescribeResponse } from '@aliyun-face-verify/core';
import type { TicketFlow } from './ticket.js';

/** What a handoff token says once opened. */
export interface HandoffClaims {
  /** Random id of this handoff, the key of its status. */
  id: string;
  owner: string;
  /** Epoch seconds. */
  expiresAt: number;
}

/** The verification a handoff led to, as the status endpoint reports it. */
export interface HandoffEntry {
  /** Digest of the owner (see the ticket signer), so the store holds no user id. */
  ownerDigest: string;
  certifyId: string;
  flow: TicketFlow;
  /** Epoch ms of the init in the other browser. */
  startedAt: number;
  /** The authoritative result, once DescribeFaceVerify gave one. */
  result?: DescribeResponse;
}

/**
 * Where handoff statuses live between the other browser's init and the first browser's status
 * requests. The default keeps them in this process's memory (at most 10,000, for a day); a
 * deployment on several instances plugs in a shared store (Redis, the database).
 */
export interface HandoffStore {
  get(id: string): HandoffEntry | undefined | Promise<HandoffEntry | undefined>;
  set(id: string, entry: HandoffEntry): void | Promise<void>;
}

/** The in-memory {@link HandoffStore}: bounded in count and age. */
export function createMemoryHandoffStore(now: () => number): HandoffStore {
  const entries = new Map<string, HandoffEntry>();
  const MAX = 10_000;
  const TTL = 86_400_000;
  return {
    get(id) {
      const entry = entries.get(id);
      if (entry !== undefined && now() - entry.startedAt > TTL) {
        entries.delete(id);
        return undefined;
      }
      return entry;
    },
    set(id, entry) {
      entries.delete(id);
      entries.set(id, entry);
      if (entries.size > MAX) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
    },
  };
}

/** Seals and opens handoff tokens with one key. */
export interface HandoffSealer {
  seal(owner: string): { token: string; claims: HandoffClaims };
  /** The claims of a genuine token (expired or not), or undefined. */
  open(token: string): HandoffClaims | undefined;
}

const VERSION = 'h1';

/** A sealer on `secret` (the ticket key's secret), tokens living `ttlMs`. */
export function createHandoffSealer(
  secret: string,
  ttlMs: number,
  now: () => number,
): HandoffSealer {
  const key = Buffer.from(hkdfSync('sha256', secret, 'aliyun-face-verify', 'handoff h1 aead', 32));
  return {
    seal(owner) {
      const claims: HandoffClaims = {
        id: randomBytes(16).toString('base64url'),
        owner,
        expiresAt: Math.floor((now() + ttlMs) / 1000),
      };
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(VERSION));
      const body = Buffer.concat([
        cipher.update(JSON.stringify({ i: claims.id, o: owner, e: claims.expiresAt })),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
      return {
        token: `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`,
        claims,
      };
    },
    open(token) {
      const [version, ivText, bodyText, extra] = token.split('.');
      if (version !== VERSION || !ivText || !bodyText || extra !== undefined) return undefined;
      const iv = Buffer.from(ivText, 'base64url');
      const body = Buffer.from(bodyText, 'base64url');
      if (iv.length !== 12 || body.length < 17) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(Buffer.from(VERSION));
        decipher.setAuthTag(body.subarray(body.length - 16));
        const text = Buffer.concat([
          decipher.update(body.subarray(0, body.length - 16)),
          decipher.final(),
        ]).toString('utf8');
        const { i, o, e } = JSON.parse(text) as Record<string, unknown>;
        if (typeof i !== 'string' || typeof o !== 'string' || typeof e !== 'number') {
          return undefined;
        }
        return { id: i, owner: o, expiresAt: e };
      } catch {
        // A wrong key, a changed byte or a cut token: the tag check fails.
        return undefined;
      }
    },
  };
}

/**
 * The link to continue with: `pageUrl` with the token in its fragment (`afv-handoff=`), which
 * browsers never send to a server, so it stays out of access logs and Referer headers. A
 * hash-routed page keeps its route: the token joins the route's query.
 */
export function handoffLink(pageUrl: URL, token: string): string {
  const url = new URL(pageUrl.href);
  const hash = url.hash.slice(1);
  const param = `afv-handoff=${token}`;
  url.hash = hash === '' ? param : hash.includes('?') ? `${hash}&${param}` : `${hash}?${param}`;
  return url.href;
}
