// What the README snippets assume the merchant's own code provides. The snippets are compiled with
// these declarations (scripts/consumer-check.mjs): each name is a function of your application.
import type { FaceVerifyIdentity, FaceVerifyResultEvent } from '@aliyun-face-verify/server';

declare global {
  /** Your session lookup: the signed-in user's name and ID number, from your records. */
  function lookUpIdentity(request: Request): Promise<FaceVerifyIdentity>;
  /** Same, under the root README's name. */
  function lookUpSignedInUser(request: Request): Promise<FaceVerifyIdentity>;
  /** Whether the signed-in user started this verification (your own record of certifyIds). */
  function ownsCertifyId(request: Request, certifyId: string): Promise<boolean>;
  /** Marks an order with the authoritative result. */
  function markOrder(certifyId: string, passed: boolean): Promise<void>;
  /** Marks an account with the authoritative result. */
  function markVerified(result: FaceVerifyResultEvent): Promise<void>;
}
