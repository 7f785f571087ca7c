/**
 * The two single-page apps (history and hash routing) share one merchant flow: an account-opening
 * wizard whose identity step hands over to the certify page and whose result route is the
 * ReturnUrl. Only the routing differs, and with it where the service puts `response`.
 */
import { byId, h } from './dom.js';
import { t, type MessageKey } from './i18n.js';
import { hasVerifyResponse, mountMerchantView } from './merchant-view.js';
import { Router, type RouterMode } from './router.js';
import { mountShell } from './shell.js';
import { createVerifyElement } from './verify-element.js';

const STEPS: readonly MessageKey[] = ['spa.steps.account', 'spa.steps.verify', 'spa.steps.done'];

function steps(current: number): HTMLOListElement {
  return h(
    'ol',
    { class: 'steps', 'aria-label': 'Progress' },
    STEPS.map((key, i) =>
      h(
        'li',
        {
          'data-state': i < current ? 'done' : i === current ? 'current' : 'todo',
          'aria-current': i === current ? 'step' : false,
          'data-i18n': key,
        },
        t(key),
      ),
    ),
  );
}

function text<K extends 'h2' | 'p'>(tag: K, key: MessageKey, attrs: Record<string, string> = {}) {
  return h(tag, { ...attrs, 'data-i18n': key }, t(key));
}

/** Mounts the SPA in the given routing mode. */
export function mountVerifySpa(mode: RouterMode): void {
  mountShell(mode === 'history' ? 'spa' : 'hash');
  const returnPath = '/result';
  const router = new Router({
    mode,
    ...(mode === 'history' ? { base: '/spa' } : {}),
    outlet: byId('outlet'),
    routes: {
      '/': (outlet) => {
        const el = createVerifyElement({ returnUrl: router.href(returnPath, true) });
        outlet.append(
          h(
            'section',
            { class: 'panel verify-card', 'data-testid': 'start-view' },
            steps(1),
            text('h2', 'spa.step.start'),
            text('p', 'spa.step.startLead'),
            el,
          ),
        );
      },
      [returnPath]: (outlet) => {
        // Decided before the element consumes (and strips) the parameter.
        const expectResult = hasVerifyResponse(location.href);
        const card = h(
          'section',
          { class: 'panel verify-card', 'data-testid': 'result-view' },
          steps(2),
          text('h2', 'spa.step.result'),
        );
        const merchant = h('div');
        outlet.append(card, merchant, h('p', {}, router.link('/', t('common.startOver'))));
        mountMerchantView(merchant, card, { expectResult });
        card.append(createVerifyElement({ returnUrl: router.href(returnPath, true) }));
      },
    },
    notFound: (outlet) => {
      outlet.append(
        h(
          'section',
          { class: 'panel' },
          text('h2', 'spa.notFound'),
          h('p', {}, router.link('/', t('common.startOver'))),
        ),
      );
    },
  });
  router.start();
}
