/**
 * The event log panel: every `face-verify-*` event any `<aliyun-face-verify>` on the page fires, with
 * its payload. Entries live in sessionStorage so the log tells the whole story of a round trip
 * (redirect on the way out, result and describe on the way back), per tab.
 */
import { FACE_VERIFY_EVENT_NAMES, type FaceVerifyEventName } from '@aliyun-face-verify/element';
import { h, replaceChildren } from './dom.js';
import { onLangChange, t } from './i18n.js';

/** One logged event. */
export interface LogEntry {
  at: number;
  type: FaceVerifyEventName;
  page: string;
  payload: string;
}

const STORAGE_KEY = 'afv-demo:events';
const MAX_ENTRIES = 60;
/** Identity fields never shown, even if a payload carried them by mistake. */
const REDACTED_KEYS = new Set(['certNo', 'certName', 'CertNo', 'CertName']);

/**
 * The event's payload: the element's event classes carry it as an own `detail` field (like
 * CustomEvent); any other own fields are kept too so nothing an event carries goes unseen.
 */
export function eventPayload(event: Event): unknown {
  // `isTrusted` is an own property of every event; it says nothing about the payload.
  const own = Object.keys(event).filter((key) => key !== 'detail' && key !== 'isTrusted');
  const detail: unknown = (event as Event & { detail?: unknown }).detail;
  if (own.length === 0) return detail ?? null;
  const payload: Record<string, unknown> = {};
  for (const key of own) payload[key] = (event as unknown as Record<string, unknown>)[key];
  if (detail !== undefined) payload['detail'] = detail;
  return payload;
}

/** JSON text of a payload: errors keep name/code/message, identity fields are redacted. */
export function formatPayload(payload: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(
    payload,
    (key, value: unknown) => {
      if (REDACTED_KEYS.has(key)) return '[redacted]';
      if (value instanceof Error) {
        const code = (value as Error & { code?: unknown }).code;
        return {
          name: value.name,
          ...(code === undefined ? {} : { code }),
          message: value.message,
        };
      }
      if (value instanceof Node) return `<${value.nodeName.toLowerCase()}>`;
      if (typeof value === 'object' && value !== null) {
        if (seen.has(value)) return '[circular]';
        seen.add(value);
      }
      return value;
    },
    2,
  );
}

function readEntries(): LogEntry[] {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as LogEntry[]) : [];
  } catch {
    return [];
  }
}

function writeEntries(entries: readonly LogEntry[]): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(entries.slice(-MAX_ENTRIES)));
  } catch {
    // A full or blocked storage only costs the history; the live log keeps working.
  }
}

const TONE: Record<FaceVerifyEventName, string> = {
  'face-verify-redirect': 'info',
  'face-verify-result': 'neutral',
  'face-verify-described': 'success',
  'face-verify-error': 'danger',
  'face-verify-unsupported': 'warning',
};

/** Mounts the log into `container` and starts listening on `document`. */
export function mountEventLog(container: HTMLElement): void {
  let entries = readEntries();
  // The list scrolls on wide screens, so it must be reachable by keyboard too.
  const list = h('ol', {
    class: 'log-list',
    'aria-live': 'polite',
    'aria-labelledby': 'event-log-title',
    tabindex: 0,
    'data-testid': 'event-log',
  });
  const title = h('h2', { class: 'panel-title', id: 'event-log-title' });
  const hint = h('p', { class: 'panel-hint' });
  const clear = h('button', { type: 'button', class: 'btn btn-ghost btn-small' });
  clear.addEventListener('click', () => {
    entries = [];
    writeEntries(entries);
    render();
  });

  function render(): void {
    title.textContent = t('log.title');
    hint.textContent = t('log.hint');
    clear.textContent = t('log.clear');
    clear.disabled = entries.length === 0;
    if (entries.length === 0) {
      replaceChildren(list, h('li', { class: 'log-empty' }, t('log.empty')));
      return;
    }
    replaceChildren(
      list,
      [...entries]
        .reverse()
        .map((entry) =>
          h(
            'li',
            { class: 'log-entry', 'data-event': entry.type },
            h(
              'div',
              { class: 'log-head' },
              h('span', { class: `chip chip-${TONE[entry.type]}` }, entry.type),
              h(
                'time',
                { class: 'log-time', datetime: new Date(entry.at).toISOString() },
                new Date(entry.at).toLocaleTimeString(),
              ),
            ),
            h('div', { class: 'log-page' }, entry.page),
            h('pre', { class: 'log-payload' }, entry.payload),
          ),
        ),
    );
  }

  const record = (event: Event): void => {
    entries.push({
      at: Date.now(),
      type: event.type as FaceVerifyEventName,
      page: location.pathname + location.hash.replace(/\?.*$/, ''),
      payload: formatPayload(eventPayload(event)),
    });
    entries = entries.slice(-MAX_ENTRIES);
    writeEntries(entries);
    render();
  };
  // Capture phase on document sees the element's events whether or not they bubble.
  for (const name of FACE_VERIFY_EVENT_NAMES)
    document.addEventListener(name, record, { capture: true });

  replaceChildren(
    container,
    h(
      'section',
      { class: 'panel log-panel', 'aria-labelledby': 'event-log-title' },
      h('div', { class: 'panel-head' }, h('div', {}, title, hint), clear),
      list,
    ),
  );
  render();
  onLangChange(render);
}
