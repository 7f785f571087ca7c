/**
 * What a result on the return page means for the flow, as one rule set for the element, the demo
 * and a React or Vue page that reads the result itself: whether to distrust it, and whether (and
 * about what) to ask the merchant server for the authoritative result.
 */
import type { DescribeRequest } from './api-types.js';
import type { ConsumeOutcome, VerifyResult } from './result.js';

/**
 * Why a result is not to be trusted. `unmatched`: this tab did not start a verification with a
 * certifyId (no pending record, or one without certifyId), so nothing ties the result to us;
 * `forged`: the result names another certifyId than the one this tab started; `stale`: the record
 * is older than the CertifyUrl's 30 minutes (or from the future: the clock changed).
 */
export type ReturnSuspicion = 'unmatched' | 'forged' | 'stale';

/** What to do with a consumed result. */
export interface ReturnVerdict {
  /** Present when the result is not to be trusted; then the server is never asked. */
  suspicion?: ReturnSuspicion;
  /** Whether to ask the merchant server (DescribeFaceVerify) for the authoritative result. */
  askServer: boolean;
  /**
   * With `askServer`: the describe request, always about the certifyId this tab's own pending
   * record started (never the one the URL names), with the ticket the merchant server gave it.
   */
  describe?: DescribeRequest;
}

/** The browser codes after which the cloud answers DescribeFaceVerify (otherwise 424). */
export const DESCRIBABLE_CODES: readonly number[] = [1000, 2006];

/**
 * Reads a {@link ConsumeOutcome} the way the flow must: a result that this tab's pending record
 * does not vouch for is suspect and never described; a trusted result is described only after
 * 1000 or 2006. No result (absent, malformed…) is neither suspect nor described.
 */
export function interpretReturn(outcome: ConsumeOutcome): ReturnVerdict {
  if (!outcome.ok) return { askServer: false };
  const { certifyId, ticket, certifyIdMatches, stale } = outcome.correlation;
  if (certifyId === undefined) return { suspicion: 'unmatched', askServer: false };
  if (certifyIdMatches === false) return { suspicion: 'forged', askServer: false };
  if (stale) return { suspicion: 'stale', askServer: false };
  if (!DESCRIBABLE_CODES.includes(outcome.result.code)) return { askServer: false };
  return {
    askServer: true,
    describe: ticket === undefined ? { certifyId } : { certifyId, ticket },
  };
}

/**
 * Reads a result a framed certify page posted (iframe mode) for the verification started in that
 * frame, `started` (its certifyId and ticket): a posted certifyId other than the started one is
 * forged and never described; otherwise it is described only after 1000 or 2006, always about the
 * started certifyId.
 */
export function interpretFrameResult(
  result: Pick<VerifyResult, 'code' | 'certifyId'>,
  started: DescribeRequest,
): ReturnVerdict {
  if (result.certifyId !== undefined && result.certifyId !== started.certifyId) {
    return { suspicion: 'forged', askServer: false };
  }
  if (!DESCRIBABLE_CODES.includes(result.code)) return { askServer: false };
  return { askServer: true, describe: started };
}
