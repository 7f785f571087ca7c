/**
 * iframe mode (official "iframe 内嵌接入"): InitFaceVerify with `ReturnUrl: "iframe"` and, usually,
 * `CertifyUrlStyle: "L"`. The merchant frames the CertifyUrl; at the end the page posts the result
 * to its parent instead of redirecting. The form of that message is not documented, so the
 * emulator can post each form core's `parseVerifyMessage` accepts.
 */
import type { VerifyResponsePayload } from './return-url.js';

/** The ReturnUrl value that selects iframe mode, exactly as the cloud takes it. */
export const IFRAME_RETURN_URL = 'iframe';

/**
 * How the page posts the result: the `response` object itself, its JSON text, or that text
 * url-encoded once (as it would appear in a redirect's query).
 */
export type IframeMessageForm = 'object' | 'json' | 'encoded';

/** Every form, in the order the certify page offers them. */
export const IFRAME_MESSAGE_FORMS: readonly IframeMessageForm[] = Object.freeze([
  'object',
  'json',
  'encoded',
]);

/** Whether `value` names an {@link IframeMessageForm}. */
export function isIframeMessageForm(value: unknown): value is IframeMessageForm {
  return IFRAME_MESSAGE_FORMS.includes(value as IframeMessageForm);
}

/** What the page posts for `payload` in `form`: the object, or a string. */
export function iframeMessage(
  payload: VerifyResponsePayload,
  form: IframeMessageForm,
): VerifyResponsePayload | string {
  if (form === 'object') return payload;
  const json = JSON.stringify(payload);
  return form === 'json' ? json : encodeURIComponent(json);
}

/** `CertifyUrlStyle`: `S` (default) a short link, `L` the long form. */
export type CertifyUrlStyle = 'S' | 'L';

/**
 * The CertifyUrl for a record. `S` is the bare page (`/certify/<token>`). `L`, the long form the
 * iframe docs ask for, is the same page with descriptive query parameters (which the page
 * ignores): visibly long and still on the emulator's origin. Nothing personal goes into it.
 */
export function certifyUrlFor(
  publicUrl: string,
  record: {
    token: string;
    certifyId: string;
    sceneId: string;
    productCode: string;
    certifyUrlType: string;
    returnUrl: string;
  },
  style: CertifyUrlStyle,
): string {
  const page = `${publicUrl}/certify/${record.token}`;
  if (style === 'S') return page;
  const query = new URLSearchParams({
    certifyId: record.certifyId,
    sceneId: record.sceneId,
    productCode: record.productCode,
    certifyUrlType: record.certifyUrlType,
    certifyUrlStyle: 'L',
    returnMode: record.returnUrl === IFRAME_RETURN_URL ? 'iframe' : 'redirect',
    bizFrom: 'aliyun-face-verify-emulator',
  });
  return `${page}?${query.toString()}`;
}

/** Path of the script that posts the result from the framed page (the only script the pages run). */
export const POST_RESULT_PATH = '/certify/assets/post-result.js';

/**
 * Posts the result to `window.parent`. The message is in the page (`data-message`, `data-form` on
 * `#verify-result`), so the script is static and the page's CSP can stay `script-src 'self'`.
 * The target origin is `*`: the service is never told the parent's origin (InitFaceVerify has no
 * parameter for it), so it cannot name one; the parent must check `event.origin` and
 * `event.source` instead. ES5, like the rest of what the emulator serves to old in-app browsers.
 */
export const POST_RESULT_SCRIPT = `/* aliyun-face-verify emulator: posts the verification result to the parent page. */
(function () {
  'use strict';
  var status = document.getElementById('verify-result');
  if (!status) return;
  var text = status.getAttribute('data-message') || '';
  var form = status.getAttribute('data-form');
  if (window.parent === window) {
    status.textContent = '本页不在 iframe 中，结果未发送 · Not in a frame: the result was not sent';
    return;
  }
  window.parent.postMessage(form === 'object' ? JSON.parse(text) : text, '*');
  status.textContent = '结果已发送 · Result sent';
})();
`;
