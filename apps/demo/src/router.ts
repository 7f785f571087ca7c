/**
 * A small client-side router with two modes, the two ways SPAs route and the two ways the service
 * hands `response` back: `history` (paths under a base, result in the query string) and `hash`
 * (`#/path`, result inside the hash). Only the path decides the route; query parameters, including
 * `response` inside a hash route, are left for the element to consume.
 */

/** Routing mode of an SPA. */
export type RouterMode = 'history' | 'hash';

/** Renders one route into the outlet. */
export type RouteView = (outlet: HTMLElement, router: Router) => void;

/** Router options. */
export interface RouterOptions {
  mode: RouterMode;
  /** For history mode: the path prefix the SPA lives under, e.g. `/spa`. */
  base?: string;
  routes: Record<string, RouteView>;
  /** Shown for an unknown path. */
  notFound: RouteView;
  outlet: HTMLElement;
}

/** The router of one SPA page. */
export class Router {
  readonly mode: RouterMode;
  private readonly base: string;
  private readonly routes: Record<string, RouteView>;
  private readonly notFound: RouteView;
  private readonly outlet: HTMLElement;
  private rendered: string | undefined;

  constructor(options: RouterOptions) {
    this.mode = options.mode;
    this.base = (options.base ?? '').replace(/\/$/, '');
    this.routes = options.routes;
    this.notFound = options.notFound;
    this.outlet = options.outlet;
  }

  /** The current route path, e.g. `/` or `/result`. */
  path(): string {
    if (this.mode === 'hash') {
      // `#/result?response=…`: the route is the part before any query inside the hash.
      const route = location.hash.replace(/^#/, '').split('?')[0] ?? '';
      return route.startsWith('/') ? route : '/';
    }
    const path = location.pathname.startsWith(this.base)
      ? location.pathname.slice(this.base.length)
      : location.pathname;
    return path === '' ? '/' : path;
  }

  /** The address of a route, for links and return URLs (absolute when `absolute` is set). */
  href(path: string, absolute = false): string {
    const relative =
      this.mode === 'hash'
        ? `${location.pathname}#${path}`
        : `${this.base}${path === '/' ? '/' : path}`;
    return absolute ? new URL(relative, location.origin).href : relative;
  }

  /** Goes to a route, adding a history entry. */
  navigate(path: string): void {
    if (this.mode === 'hash') location.hash = path;
    else {
      history.pushState(null, '', this.href(path));
      this.render();
    }
  }

  /** Starts listening to address changes and renders the current route. */
  start(): void {
    if (this.mode === 'hash') addEventListener('hashchange', () => this.render());
    else addEventListener('popstate', () => this.render());
    // In-app links navigate without a reload; modified clicks keep their browser meaning.
    document.addEventListener('click', (event) => {
      const link = (event.target as Element | null)?.closest?.('a[data-route]');
      if (!(link instanceof HTMLAnchorElement) || event.defaultPrevented) return;
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
        return;
      event.preventDefault();
      this.navigate(link.dataset['route'] ?? '/');
    });
    this.render();
  }

  /** Renders the current route unless it is already showing (a stripped query is no new route). */
  render(): void {
    const path = this.path();
    if (path === this.rendered) return;
    this.rendered = path;
    this.outlet.replaceChildren();
    (this.routes[path] ?? this.notFound)(this.outlet, this);
    this.outlet.dataset['route'] = path;
  }

  /** A link element to a route. */
  link(path: string, text: string, className = 'btn btn-ghost'): HTMLAnchorElement {
    const a = document.createElement('a');
    a.href = this.href(path);
    a.dataset['route'] = path;
    a.className = className;
    a.textContent = text;
    return a;
  }
}
