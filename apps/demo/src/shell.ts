/**
 * The frame every demo page shares: brand bar, page navigation, language switch, backend mode
 * notice, event log and footer. Pages keep their own content in `<main>`.
 */
import { loadDemoConfig } from './config.js';
import { h } from './dom.js';
import { mountEventLog } from './event-log.js';
import { applyLang, lang, onLangChange, setLang, t, type Lang, type MessageKey } from './i18n.js';
import './styles.css';

/** The demo's pages, in navigation order. */
export type PageId =
  'home' | 'plain' | 'spa' | 'hash' | 'identity' | 'wechat' | 'alipay' | 'embed' | 'csp';

const PAGES: readonly { id: PageId; href: string; label: MessageKey }[] = [
  { id: 'home', href: '/', label: 'nav.home' },
  { id: 'plain', href: '/plain.html', label: 'nav.plain' },
  { id: 'spa', href: '/spa/', label: 'nav.spa' },
  { id: 'hash', href: '/hash.html', label: 'nav.hash' },
  { id: 'identity', href: '/identity.html', label: 'nav.identity' },
  { id: 'wechat', href: '/wechat.html', label: 'nav.wechat' },
  { id: 'alipay', href: '/alipay.html', label: 'nav.alipay' },
  { id: 'embed', href: '/embed.html', label: 'nav.embed' },
  { id: 'csp', href: '/csp.html', label: 'nav.csp' },
];

/** Navigation entries, for the overview page's cards. */
export const DEMO_PAGES = PAGES;

const LANGS: readonly { id: Lang; label: string }[] = [
  { id: 'zh-CN', label: '中文' },
  { id: 'en', label: 'EN' },
];

function logo(): SVGSVGElement {
  // A face-scan mark drawn with DOM calls: no markup strings anywhere in the demo.
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 32 32');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'brand-mark');
  const parts: [string, Record<string, string>][] = [
    ['rect', { x: '1', y: '1', width: '30', height: '30', rx: '9', class: 'brand-mark-bg' }],
    [
      'path',
      {
        d: 'M9 12V10a1 1 0 0 1 1-1h2M20 9h2a1 1 0 0 1 1 1v2M23 20v2a1 1 0 0 1-1 1h-2M12 23h-2a1 1 0 0 1-1-1v-2',
        class: 'brand-mark-line',
      },
    ],
    ['path', { d: 'M12.5 19c1 1.1 2.2 1.6 3.5 1.6s2.5-.5 3.5-1.6', class: 'brand-mark-line' }],
    ['circle', { cx: '13', cy: '14', r: '1.2', class: 'brand-mark-dot' }],
    ['circle', { cx: '19', cy: '14', r: '1.2', class: 'brand-mark-dot' }],
  ];
  for (const [tag, attrs] of parts) {
    const el = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    svg.appendChild(el);
  }
  return svg;
}

function header(page: PageId): HTMLElement {
  const navLinks = PAGES.map((p) => {
    const a = h('a', { href: p.href, class: 'nav-link', 'data-i18n': p.label }, t(p.label));
    if (p.id === page) a.setAttribute('aria-current', 'page');
    return h('li', {}, a);
  });
  const langButtons = LANGS.map((l) => {
    const b = h(
      'button',
      { type: 'button', class: 'seg-btn', 'data-lang': l.id, lang: l.id },
      l.label,
    );
    b.addEventListener('click', () => setLang(l.id));
    return b;
  });
  const syncLang = (): void => {
    for (const b of langButtons)
      b.setAttribute('aria-pressed', String(b.dataset['lang'] === lang()));
  };
  syncLang();
  onLangChange(syncLang);

  const mode = h('span', { class: 'mode-pill', 'data-testid': 'mode', hidden: true });
  const notice = h('p', { class: 'mode-notice', role: 'note', hidden: true });
  void loadDemoConfig().then((config) => {
    const render = (): void => {
      const key: MessageKey = config ? `mode.${config.mode}` : 'mode.unknown';
      mode.textContent = t(config ? `pill.${config.mode}` : 'pill.offline');
      mode.dataset['mode'] = config?.mode ?? 'offline';
      mode.hidden = false;
      notice.textContent = t(key);
      notice.hidden = false;
    };
    render();
    onLangChange(render);
  });

  return h(
    'header',
    { class: 'topbar' },
    h(
      'div',
      { class: 'topbar-inner' },
      h(
        'a',
        { href: '/', class: 'brand' },
        logo(),
        h(
          'span',
          { class: 'brand-text' },
          h('span', { class: 'brand-name', 'data-i18n': 'brand.name' }, t('brand.name')),
          h('span', { class: 'brand-tag', 'data-i18n': 'brand.tag' }, t('brand.tag')),
        ),
      ),
      mode,
      h('div', { class: 'seg', role: 'group', 'aria-label': 'Language / 语言' }, langButtons),
    ),
    h(
      'nav',
      { class: 'nav', 'aria-label': t('nav.label'), 'data-i18n-aria': 'nav.label' },
      h('ul', { class: 'nav-list' }, navLinks),
    ),
    notice,
  );
}

/** Builds the shared frame around the page content and applies the chosen language. */
export function mountShell(page: PageId): void {
  document.body.prepend(header(page));
  const footer = h(
    'footer',
    { class: 'footer' },
    h('p', { 'data-i18n': 'footer.note' }, t('footer.note')),
  );
  document.body.append(footer);
  const log = document.getElementById('event-log');
  if (log) mountEventLog(log);
  applyLang();
  onLangChange(() => {
    applyLang();
    const nav = document.querySelector('nav.nav');
    nav?.setAttribute('aria-label', t('nav.label'));
  });
}
