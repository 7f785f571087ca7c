import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Server-side rendering imports core in plain Node. Every entry must load without touching a DOM
 * global: each of them is trapped so that a read, a write or a `typeof` at import time throws, and
 * is logged. The imports are dynamic so that they happen after the traps are in place (vitest gives
 * each test file a fresh module graph, so nothing was imported earlier).
 */
const ENTRIES = ['index.ts', 'result-entry.ts', 'tables.ts', 'identity.ts', 'zod.ts'] as const;
/**
 * Reads an entry may make, answered as plain Node would (`undefined`): zod probes
 * `typeof navigator` (a Cloudflare check) when it first builds a schema, which is harmless in Node.
 */
const TOLERATED: Partial<Record<(typeof ENTRIES)[number], readonly string[]>> = {
  'zod.ts': ['navigator'],
};
let tolerated: readonly string[] = [];
const DOM_GLOBALS = ['window', 'document', 'navigator', 'location', 'sessionStorage'] as const;

const touched: string[] = [];
const saved = new Map<string, PropertyDescriptor | undefined>();

beforeAll(() => {
  for (const name of DOM_GLOBALS) {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        if (tolerated.includes(name)) return undefined;
        touched.push(name);
        throw new Error(`SSR import touched globalThis.${name}`);
      },
      set() {
        touched.push(name);
        throw new Error(`SSR import assigned globalThis.${name}`);
      },
    });
  }
});

afterAll(() => {
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(globalThis, name, descriptor);
    else Reflect.deleteProperty(globalThis, name);
  }
});

describe('SSR: importing core in plain Node touches no DOM', () => {
  it('runs in a DOM-free Node (the premise of this test)', () => {
    for (const name of DOM_GLOBALS) {
      expect(saved.get(name), `Node itself defines ${name}`).toBeUndefined();
    }
  });

  it.each(ENTRIES)('src/%s imports cleanly and exports something', async (entry) => {
    tolerated = TOLERATED[entry] ?? [];
    try {
      const mod = (await import(`../src/${entry}`)) as Record<string, unknown>;
      expect(Object.keys(mod).length).toBeGreaterThan(0);
    } finally {
      tolerated = [];
    }
    expect(touched).toEqual([]);
  });

  it('the traps work: a DOM read after import is caught', () => {
    expect(() => (globalThis as { document?: unknown }).document).toThrow(/touched/);
    touched.length = 0;
  });
});
