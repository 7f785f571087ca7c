/**
 * The "Simulate" links of the in-app pages (WeChat, Alipay): each reloads the page with another
 * `?ua=` switch, the current one marked.
 */
import { h, replaceChildren } from './dom.js';
import { t, type MessageKey } from './i18n.js';

/** One switch: its `ua` value (empty for the real browser) and its label. */
export interface SimOption {
  ua: string;
  label: MessageKey;
}

/** Fills `nav` with a link per option; `current` is the page's `ua`. */
export function renderSimOptions(
  nav: HTMLElement,
  options: readonly SimOption[],
  current: string,
): void {
  replaceChildren(
    nav,
    options.map((option) => {
      const url = new URL(location.href);
      if (option.ua) url.searchParams.set('ua', option.ua);
      else url.searchParams.delete('ua');
      url.hash = '';
      return h(
        'a',
        {
          class: 'sim-option',
          href: url.pathname + url.search,
          'aria-current': option.ua === current ? 'true' : false,
        },
        t(option.label),
      );
    }),
  );
}
