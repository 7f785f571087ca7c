/**
 * The plain HTML page: the tag is written in the HTML with its attributes; this script only
 * registers it and adds the demo's frame, merchant panel and event log around it.
 */
// First: captures the address before the element below consumes `response`.
import { INITIAL_HREF } from '../initial-url.js';
import '@aliyun-face-verify/element/aliyun-face-verify.js';
import { byId } from '../dom.js';
import { hasVerifyResponse, mountMerchantView } from '../merchant-view.js';
import { mountShell } from '../shell.js';

mountShell('plain');
mountMerchantView(byId('merchant-view'), byId('verify-card'), {
  expectResult: hasVerifyResponse(INITIAL_HREF),
});
