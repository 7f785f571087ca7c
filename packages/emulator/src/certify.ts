import { materialInfoFor, newDeviceToken } from './cloudauth.js';
import {
  IFRAME_RETURN_URL,
  iframeMessage,
  isIframeMessageForm,
  type IframeMessageForm,
} from './iframe.js';
import { findOutcome, type Outcome } from './outcomes.js';
import {
  consentPage,
  donePage,
  problemPage,
  resultSentPage,
  scanPage,
  type PageProblem,
} from './pages.js';
import { appendResponse, responsePayload } from './return-url.js';
import { alipayResultStatus } from './saf.js';
import { safeEqual } from './signature.js';
import type { VerificationRecord, VerificationStore } from './store.js';

/** What the certify-page routes answer: a page, or a redirect. */
export type PageResult =
  | {
      kind: 'page';
      status: number;
      body: string;
      record?: VerificationRecord;
      /** The page runs the emulator's post-result script (all others run none). */
      script?: true;
    }
  | { kind: 'redirect'; location: string; record?: VerificationRecord };

/** What the certify flow needs from the emulator. */
export interface CertifyContext {
  readonly store: VerificationStore;
  now(): number;
  readonly publicUrl: string;
  /** Called once a record is finished, to send the CallbackUrl notification. */
  onComplete(record: VerificationRecord): void;
  /** How an iframe verification posts its result unless the scan page picked another form. */
  readonly iframeMessageForm: IframeMessageForm;
}

function problem(kind: PageProblem, record?: VerificationRecord): PageResult {
  const { status, body } = problemPage(kind);
  return record === undefined
    ? { kind: 'page', status, body }
    : { kind: 'page', status, body, record };
}

/** The record behind `token` if its page may still be used, else the page that says why not. */
function usable(
  token: string,
  ctx: CertifyContext,
): { record: VerificationRecord } | { result: PageResult } {
  const record = ctx.store.byToken(token);
  if (record === undefined) return { result: problem('not-found') };
  // Single use: once an outcome was reported the link is spent, whatever that outcome was.
  if (record.completion !== undefined) return { result: problem('used', record) };
  if (ctx.now() >= record.expiresAt) return { result: problem('expired', record) };
  return { record };
}

/** Like {@link usable}, for a form post: its key must be the one this record's page carried. */
function usableForm(
  token: string,
  form: ReadonlyMap<string, string>,
  ctx: CertifyContext,
): { record: VerificationRecord } | { result: PageResult } {
  const found = usable(token, ctx);
  if ('result' in found) return found;
  if (!safeEqual(form.get('formKey') ?? '', found.record.formKey)) {
    return { result: problem('bad-request', found.record) };
  }
  return found;
}

/** GET /certify/:token — the consent step, or the simulated scan once consent was given. */
export function showCertifyPage(token: string, ctx: CertifyContext): PageResult {
  const found = usable(token, ctx);
  if ('result' in found) return found.result;
  const { record } = found;
  const body =
    record.consentedAt === undefined
      ? consentPage(record)
      : scanPage(record, ctx.iframeMessageForm);
  return { kind: 'page', status: 200, body, record };
}

/**
 * Records the outcome, then returns to the merchant: a redirect to ReturnUrl, or in iframe mode
 * a page that posts the result to its parent in the form the tester picked (`messageForm`).
 */
function finish(
  record: VerificationRecord,
  outcome: Outcome,
  ctx: CertifyContext,
  form: ReadonlyMap<string, string>,
): PageResult {
  record.completion = {
    outcome,
    completedAt: ctx.now(),
    ...(outcome.verdict !== undefined
      ? {
          materialInfo: materialInfoFor(record, outcome, ctx.publicUrl),
          deviceToken: newDeviceToken(),
        }
      : {}),
  };
  ctx.onComplete(record);
  if (record.flow === 'alipay') {
    // Alipay ends its own way: back to returnUrl (a page or the app's scheme) as given, without a
    // `response`; with no returnUrl the page just says it is done (the bridge reports the rest).
    if (record.returnUrl !== '') return { kind: 'redirect', location: record.returnUrl, record };
    const body = donePage(outcome, alipayResultStatus(outcome), record.certifyId);
    return { kind: 'page', status: 200, body, record, script: true };
  }
  const payload = responsePayload(outcome, record.certifyId);
  if (record.returnUrl === IFRAME_RETURN_URL) {
    const picked = form.get('messageForm');
    const messageForm = isIframeMessageForm(picked) ? picked : ctx.iframeMessageForm;
    const body = resultSentPage(messageForm, iframeMessage(payload, messageForm));
    return { kind: 'page', status: 200, body, record, script: true };
  }
  const location = appendResponse(record.returnUrl, payload);
  return { kind: 'redirect', location, record };
}

/** POST /certify/:token/consent — agree (go on to the scan) or exit (Z5055, back to the merchant). */
export function submitConsent(
  token: string,
  form: ReadonlyMap<string, string>,
  ctx: CertifyContext,
): PageResult {
  const found = usableForm(token, form, ctx);
  if ('result' in found) return found.result;
  const { record } = found;
  const decision = form.get('decision');
  if (decision === 'exit') {
    const exit = findOutcome('user-exit');
    if (exit !== undefined) return finish(record, exit, ctx, form);
  }
  if (decision === 'agree' && form.get('agree') === 'yes') {
    record.consentedAt = ctx.now();
    return { kind: 'redirect', location: `/certify/${record.token}`, record };
  }
  return {
    kind: 'page',
    status: 400,
    body: consentPage(record, '请先勾选同意《人脸验证服务协议》 · Please accept the terms first'),
    record,
  };
}

/** POST /certify/:token/complete — record the picked outcome and return to ReturnUrl (or post it). */
export function submitOutcome(
  token: string,
  form: ReadonlyMap<string, string>,
  ctx: CertifyContext,
): PageResult {
  const found = usableForm(token, form, ctx);
  if ('result' in found) return found.result;
  const { record } = found;
  if (record.consentedAt === undefined) return problem('bad-request', record);
  const outcome = findOutcome(form.get('outcome') ?? '');
  if (outcome === undefined) return problem('bad-request', record);
  return finish(record, outcome, ctx, form);
}
