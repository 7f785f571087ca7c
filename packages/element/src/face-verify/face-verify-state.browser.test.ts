/**
 * The flow's state as data: what `el.state` holds at each step, that `el.settled` waits for a run
 * (and only as long as it runs), and that a run is abandoned on disconnect and on a bfcache restore.
 */
import type { InitResponse } from '@aliyun-face-verify/core';
import { _resetJsvmLoader } from '@aliyun-face-verify/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../aliyun-face-verify.js';
import { STRINGS, type AliyunFaceVerify, type FaceVerifyInit } from '../index.js';
import { $, cleanup, heading, JSVM, record, stage } from '../../test/helpers.js';

async function mount(init?: FaceVerifyInit, lang = 'en'): Promise<AliyunFaceVerify> {
  const el = document.createElement('aliyun-face-verify');
  el.setAttribute('script-src', JSVM);
  el.setAttribute('allowed-hosts', location.host);
  el.lang = lang;
  if (init) el.init = init;
  stage().append(el);
  await el.updateComplete;
  return el;
}

/** An init that never answers and ignores its signal, recording the state it was called in. */
function hangingInit() {
  const calls: { state: unknown; signal: AbortSignal }[] = [];
  let el: AliyunFaceVerify | undefined;
  const init = vi.fn<FaceVerifyInit>((_request, signal) => {
    calls.push({ state: el?.state, signal });
    return new Promise<InitResponse>(() => undefined);
  });
  return { init, calls, bind: (element: AliyunFaceVerify) => (el = element) };
}

beforeEach(() => {
  cleanup();
  _resetJsvmLoader();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('state', () => {
  it('is idle before a start, and settled resolves at once', async () => {
    const el = await mount();
    expect(el.state).toEqual({ kind: 'idle' });
    expect(await el.settled).toEqual({ kind: 'idle' });
  });

  it('steps through script and init, and ends in an error state that names its retry', async () => {
    const seen: unknown[] = [];
    const el = await mount(async () => {
      seen.push(el.state);
      return { certifyId: 'sha-s1', certifyUrl: 'https://evil.example/' };
    });
    el.start();
    expect(el.state).toEqual({ kind: 'step', step: 'script' });
    expect(await el.settled).toEqual({
      kind: 'error',
      failure: { code: 'invalid-certify-url', stage: 'redirect', text: 'certifyUrl' },
      retry: { kind: 'start' },
    });
    expect(seen).toEqual([{ kind: 'step', step: 'init' }]);
  });

  it('looks texts up at render time: a lang change re-renders an error in the new language', async () => {
    const el = await mount(undefined, 'en');
    el.start();
    await el.settled;
    await el.updateComplete;
    expect($(el, '[part="error"] p').textContent).toBe(STRINGS.en.unconfigured);
    el.lang = 'zh-CN';
    await el.updateComplete;
    expect($(el, '[part="error"] p').textContent).toBe(STRINGS['zh-CN'].unconfigured);
    expect(heading(el)).toBe(STRINGS['zh-CN'].errorTitle);
  });
});

describe('abandoned runs', () => {
  it('a disconnect aborts the run, settles at once even if init ignores the signal, and goes back to idle', async () => {
    const hanging = hangingInit();
    const el = await mount(hanging.init);
    hanging.bind(el);
    const seen = record(el);
    el.start();
    await vi.waitFor(() => expect(hanging.calls).toHaveLength(1));
    expect(hanging.calls[0]?.state).toEqual({ kind: 'step', step: 'init' });
    el.remove();
    expect(hanging.calls[0]?.signal.aborted).toBe(true);
    expect(await el.settled).toEqual({ kind: 'idle' });
    expect(Object.values(seen).flat()).toEqual([]);
  });

  it('a restore from the bfcache while starting goes back to the start view; a start runs again', async () => {
    const hanging = hangingInit();
    const el = await mount(hanging.init);
    hanging.bind(el);
    el.start();
    await vi.waitFor(() => expect(hanging.calls).toHaveLength(1));
    // Ignored while starting: one run at a time.
    el.start();
    dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    expect(await el.settled).toEqual({ kind: 'idle' });
    expect(hanging.calls[0]?.signal.aborted).toBe(true);
    el.start();
    await vi.waitFor(() => expect(hanging.calls).toHaveLength(2));
    expect(hanging.init).toHaveBeenCalledTimes(2);
  });

  it('a restore that is not from the bfcache changes nothing', async () => {
    const hanging = hangingInit();
    const el = await mount(hanging.init);
    hanging.bind(el);
    el.start();
    await vi.waitFor(() => expect(hanging.calls).toHaveLength(1));
    dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
    expect(el.state).toEqual({ kind: 'step', step: 'init' });
    expect(hanging.calls[0]?.signal.aborted).toBe(false);
  });
});
