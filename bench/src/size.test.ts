import { describe, expect, it } from 'vitest';
import { ANCHORS, groupInputs, OURS } from './size.js';

describe('groupInputs', () => {
  it('sums npm files per package (scoped or not) and keeps workspace files by path', () => {
    const grouped = groupInputs({
      'node_modules/.pnpm/lit-html@3.3.1/node_modules/lit-html/lit-html.js': {
        bytesInOutput: 7000,
      },
      'node_modules/.pnpm/lit-html@3.3.1/node_modules/lit-html/directive.js': {
        bytesInOutput: 500,
      },
      'node_modules/.pnpm/@lit+reactive-element@2.1.1/node_modules/@lit/reactive-element/reactive-element.js':
        {
          bytesInOutput: 5000,
        },
      'packages/core/src/loader.ts': { bytesInOutput: 1200 },
      'packages/core/src/api-types.ts': { bytesInOutput: 0 },
    });
    expect(grouped).toEqual([
      { module: 'lit-html', bytes: 7500 },
      { module: '@lit/reactive-element', bytes: 5000 },
      { module: 'packages/core/src/loader.ts', bytes: 1200 },
    ]);
  });
  it('folds everything past the top entries into (other)', () => {
    const inputs = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [`src/f${i}.ts`, { bytesInOutput: 100 * (i + 1) }]),
    );
    expect(groupInputs(inputs, 2)).toEqual([
      { module: 'src/f4.ts', bytes: 500 },
      { module: 'src/f3.ts', bytes: 400 },
      { module: '(other)', bytes: 600 },
    ]);
  });
});

describe('subjects', () => {
  it('measures every anchor of issue 6 through a one-line entry of its own package', () => {
    expect(ANCHORS.map((a) => a.source)).toEqual([
      '@stripe/stripe-js',
      '@paypal/paypal-js',
      '@googlemaps/js-api-loader',
      '@veriff/incontext-sdk',
      '@sumsub/websdk',
      'persona',
    ]);
    for (const a of ANCHORS) {
      expect(a.entry?.split('\n')).toHaveLength(1);
      expect(a.entry).toContain(`from '${a.source}'`);
    }
  });
  it('holds ours to the targets of issue 6', () => {
    expect(OURS.map((o) => [o.id, o.target])).toEqual([
      ['core-result', 1.2 * 1024],
      ['core', 3 * 1024],
      ['element', 12 * 1024],
    ]);
  });
});
