// What the README snippets assume the merchant's own code provides. The snippets are compiled with
// these declarations (scripts/consumer-check.mjs): each name is a function of your application.
import type { FaceVerifyIdentity, MaskedIdentity } from '@aliyun-face-verify/server';

declare global {
  /** Your session: the signed-in user's id, or undefined for a visitor. */
  function sessionUserId(request: Request): Promise<string | undefined>;
  /** Your records: that user's name and ID number. */
  function lookUpIdentity(userId: string | undefined): Promise<FaceVerifyIdentity | undefined>;
  /** Your audit trail: who started which verification, for whom (the ID number masked). */
  function recordAttempt(
    certifyId: string,
    owner: string | undefined,
    identity: MaskedIdentity | undefined,
  ): Promise<void>;
  /** Marks the user with the authoritative result. */
  function markVerified(
    owner: string | undefined,
    certifyId: string,
    passed: boolean,
  ): Promise<void>;
  /** Marks an order with the authoritative result (from the callback). */
  function markOrder(certifyId: string, passed: boolean): Promise<void>;
}
