/**
 * Inlined as a classic script in the <head> of every result page, before any page code, so the
 * listener exists even if a page fires `face-verify-result` while its module is still evaluating.
 * Capture on window sees the event wherever it is dispatched (it bubbles and is composed).
 */
import { record } from './record.js';

/** The payload shape shared by the element's event and the two hand-built pages. */
interface ResultDetail {
  source?: string;
  result?: { code?: unknown };
}

window.addEventListener(
  'face-verify-result',
  (event) => {
    const detail = (event as Event & { detail?: ResultDetail }).detail;
    const code = detail?.result?.code;
    record(typeof code === 'number' ? code : -1);
  },
  { capture: true, once: true },
);
