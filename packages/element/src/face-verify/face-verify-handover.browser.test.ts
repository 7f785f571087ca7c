/**
 * The real hand-over, not cancelled: `startVerification` writes the pending record (with the
 * merchant's ticket, which the return page will describe with) and navigates.
 * The CertifyUrl answers 204, so the navigation happens and the test page stays. Kept apart from
 * the msw suites: a navigation makes msw's worker forget the page (its `beforeunload` handler).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import '../aliyun-face-verify.js';
import { STRINGS } from '../index.js';
import { $, cleanup, FIXTURES, heading, JSVM, record, stage, until } from '../../test/helpers.js';

const zh = STRINGS['zh-CN'];

beforeEach(cleanup);
afterEach(cleanup);

it('navigates after recording the pending record; a bfcache restore returns to the start view', async () => {
  const certifyUrl = `${location.origin}${FIXTURES}/no-content`;
  const el = document.createElement('aliyun-face-verify');
  el.setAttribute('script-src', JSVM);
  el.setAttribute('allowed-hosts', location.host);
  el.init = async () => ({ certifyId: 'sha-b', certifyUrl, ticket: 'tk-b' });
  const seen = record(el);
  stage().append(el);
  await el.updateComplete;
  const returnPath = location.pathname + location.search + location.hash;
  $(el, 'button[part~="start"]').click();
  await until(() => seen['face-verify-redirect'].length === 1);
  await el.updateComplete;
  expect(seen['face-verify-redirect'][0]?.defaultPrevented).toBe(false);
  // "Opening…" stays while the browser leaves for the CertifyUrl.
  expect(heading(el)).toBe(zh.redirect);
  expect($(el, '[part="status"]').textContent?.trim()).toBe(zh.redirect);
  const pending = JSON.parse(sessionStorage.getItem('aliyun-face-verify:pending') ?? '{}');
  expect(pending).toEqual({
    v: 1,
    certifyId: 'sha-b',
    ticket: 'tk-b',
    startedAt: expect.any(Number),
    returnPath,
  });
  // Back from the certify page through the bfcache: the start view again, nothing re-sent.
  window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
  await el.updateComplete;
  expect(heading(el)).toBe(zh.title);
  expect(seen['face-verify-redirect']).toHaveLength(1);
  expect(seen['face-verify-error']).toEqual([]);
});
