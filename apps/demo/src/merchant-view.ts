/**
 * "What your server knows": next to the element (what the user sees), this panel shows the two
 * results a merchant deals with — the browser's `response` (a hint, maybe forged or stale) and the
 * server's DescribeFaceVerify answer (the truth) — built only from the element's events.
 */
import {
  describeVerifyCode,
  interpretFrameResult,
  interpretReturn,
  parseVerifyResult,
} from '@aliyun-face-verify/core';
import type {
  FaceVerifyDescribedEvent,
  FaceVerifyErrorEvent,
  FaceVerifyResultEvent,
} from '@aliyun-face-verify/element';
import { h, replaceChildren } from './dom.js';
import { lang, onLangChange, t } from './i18n.js';

type Tone = 'neutral' | 'success' | 'danger' | 'warning';

type BrowserState =
  | { kind: 'waiting' }
  | { kind: 'none' }
  | { kind: 'result'; detail: FaceVerifyResultEvent['detail'] }
  | { kind: 'error'; detail: FaceVerifyErrorEvent['detail'] };

type ServerState =
  | { kind: 'idle' }
  | { kind: 'skipped'; why: 'flagged' | 'not-queryable' }
  | { kind: 'asking' }
  | { kind: 'described'; detail: FaceVerifyDescribedEvent['detail'] }
  | { kind: 'error'; detail: FaceVerifyErrorEvent['detail'] };

function kv(rows: readonly [string, string | number | undefined][]): HTMLDListElement {
  return h(
    'dl',
    { class: 'kv' },
    rows
      .filter((row): row is [string, string | number] => row[1] !== undefined && row[1] !== '')
      .map(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]),
  );
}

function verdict(
  heading: string,
  tone: Tone,
  status: string,
  text: string | undefined,
  rows: readonly [string, string | number | undefined][],
  testId: string,
): HTMLElement {
  return h(
    'section',
    { class: 'verdict', 'data-tone': tone, 'data-testid': testId },
    h('h3', {}, heading),
    h('p', { class: 'verdict-status' }, status),
    text ? h('p', { class: 'verdict-text' }, text) : null,
    kv(rows),
  );
}

/** Whether the URL carries a `response` parameter at all (read it before the element strips it). */
export function hasVerifyResponse(href: string): boolean {
  const outcome = parseVerifyResult(href);
  return outcome.ok || outcome.error !== 'absent';
}

/** Options of {@link mountMerchantView}. */
export interface MerchantViewOptions {
  /** False on a page that was opened without `response`: nothing will arrive, so say so. */
  expectResult?: boolean;
}

/**
 * Mounts the panel into `container`; it follows the events of the elements inside `scope`
 * (the page's verify card), so panels of different routes never mix.
 */
