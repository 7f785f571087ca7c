/**
 * The views of `<aliyun-face-verify>`: pure functions of the flow's state, the texts of the
 * element's language and the actions the buttons call. Everything they show is text: nothing from
 * a URL or a server becomes HTML.
 */
import { describeVerifyCode, type CompatReport, type Locale } from '@aliyun-face-verify/core';
import { html, nothing, type TemplateResult } from 'lit';
import { errorDetail } from '../failures.js';
import type { Step } from '../flows.js';
import type { TextKey } from '../failures.js';
import type { UiStrings } from '../strings.js';
import type { FlowState, ResultVerdict } from './face-verify.controller.js';

/** What the buttons do. */
export interface ViewActions {
  /** Start a verification attempt (start button, "verify again"). */
  start(): void;
  /** The error view's button. */
  retry(): void;
  /** Close the certify page's frame (iframe mode): the attempt is abandoned. */
  closeFrame(): void;
  /** "I've finished" in the Alipay view. */
  confirmAlipay(): void;
  /** Leave the WeChat guide for the start view. */
  continueGuide(): void;
  /** Copy the page link (open-in-browser). */
  copy(): void;
  /** The open-in-browser overlay was closed. */
  overlayClosed(): void;
}

/** What the views read from the element besides the flow's state. */
export interface ViewContext {
  readonly t: UiStrings;
  readonly locale: Locale;
  /** The compatibility verdict; it decides the idle view. */
  readonly report: CompatReport | undefined;
  /** The user read the WeChat guide. */
  readonly guided: boolean;
  /** The user closed the open-in-browser overlay. */
  readonly overlayClosed: boolean;
  /** The note after a copy attempt. */
  readonly copyNote: string;
  /** This page's address, for the user to copy. */
  readonly href: string;
  /** `describe-url` is set: the Alipay view offers "I've finished". */
  readonly canDescribe: boolean;
}

/** A view: its name (focus moves to its heading when the name changes), the status line, the template. */
export interface Screen {
  readonly name: string;
  readonly status: string;
  readonly content: TemplateResult;
}

/** The progress text of each step. */
const PROGRESS: Record<Step, TextKey> = {
  script: 'script',
  init: 'init',
  handover: 'redirect',
  iframe: 'redirect',
  alipay: 'alipay',
  describe: 'describe',
};

/** How a result reads: heading, message, tone (colors the heading), whether to offer a new attempt. */
interface Outcome {
  readonly title: string;
  readonly message: string;
  readonly tone: 'pending' | 'success' | 'failure';
  readonly again: boolean;
  /** The message is a warning: the result does not belong to this page's verification. */
  readonly warning?: boolean;
}

const heading = (text: unknown): TemplateResult =>
  html`<h2 part="heading" id="h" tabindex="-1">${text}</h2>`;

const button = (parts: string, label: string, onClick?: (event: Event) => void): TemplateResult =>
  html`<button part="button ${parts}" type="button" @click=${onClick}>${label}</button>`;

const items = (list: readonly string[]): TemplateResult[] =>
  list.map((item) => html`<li>${item}</li>`);

/** A view in a `<section>` named by its part, under its heading. */
function section(
  part: string,
  title: string,
  status: string,
  content: unknown,
  tone?: string,
): Screen {
  return {
    name: part,
    status,
    content: html`<section part=${part} class=${tone ?? nothing}>
      ${heading(title)}${content}
    </section>`,
  };
}

/** Label/value facts as text (values may come from the URL); empty values are left out. */
function factList(facts: readonly (readonly [string, string | undefined])[]): unknown {
  const shown = facts.filter(([, value]) => value);
  return shown.length
    ? html`<dl>
        ${shown.map(
          ([label, value]) =>
            html`<dt>${label}</dt>
              <dd>${value}</dd>`,
        )}
      </dl>`
    : nothing;
}

/** The result view: heading, message, facts, and "verify again" when the result allows one. */
function resultView(
  { title, message, tone, again, warning }: Outcome,
  facts: readonly (readonly [string, string | undefined])[],
  { t }: ViewContext,
  actions: ViewActions,
): Screen {
  return section(
    'result',
    title,
    title,
    html`<p part=${warning ? 'warning' : nothing}>${message}</p>
      ${factList(facts)}${again ? button('primary again', t.again, actions.start) : nothing}`,
    tone,
  );
}

/** How a browser-side verdict reads in the language of `context`. */
function outcomeOf(verdict: ResultVerdict, { t, locale }: ViewContext): Outcome {
  switch (verdict.kind) {
    case 'awaiting':
      return { title: t.awaitingTitle, message: t.awaiting, tone: 'pending', again: false };
    case 'suspect':
      return {
        title: t.suspectTitle,
        message: t[verdict.suspicion],
        tone: 'failure',
        again: true,
        warning: true,
      };
    case 'browser-code': {
      const { title, message } = describeVerifyCode(verdict.code, verdict.subCode, locale);
      return { title, message, tone: 'failure', again: true };
    }
    case 'alipay-ended': {
      const text =
        verdict.status === 'cancelled'
          ? t.cancelled
          : verdict.status === 'network-error'
            ? t.network
            : t.server;
      return { title: t.errorTitle, message: text, tone: 'failure', again: true };
    }
  }
}

