/**
 * The pending record: what `startVerification` leaves in sessionStorage before it navigates away,
 * so that `consumeVerifyResult` on the return page can tell whether the result belongs to the
 * verification this tab started, and how long ago that was.
 */

/** sessionStorage key of the pending record. */
export const PENDING_KEY = 'aliyun-face-verify:pending';

/** The record written before navigating to the CertifyUrl. */
export interface PendingRecord {
  v: 1;
  certifyId?: string;
  /** ms since the epoch. */
  startedAt: number;
  /** The route to show on return (path + query + hash of the page that started). */
  returnPath?: string;
}

/** The slice of `Storage` the pending record needs; injectable for tests. */
export type PendingStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * Stores the record in `storage` (default: the live `sessionStorage`; `null`: nowhere). Returns
 * false when storage is missing or refuses — Safari private mode throws `QuotaExceededError`,
 * sandboxed iframes throw on mere access: the flow still works, it only loses correlation.
 */
export function writePending(record: PendingRecord, storage?: PendingStorage | null): boolean {
  try {
    const store = storage === undefined ? sessionStorage : storage;
    store?.setItem(PENDING_KEY, JSON.stringify(record));
    return !!store;
  } catch {
    return false;
  }
}
