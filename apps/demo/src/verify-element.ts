/**
 * Creates `<aliyun-face-verify>` the way every scripted page of the demo uses it: the merchant
 * endpoints of the demo backend, the backend-provided allowlist entry and script URL (emulator or
 * cloud), and the page language.
 */
import '@aliyun-face-verify/element/aliyun-face-verify.js';
import type { AliyunFaceVerify } from '@aliyun-face-verify/element';
import { lang } from './i18n.js';

/** Merchant endpoints mounted by the demo backend. */
export const INIT_URL = '/api/face-verify/init';
/** See {@link INIT_URL}. */
export const DESCRIBE_URL = '/api/face-verify/describe';

/** A `<meta name>` the backend fills in per request (empty when there is nothing to add). */
function meta(name: string): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content.trim() ?? '';
}

/** Options of one element. */
export interface VerifyElementOptions {
  /** Where the certify page sends the user back; default the current page. */
  returnUrl?: string;
}

/** A configured element, not yet in the document. */
export function createVerifyElement(options: VerifyElementOptions = {}): AliyunFaceVerify {
  const el = document.createElement('aliyun-face-verify');
  el.setAttribute('init-url', INIT_URL);
  el.setAttribute('describe-url', DESCRIBE_URL);
  el.setAttribute('lang', lang());
  const allowedHosts = meta('afv-allowed-hosts');
  if (allowedHosts) el.setAttribute('allowed-hosts', allowedHosts);
  const scriptSrc = meta('afv-script-src');
  if (scriptSrc) el.setAttribute('script-src', scriptSrc);
  if (options.returnUrl) el.setAttribute('return-url', options.returnUrl);
  return el;
}
