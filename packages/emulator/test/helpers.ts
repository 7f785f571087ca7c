import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEST_IDENTITIES, type Outcome, type RunningEmulator } from '../src/index.js';
import { callAcs3, callRpc } from './signed-client.js';

/** CertifyId and CertifyUrl of a fresh verification. */
export interface Started {
  certifyId: string;
  certifyUrl: string;
}

/** Calls InitFaceVerify (ACS3) for the first test identity and returns the reply body as is. */
export async function initFaceVerify(
  emulator: RunningEmulator,
  overrides: Record<string, string> = {},
  time?: number,
): Promise<Record<string, unknown>> {
  const identity = TEST_IDENTITIES[0];
  const reply = await callAcs3({
    endpoint: emulator.endpoint,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    action: 'InitFaceVerify',
    ...(time !== undefined ? { time } : {}),
    query: {
      SceneId: emulator.sceneId,
      OuterOrderNo: `T${Date.now()}${Math.floor(Math.random() * 1e9)}`,
      ProductCode: 'ID_PRO',
      CertType: 'IDENTITY_CARD',
      CertName: identity?.certName ?? '',
      CertNo: identity?.certNo ?? '',
      ReturnUrl: 'http://127.0.0.1:9/return',
      MetaInfo: JSON.stringify({ zimVer: '3.0.0', deviceType: 'h5' }),
      ...overrides,
    },
  });
  return reply.body;
}

/** Calls InitFaceVerify (ACS3) for the first test identity and returns the started verification. */
export async function initVerification(
  emulator: RunningEmulator,
  overrides: Record<string, string> = {},
  time?: number,
): Promise<Started> {
  const body = await initFaceVerify(emulator, overrides, time);
  const result = body['ResultObject'] as Record<string, string> | undefined;
  if (body['Code'] !== '200' || result === undefined) {
    throw new Error(`InitFaceVerify failed: ${JSON.stringify(body)}`);
  }
  return { certifyId: result['CertifyId'] ?? '', certifyUrl: result['CertifyUrl'] ?? '' };
}

/** Calls DescribeFaceVerify (v1 RPC) and returns the reply body. */
export async function describeVerification(
  emulator: RunningEmulator,
  certifyId: string,
  time?: number,
): Promise<Record<string, unknown>> {
  const reply = await callRpc({
    endpoint: emulator.endpoint,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    action: 'DescribeFaceVerify',
    ...(time !== undefined ? { time } : {}),
    query: { SceneId: emulator.sceneId, CertifyId: certifyId },
  });
  return reply.body;
}

/** A loopback HTTP server that records requests and answers with the next queued status (default 200). */
export interface Recorder {
  url: string;
  requests: { method: string; url: string }[];
  /** Statuses to answer with, in order; 200 once empty. */
  statuses: number[];
  close(): Promise<void>;
}

/** Starts a {@link Recorder}; GET requests get a small HTML page so a browser can land on it. */
export async function startRecorder(): Promise<Recorder> {
  const requests: Recorder['requests'] = [];
  const statuses: number[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '' });
    const status = statuses.shift() ?? 200;
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="en"><title>Merchant</title><h1>Merchant return page</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    requests,
    statuses,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** What core's parseVerifyResult (or, in iframe mode, parseVerifyMessage) must return after `outcome`. */
export function expectedResult(
  outcome: Outcome,
  certifyId: string,
  routing: 'history' | 'hash' | 'iframe',
) {
  return {
    ok: true,
    result: {
      code: outcome.code,
      ...(outcome.subCode !== undefined ? { subCode: outcome.subCode } : {}),
      reason: outcome.reason,
      extInfo: { certifyId },
      certifyId,
      passed: outcome.code === 1000,
      routing,
    },
  };
}

/** A certify page as fetched: status, markup and headers. */
export interface Page {
  status: number;
  text: string;
  headers: Headers;
}

/** GETs a certify page without following redirects. */
export async function get(url: string): Promise<Page> {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** POSTs a certify page's form without following redirects. */
export async function post(url: string, form: Record<string, string>): Promise<Page> {
  const res = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** The form key a certify page carries (its forms must send it back). */
export function formKeyOf(page: Page): string {
  const match = /name="formKey" value="([^"]+)"/.exec(page.text);
  if (!match?.[1]) throw new Error('no formKey on the page');
  return match[1];
}
