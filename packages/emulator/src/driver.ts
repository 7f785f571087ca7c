import type { IframeMessageForm } from './iframe.js';
import type { OutcomeId } from './outcomes.js';

/** What a finished certify page did. */
export interface DrivenPage {
  /** HTTP status of the final step (303 when it redirected to ReturnUrl, 200 in iframe mode). */
  status: number;
  /** ReturnUrl with `response`, when the page redirected back. */
  location?: string;
  /**
   * iframe mode: what the last page posts to its parent (the `response` object, or the string),
   * read from the page; over HTTP nothing is actually posted.
   */
  message?: unknown;
}

/** Options of {@link driveCertifyPage}. */
export interface DriveOptions {
  /** iframe mode: the message form to pick (default: the emulator's `iframeMessageForm`). */
  messageForm?: IframeMessageForm;
}

function formKeyOf(html: string): string | undefined {
  return /name="formKey" value="([^"]+)"/.exec(html)?.[1];
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** The message iframe mode's last page posts (its `data-message`, parsed for the object form). */
function postedMessageOf(html: string): unknown {
  const match = /data-form="(\w+)" data-message="([^"]*)"/.exec(html);
  if (!match) return undefined;
  const text = (match[2] ?? '').replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);
  return match[1] === 'object' ? (JSON.parse(text) as unknown) : text;
}

async function postForm(url: string, form: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

/**
 * Walks the emulator's hosted certify page over HTTP the way a person would — open it, agree,
 * pick `outcome` — for server-side tests and scripts that have no browser. `'user-exit'` leaves
 * at the consent step, as the Exit button does. Resolves with the redirect to ReturnUrl, or in
 * iframe mode with the message the last page would post. Short and long CertifyUrls both work.
 */
export async function driveCertifyPage(
  certifyUrl: string,
  outcome: OutcomeId,
  options: DriveOptions = {},
): Promise<DrivenPage> {
  // The long form carries a query; the steps are paths below the page itself.
  const url = new URL(certifyUrl);
  const page = `${url.origin}${url.pathname}`;
  const picked = options.messageForm === undefined ? {} : { messageForm: options.messageForm };
  const consent = await fetch(certifyUrl, { redirect: 'manual' });
  const consentKey = formKeyOf(await consent.text());
  if (consent.status !== 200 || consentKey === undefined) return { status: consent.status };
  if (outcome === 'user-exit') {
    const exit = await postForm(`${page}/consent`, {
      formKey: consentKey,
      decision: 'exit',
      ...picked,
    });
    return finished(exit);
  }
  const agreed = await postForm(`${page}/consent`, {
    formKey: consentKey,
    agree: 'yes',
    decision: 'agree',
  });
  await agreed.body?.cancel();
  if (agreed.status !== 303) return { status: agreed.status };
  const scan = await fetch(page, { redirect: 'manual' });
  const scanKey = formKeyOf(await scan.text());
  if (scan.status !== 200 || scanKey === undefined) return { status: scan.status };
  const done = await postForm(`${page}/complete`, { formKey: scanKey, outcome, ...picked });
  return finished(done);
}

async function finished(res: Response): Promise<DrivenPage> {
  const location = res.headers.get('location');
  if (res.status !== 200) {
    await res.body?.cancel();
    return location === null ? { status: res.status } : { status: res.status, location };
  }
  const message = postedMessageOf(await res.text());
  return message === undefined ? { status: res.status } : { status: res.status, message };
}
