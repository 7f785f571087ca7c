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
  /**
   * The merchant server's ticket for this certifyId (opaque): the return page sends it with
   * describe, which proves the describe comes from the tab that started the verification.
   */
  ticket?: string;
  /** ms since the epoch. */
  startedAt: number;
  /** The route to show on return (path + query + hash of the page that started). */
  returnPath?: string;
}

/** The slice of `Storage` the pending record needs; injectable for tests. */
export type PendingStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