export function mountMerchantView(
  container: HTMLElement,
  scope: HTMLElement,
  options: MerchantViewOptions = {},
): void {
  let browser: BrowserState = { kind: options.expectResult === false ? 'none' : 'waiting' };
  let server: ServerState = { kind: 'idle' };

  const browserBox = (): HTMLElement => {
    const heading = t('merchant.browser');
    if (browser.kind === 'waiting')
      return verdict(heading, 'neutral', t('merchant.waiting'), undefined, [], 'browser-verdict');
    if (browser.kind === 'none')
      return verdict(heading, 'neutral', t('merchant.none'), undefined, [], 'browser-verdict');
    if (browser.kind === 'error') {
      const d = browser.detail;
      return verdict(
        heading,
        'danger',
        t('merchant.error'),
        d.message,
        [['code', d.code]],
        'browser-verdict',
      );
    }
    const d = browser.detail;
    if (d.source === 'alipay') {
      return verdict(
        heading,
        'neutral',
        d.outcome.status,
        undefined,
        [[t('merchant.certifyId'), d.certifyId]],
        'browser-verdict',
      );
    }
    const r = d.result;
    const described = describeVerifyCode(r.code, r.subCode, lang());
    const flagged = d.suspicion !== undefined;
    return verdict(
      heading,
      flagged ? 'warning' : r.passed ? 'neutral' : 'danger',
      flagged ? `${t('merchant.flagged')} (${d.suspicion})` : described.title,
      r.reason,
      [
        [t('merchant.code'), r.code],
        [t('merchant.subCode'), r.subCode],
        [t('merchant.certifyId'), r.certifyId],
        ['routing', r.routing],
      ],
      'browser-verdict',
    );
  };

  const serverBox = (): HTMLElement => {
    const heading = t('merchant.server');
    switch (server.kind) {
      case 'idle':
        return verdict(heading, 'neutral', '—', undefined, [], 'server-verdict');
      case 'skipped':
        return verdict(
          heading,
          server.why === 'flagged' ? 'warning' : 'neutral',
          t('merchant.notAsked'),
          t(server.why === 'flagged' ? 'merchant.notAskedFlagged' : 'merchant.notAskedCode'),
          [],
          'server-verdict',
        );
      case 'asking':
        return verdict(heading, 'neutral', t('merchant.asking'), undefined, [], 'server-verdict');
      case 'error':
        return verdict(
          heading,
          'danger',
          t('merchant.error'),
          server.detail.message,
          [
            ['code', server.detail.code],
            ['status', server.detail.status],
            ['upstream', server.detail.upstreamCode],
          ],
          'server-verdict',
        );
      case 'described': {
        const d = server.detail;
        return verdict(
          heading,
          d.passed ? 'success' : 'danger',
          d.passed ? t('merchant.passed') : t('merchant.failed'),
          d.message,
          [
            [t('merchant.subCode'), d.subCode],
            [t('merchant.certifyId'), d.certifyId],
          ],
          'server-verdict',
        );
      }
    }
  };

  const title = h('h2', { class: 'panel-title', id: 'merchant-title' });
  const grid = h('div', { class: 'merchant-grid' });
  const render = (): void => {
    title.textContent = t('merchant.title');
    replaceChildren(grid, browserBox(), serverBox());
  };

  scope.addEventListener('face-verify-result', (event) => {
    const detail = event.detail;
    browser = { kind: 'result', detail };
    // The element asks the server only when core's flow rules say so (a result this tab started,
    // after 1000 or 2006); the panel reads the event with the same rules, so nothing spins.
    // Alipay: only a submitted verification is asked about (9000); the rest ends in the browser.
    if (detail.source === 'alipay')
      server =
        detail.outcome.status === 'submitted'
          ? { kind: 'asking' }
          : { kind: 'skipped', why: 'not-queryable' };
    // iframe mode: core's rule for a framed result, about the certifyId the element started.
    else if (detail.source === 'iframe') {
      const { suspicion, askServer } = interpretFrameResult(detail.result, detail);
      server = suspicion
        ? { kind: 'skipped', why: 'flagged' }
        : askServer
          ? { kind: 'asking' }
          : { kind: 'skipped', why: 'not-queryable' };
    } else {
      const { suspicion, askServer } = interpretReturn({ ok: true, ...detail });
      server = suspicion
        ? { kind: 'skipped', why: 'flagged' }
        : askServer
          ? { kind: 'asking' }
          : { kind: 'skipped', why: 'not-queryable' };
    }
    render();
  });
  scope.addEventListener('face-verify-described', (event) => {
    server = { kind: 'described', detail: event.detail };
    render();
  });
  scope.addEventListener('face-verify-error', (event) => {
    if (event.detail.stage === 'describe') server = { kind: 'error', detail: event.detail };
    // A result that arrived but cannot be confirmed (result-unmatched) keeps its flagged verdict.
    else if (event.detail.stage === 'result' && browser.kind !== 'result')
      browser = { kind: 'error', detail: event.detail };
    else return;
    render();
  });

  replaceChildren(
    container,
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'merchant-title', 'data-testid': 'merchant-view' },
      h('div', { class: 'panel-head' }, title),
      grid,
    ),
  );
  render();
  onLangChange(render);
}