/** Before any start: the guard, the open-in-browser overlay, the WeChat guide, or the start view. */
function idleView(context: ViewContext, actions: ViewActions): Screen {
  const { t, report } = context;
  switch (report?.action) {
    case 'unsupported':
      return section(
        'guard',
        t.guardTitle,
        t.guardTitle,
        html`<p>${t.guardBody}</p>
          ${
            report.reasons.length
              ? html`<ul lang="en">
                  ${items(report.reasons)}
                </ul>`
              : nothing
          }`,
      );
    case 'open-in-browser': {
      const steps = html`<p>${t.openSteps}</p>
        <input part="url" readonly aria-label=${t.link} .value=${context.href} />${button(
          'secondary copy',
          t.copy,
          actions.copy,
        )}
        <p role="status">${context.copyNote}</p>`;
      // Closed, the overlay's text stays on the page.
      if (context.overlayClosed) return section('guard', t.openTitle, t.openTitle, steps);
      return {
        name: 'open',
        status: t.openTitle,
        content: html`<dialog part="overlay" aria-labelledby="h" @close=${actions.overlayClosed}>
          ${heading(t.openTitle)}${steps}${button('secondary close', t.close, closeDialog)}
        </dialog>`,
      };
    }
    case 'wechat-guide':
      if (!context.guided)
        return section(
          'guide',
          t.guideTitle,
          '',
          html`<ol>
              ${items(t.guide)}
            </ol>
            ${button('primary continue', t.continue, actions.continueGuide)}`,
        );
  }
  return section(
    'idle',
    t.title,
    '',
    html`<slot name="start" @click=${actions.start}>${button('primary start', t.start)}</slot>`,
  );
}

/** Closes the dialog the clicked button is in (its `close` event tells the element). */
function closeDialog(event: Event): void {
  (event.currentTarget as Element).closest('dialog')?.close();
}

/** The view for `state`. */
export function screenOf(state: FlowState, context: ViewContext, actions: ViewActions): Screen {
  const { t } = context;
  switch (state.kind) {
    case 'idle':
      return idleView(context, actions);
    case 'step':
    case 'leaving': {
      const text = t[PROGRESS[state.kind === 'leaving' ? 'handover' : state.step]] as string;
      return {
        name: 'loading',
        status: text,
        content: heading(html`<span part="spinner"></span>${text}`),
      };
    }
    case 'frame':
      // The certify page gets the camera only when this page delegates it (`allow`).
      return section(
        'embed',
        t.frameTitle,
        '',
        html`<iframe
            part="frame"
            src=${state.certifyUrl}
            title=${t.frameTitle}
            allow="camera; microphone; fullscreen; autoplay"
          ></iframe>
          ${button('secondary close', t.close, actions.closeFrame)}`,
      );
    case 'alipay-link':
      return section(
        'alipay',
        t.alipayTitle,
        t.alipayTitle,
        // The page cannot know when the user is back from Alipay: the user says so.
        html`<a part="link" href=${state.launchUrl}>${t.alipayOpen}</a>
          ${context.canDescribe ? button('secondary done', t.done, actions.confirmAlipay) : nothing}`,
      );
    case 'result':
      return resultView(
        outcomeOf(state.verdict, context),
        [
          [t.reason, state.reason],
          [t.certifyId, state.certifyId],
        ],
        context,
        actions,
      );
    case 'described':
      return resultView(
        state.passed
          ? { title: t.passedTitle, message: state.message, tone: 'success', again: false }
          : { title: t.failedTitle, message: state.message, tone: 'failure', again: true },
        [[t.certifyId, state.certifyId]],
        context,
        actions,
      );
    case 'error': {
      const { message, upstreamCode, requestId, stage } = errorDetail(state.failure, t);
      return section(
        'error',
        t.errorTitle,
        message,
        html`<p>${message}</p>
          ${factList([
            [t.code, upstreamCode],
            [t.requestId, requestId],
          ])}${button('primary retry', stage === 'result' ? t.again : t.retry, actions.retry)}`,
        'failure',
      );
    }
  }
}

/** The card around every view: the header slot, the view, and the status live region. */
export function card(screen: Screen, locale: Locale): TemplateResult {
  return html`<div part="base" lang=${locale}>
    <header part="header"><slot name="header"></slot></header>
    ${screen.content}
    <p part="status" role="status">${screen.status}</p>
  </div>`;
}
