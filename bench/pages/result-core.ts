/**
 * Core alone on a return page: the same job as the baseline through the result-page entry
 * `@aliyun-face-verify/core/result` — find and decode `response` (validated, 0–3 encoding levels),
 * drop it from the address bar, show the catalog's title for the code, tell the page.
 */
import { describeVerifyCode, parseVerifyResult } from '@aliyun-face-verify/core/result';

const outcome = parseVerifyResult(location.href);
if (outcome.ok) {
  const { result } = outcome;
  history.replaceState(history.state, '', location.pathname + location.hash);
  const out = document.getElementById('out');
  if (out) out.textContent = describeVerifyCode(result.code, result.subCode, 'en').title;
  document.dispatchEvent(
    new CustomEvent('face-verify-result', {
      bubbles: true,
      composed: true,
      detail: { source: 'return', result },
    }),
  );
}
