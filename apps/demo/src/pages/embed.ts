/**
 * iframe mode: the element shows the certify page in a frame inside this page, which never
 * navigates, so the page's own state (a note, a counter) survives the whole verification. The
 * result arrives by postMessage from the frame and is confirmed by the server like any other.
 */
import '@aliyun-face-verify/element/aliyun-face-verify.js';
import { byId } from '../dom.js';
import { mountMerchantView } from '../merchant-view.js';
import { mountShell } from '../shell.js';

mountShell('embed');
mountMerchantView(byId('merchant-view'), byId('verify-card'), { expectResult: false });

const counter = byId<HTMLButtonElement>('embed-count');
let count = 0;
counter.addEventListener('click', () => {
  count += 1;
  counter.textContent = String(count);
});
