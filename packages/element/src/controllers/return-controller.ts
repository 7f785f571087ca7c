import {
  consumeVerifyResult,
  type Correlation,
  type ParseError,
  type VerifyResult,
} from '@aliyun-face-verify/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FaceVerifySuspicion } from '../events.js';

/** What the return page found: a result with its correlation, or why `response` was unusable. */
export type Returned =
  | {
      ok: true;
      result: VerifyResult;
      correlation: Correlation;
      suspicion: FaceVerifySuspicion | undefined;
    }
  | { ok: false; error: Exclude<ParseError, 'absent'>; correlation: Correlation };

/**
 * Reads `response` from the address bar once, when the host first connects. Core strips the
 * parameter while reading, so a reload, back/forward or a second element sees nothing; the
 * controller itself never reads twice either, even when the host is moved in the DOM.
 */
export class ReturnController implements ReactiveController {
  /** The consumed result, until cleared by a new start. */
  value: Returned | undefined;

  private _read = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** @internal */
  hostConnected(): void {
    if (this._read) return;
    this._read = true;
    const outcome = consumeVerifyResult();
    const { correlation } = outcome;
    if (outcome.ok) {
      const suspicion =
        correlation.certifyIdMatches === false ? 'forged' : correlation.stale ? 'stale' : undefined;
      this.value = { ok: true, result: outcome.result, correlation, suspicion };
    } else if (outcome.error !== 'absent') {
      this.value = { ok: false, error: outcome.error, correlation };
    }
  }

  /** Forgets the result (the user starts again). */
  clear(): void {
    this.value = undefined;
    this.host.requestUpdate();
  }
}
