/** Overview: what the SDK does, the flow in five steps, and a card per demo page. */
import { byId, h, replaceChildren } from '../dom.js';
import { onLangChange, t, type MessageKey } from '../i18n.js';
import { DEMO_PAGES, mountShell } from '../shell.js';

mountShell('home');

const cards = byId('page-cards');
const render = (): void =>
  replaceChildren(
    cards,
    DEMO_PAGES.filter((page) => page.id !== 'home').map((page) =>
      h(
        'a',
        { class: 'card-link', href: page.href, 'data-testid': `card-${page.id}` },
        h('strong', {}, t(page.label)),
        h('span', {}, t(`card.${page.id}` as MessageKey)),
        h('span', { class: 'card-open' }, `${t('home.open')} →`),
      ),
    ),
  );
render();
onLangChange(render);
