import { describe, expect, it, vi } from 'vitest';
import { FaceVerifyError } from './errors.js';
import { waitForVerifyMessage } from './message.js';

const CERTIFY_URL = 'https://cloudauth.aliyun.com/certify?token=t&style=L';
const ORIGIN = 'https://cloudauth.aliyun.com';
const RESULT = { code: 1000, subCode: '', reason: 'success', extInfo: { certifyId: 'c1' } };

/** A page (an event target) with one frame whose window is `frameWindow`. */
function setup() {
  const target = new EventTarget();
  const frameWindow = { name: 'certify frame' };
  const frame = { contentWindow: frameWindow as unknown as Window };
  const post = (data: unknown, origin = ORIGIN, source: unknown = frameWindow): void => {
    const event = new Event('message') as Event & Record<string, unknown>;
    Object.assign(event, { data, origin, source });
    target.dispatchEvent(event);
  };
  return { target, frame, frameWindow, post };
}

describe('waitForVerifyMessage', () => {
  it('resolves with the first result from the frame’s window and the CertifyUrl’s origin', async () => {
    const { target, frame, post } = setup();
    const waiting = waitForVerifyMessage({ frame, certifyUrl: CERTIFY_URL, target });
    post('ready');
    post({ type: 'resize', height: 600 });
    post(RESULT, 'https://evil.example');
    post(RESULT, ORIGIN, { other: 'window' });
    post(JSON.stringify({ ...RESULT, code: 2006 }));
    post(RESULT);
    await expect(waiting).resolves.toMatchObject({
      ok: true,
      result: { code: 2006, routing: 'iframe', certifyId: 'c1' },
    });
  });

  it('resolves with an unusable result from that frame too (the caller shows the error)', async () => {
    const { target, frame, post } = setup();
    const waiting = waitForVerifyMessage({ frame, certifyUrl: CERTIFY_URL, target });
    post({ code: 'abc' });
    await expect(waiting).resolves.toEqual({ ok: false, error: 'invalid' });
  });

  it('stops listening once settled, on abort (aborted) and on timeout (verification-timeout)', async () => {
    vi.useFakeTimers();
    try {
      const { target, frame } = setup();
      const remove = vi.spyOn(target, 'removeEventListener');
      const controller = new AbortController();
      const aborted = waitForVerifyMessage({
        frame,
        certifyUrl: CERTIFY_URL,
        target,
        signal: controller.signal,
      });
      controller.abort();
      await expect(aborted).rejects.toMatchObject({ code: 'aborted' });
      expect(remove).toHaveBeenCalledWith('message', expect.any(Function));
      const late = waitForVerifyMessage({ frame, certifyUrl: CERTIFY_URL, target });
      vi.advanceTimersByTime(1_800_000);
      await expect(late).rejects.toBeInstanceOf(FaceVerifyError);
      await expect(late).rejects.toMatchObject({ code: 'verification-timeout' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses an unparsable CertifyUrl and an already aborted signal at once', async () => {
    const { target, frame } = setup();
    await expect(
      waitForVerifyMessage({ frame, certifyUrl: 'not a url', target }),
    ).rejects.toMatchObject({ code: 'invalid-certify-url' });
    await expect(
      waitForVerifyMessage({ frame, certifyUrl: CERTIFY_URL, target, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'aborted' });
  });

  it('outside a browser, without a target: not-browser', async () => {
    const { frame } = setup();
    await expect(waitForVerifyMessage({ frame, certifyUrl: CERTIFY_URL })).rejects.toMatchObject({
      code: 'not-browser',
    });
  });
});
