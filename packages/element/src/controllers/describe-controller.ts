import { FaceVerifyError, type DescribeResponse } from '@aliyun-face-verify/core';
import type { ReactiveControllerHost } from 'lit';
import { AsyncController } from './async-controller.js';
import { postJson, toDescribeResponse } from './merchant-request.js';

/** What one describe call needs. */
export interface DescribeOptions {
  url: string;
  certifyId: string;
  timeoutMs: number;
}

/** Asks the merchant server for the authoritative result; failures become `describe-failed`. */
async function describe(
  { url, certifyId, timeoutMs }: DescribeOptions,
  signal: AbortSignal,
  stage: (stage: 'describe') => void,
): Promise<DescribeResponse> {
  stage('describe');
  try {
    return toDescribeResponse(await postJson(url, { certifyId }, signal, timeoutMs));
  } catch (cause) {
    throw signal.aborted
      ? cause
      : new FaceVerifyError('describe-failed', 'describe failed', { cause });
  }
}

/** Runs the describe call for the element: the result page's pending → authoritative state. */
export class DescribeController extends AsyncController<
  DescribeOptions,
  DescribeResponse,
  'describe'
> {
  constructor(host: ReactiveControllerHost, settled: () => void) {
    super(host, describe, settled);
  }
}
