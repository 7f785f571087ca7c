/**
 * Baseline return page: the job done by hand, the way an integrator would without this SDK —
 * find `response`, `JSON.parse(decodeURIComponent(…))`, drop it from the address bar, show the
 * outcome, tell the page. No validation, no correlation, no code catalog.
 */
const match = /[?&]response=([^&#]*)/.exec(location.search);
if (match) {
  const result = JSON.parse(decodeURIComponent(match[1] ?? '')) as {
    code: number;
    subCode?: string;
    reason?: string;
  };
  history.replaceState(history.state, '', location.pathname + location.hash);
  const out = document.getElementById('out');
  if (out) out.textContent = `${result.code} ${result.subCode ?? ''} ${result.reason ?? ''}`;
  document.dispatchEvent(
    new CustomEvent('face-verify-result', {
      bubbles: true,
      composed: true,
      detail: { source: 'return', result },
    }),
  );
}
