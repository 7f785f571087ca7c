/**
 * The strict-CSP page: same tag as the plain page, served with a nonce-only, strict-dynamic policy
 * that requires Trusted Types. The policy actually received is shown (nonce masked) so a reviewer
 * sees what the flow ran under.
 */
// First: captures the address before the element below consumes `response`.
import { INITIAL_HREF } from '../initial-url.js';
import '@aliyun-face-verify/element/aliyun-face-verify.js';
import { byId } from '../dom.js';
import { hasVerifyResponse, mountMerchantView } from '../merchant-view.js';
import { mountShell } from '../shell.js';

mountShell('csp');
mountMerchantView(byId('merchant-view'), byId('verify-card'), {
  expectResult: hasVerifyResponse(INITIAL_HREF),
});

const policy = byId('csp-policy');
void fetch(location.pathname, { method: 'HEAD', cache: 'no-store' })
  .then((res) => {
    const header = res.headers.get('content-security-policy') ?? '';
    policy.textContent = header
      .replace(/'nonce-[^']+'/g, "'nonce-…'")
      .split(/;\s*/)
      .join(';\n');
  })
  .catch(() => {
    policy.textContent = '—';
  });
