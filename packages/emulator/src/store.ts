import { createHash, randomBytes } from 'node:crypto';
import type { Outcome } from './outcomes.js';

/** The two web products the emulator serves. */
export type ProductCode = 'ID_PRO' | 'LR_FR';

/** What the certify page produced. */
export interface Completion {
  readonly outcome: Outcome;
  readonly completedAt: number;
  /** `MaterialInfo` JSON string, present when the outcome leaves a verdict. */
  readonly materialInfo?: string;
  /** `DeviceToken`, present with a verdict. */
  readonly deviceToken?: string;
}

/**
 * One InitFaceVerify call. Deliberately holds no name or ID number: the emulator keeps only what
 * the certify page and DescribeFaceVerify need, so nothing personal can leak from its state.
 */
export interface VerificationRecord {
  readonly certifyId: string;
  /** Capability in the CertifyUrl; distinct from CertifyId so a CertifyId alone opens nothing. */
  readonly token: string;
  /** Binds the page's forms to this record, so another site cannot post an outcome. */
  readonly formKey: string;
  readonly sceneId: string;
  readonly productCode: ProductCode;
  readonly certifyUrlType: 'WEB' | 'H5';
  /**
   * Normalised ReturnUrl (`URL.href`, ASCII only), or `'iframe'` (`IFRAME_RETURN_URL`): iframe
   * mode, where the page posts the result to its parent instead of redirecting. For an Alipay
   * (SAF) verification: `""` (no return), an http(s) URL or an app scheme, as given.
   */
  readonly returnUrl: string;
  /** Set for verifications started through SAF `fin_face_verify` (the Alipay H5 scheme). */
  readonly flow?: 'alipay';
  readonly callbackUrl?: string;
  readonly callbackToken?: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  consentedAt?: number;
  completion?: Completion;
}

/** Random lower-case hex of `bytes` bytes. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** Calendar day in China Standard Time, which is when the cloud's daily limits reset. */
function chinaDay(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

/** In-memory state of the emulated service. */
export class VerificationStore {
  readonly #byId = new Map<string, VerificationRecord>();
  readonly #byToken = new Map<string, VerificationRecord>();
  /** `sha256(CertNo)|day` → InitFaceVerify calls that day; hashed so no ID number is kept. */
  readonly #attempts = new Map<string, number>();

  /** Creates a record with fresh CertifyId, token and form key. */
  create(
    fields: Omit<VerificationRecord, 'certifyId' | 'token' | 'formKey' | 'expiresAt'>,
    ttlMs: number,
  ): VerificationRecord {
    this.#prune(fields.createdAt);
    const record: VerificationRecord = {
      ...fields,
      certifyId: randomHex(16),
      token: randomBytes(24).toString('base64url'),
      formKey: randomBytes(24).toString('base64url'),
      expiresAt: fields.createdAt + ttlMs,
    };
    this.#byId.set(record.certifyId, record);
    this.#byToken.set(record.token, record);
    return record;
  }

  /** The record for a CertifyId. */
  byCertifyId(certifyId: string): VerificationRecord | undefined {
    return this.#byId.get(certifyId);
  }

  /** The record behind a CertifyUrl token. */
  byToken(token: string): VerificationRecord | undefined {
    return this.#byToken.get(token);
  }

  /** Counts one attempt for `certNo` today and returns the new count. */
  countAttempt(certNo: string, now: number): number {
    const key = `${createHash('sha256').update(certNo.toUpperCase()).digest('hex')}|${chinaDay(now)}`;
    const count = (this.#attempts.get(key) ?? 0) + 1;
    this.#attempts.set(key, count);
    return count;
  }

  /** Forgets records older than a day, so a long-running emulator does not grow without bound. */
  #prune(now: number): void {
    if (this.#byId.size < 5_000) return;
    for (const [id, record] of this.#byId) {
      if (record.createdAt < now - 86_400_000) {
        this.#byId.delete(id);
        this.#byToken.delete(record.token);
      }
    }
    const today = chinaDay(now);
    for (const key of this.#attempts.keys()) if (!key.endsWith(today)) this.#attempts.delete(key);
  }
}
