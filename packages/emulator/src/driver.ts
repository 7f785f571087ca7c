import type { OutcomeId } from './outcomes.js';

/** What a finished certify page did. */
export interface DrivenPage {
  /** HTTP status of the final step (303 when it redirected to ReturnUrl). */
  status: number;
  /** ReturnUrl with `response`, when the page redirected back. */
  location?: string;
}

function formKeyOf(html: string): string | undefined {
  return /name="formKey" value="([^"]+)"/.exec(html)?.[1];
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
 * at the consent step, as the Exit button does. Resolves with the redirect to ReturnUrl.
 */
export async function driveCertifyPage(
  certifyUrl: string,
  outcome: OutcomeId,
): Promise<DrivenPage> {
  const consent = await fetch(certifyUrl, { redirect: 'manual' });
  const consentKey = formKeyOf(await consent.text());
  if (consent.status !== 200 || consentKey === undefined) return { status: consent.status };
  if (outcome === 'user-exit') {
    const exit = await postForm(`${certifyUrl}/consent`, { formKey: consentKey, decision: 'exit' });
    await exit.body?.cancel();
    return finished(exit);
  }
  const agreed = await postForm(`${certifyUrl}/consent`, {
    formKey: consentKey,
    agree: 'yes',
    decision: 'agree',
  });
  await agreed.body?.cancel();
  if (agreed.status !== 303) return { status: agreed.status };
  const scan = await fetch(certifyUrl, { redirect: 'manual' });
  const scanKey = formKeyOf(await scan.text());
  if (scan.status !== 200 || scanKey === undefined) return { status: scan.status };
  const done = await postForm(`${certifyUrl}/complete`, { formKey: scanKey, outcome });
  await done.body?.cancel();
  return finished(done);
}

function finished(res: Response): DrivenPage {
  const location = res.headers.get('location');
  return location === null ? { status: res.status } : { status: res.status, location };
}
