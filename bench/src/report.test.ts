import { describe, expect, it } from 'vitest';
import type { BenchResults } from './main.js';
import {
  chartModel,
  markdownTable,
  README_END,
  README_START,
  renderFigures,
  replaceBetweenMarkers,
  saturated,
} from './report.js';

const results: BenchResults = {
  schema: 1,
  generatedAt: '2026-01-02T03:04:05.000Z',
  machine: { node: 'v20.20.2', cpus: 2, cpu: 'test cpu', chromium: '156.0', benchSeconds: 90 },
  size: {
    method: 'esbuild + gzip -9',
    rows: [
      {
        id: 'core',
        label: 'core',
        kind: 'ours',
        source: 'core.ts',
        target: 3072,
        budget: 5120,
        gzip: 2900,
        min: 7000,
        withinTarget: true,
      },
      {
        id: 'element',
        label: 'element',
        kind: 'ours',
        source: 'el.ts',
        target: 12288,
        error: 'Could not resolve',
      },
      {
        id: 'big',
        label: 'big-sdk',
        kind: 'anchor',
        source: 'big',
        entry: "export { x } from 'big';",
        version: '1.0.0',
        gzip: 20000,
        min: 60000,
      },
      {
        id: 'small',
        label: 'small-sdk',
        kind: 'anchor',
        source: 'small',
        entry: "export { y } from 'small';",
        version: '2.0.0',
        gzip: 1400,
        min: 3000,
      },
    ],
  },
  resultPage: {
    method: 'navigations',
    throttle: 4,
    throttleCheck: { unthrottledMs: 10, throttledMs: 40, factor: 4 },
    returnUrlQuery: 'response=x',
    target: 1.1,
    variants: [
      { id: 'baseline', runs: 25, medianMs: 100 },
      { id: 'core', runs: 25, medianMs: 104, ratio: 1.04, pairedRatio: 1.03 },
      { id: 'element', runs: 25, medianMs: 130, ratio: 1.3, pairedRatio: 1.28 },
    ],
  },
  targets: [
    { name: 'size: core', value: 2900, target: 3072, unit: 'bytes', met: true },
    { name: 'size: element', target: 12288, unit: 'bytes' },
    { name: 'result page: element ÷ baseline', value: 1.3, target: 1.1, unit: '×', met: false },
  ],
};

describe('replaceBetweenMarkers', () => {
  it('replaces only what lies between the markers, every time', () => {
    const doc = `# t\n\nintro\n\n${README_START}\nold\n${README_END}\n\nafter\n`;
    const once = replaceBetweenMarkers(doc, 'new figures');
    expect(once).toBe(`# t\n\nintro\n\n${README_START}\n\nnew figures\n\n${README_END}\n\nafter\n`);
    expect(replaceBetweenMarkers(once, 'new figures')).toBe(once);
  });
  it('throws when the markers are missing, instead of appending somewhere', () => {
    expect(() => replaceBetweenMarkers('# no markers', 'x')).toThrow(/markers/);
    expect(() => replaceBetweenMarkers(`${README_END}\n${README_START}`, 'x')).toThrow(/markers/);
  });
});

describe('markdownTable', () => {
  it('writes a header, a rule and the rows, escaping pipes', () => {
    expect(
      markdownTable([
        ['a', 'b'],
        ['1', 'x|y'],
      ]),
    ).toBe('| a | b |\n| --- | --- |\n| 1 | x\\|y |');
  });
});

describe('chartModel', () => {
  it('puts ours first, then anchors from small to big, and keeps missing sizes as gaps', () => {
    const model = chartModel(results);
    expect(model.sizes.map((s) => s.label)).toEqual(['core', 'element', 'small-sdk', 'big-sdk']);
    expect(model.sizes[1]?.gzip).toBeUndefined();
    expect(model.sizes[1]?.target).toBe(12288);
  });
  it('carries each ratio with its target, leaving unmeasured ones without a value', () => {
    const ratios = chartModel(results).ratios;
    expect(ratios.find((r) => r.label === 'result page: element')).toEqual({
      label: 'result page: element',
      target: 1.1,
      value: 1.3,
    });
    expect(ratios.find((r) => r.label === 'loader: getMetaInfo()')?.value).toBeUndefined();
  });
});

describe('renderFigures', () => {
  const figures = renderFigures(results);
  it('prints every section, with versions, misses and unmeasured entries visible', () => {
    expect(figures.text).toContain('big-sdk@1.0.0');
    expect(figures.text).toContain('not measured: Could not resolve');
    expect(figures.text).toMatch(/result page: element ÷ baseline\s+1\.30×\s+≤ 1\.10×\s+MISSED/);
    expect(figures.text).toMatch(/size: element\s+—\s+≤ 12\.00 KB\s+not measured/);
    // Issue 6's target and the ceiling the test command enforces, side by side.
    expect(figures.text).toMatch(
      /core\s+ours\s+core\.ts\s+6\.84 KB\s+2\.83 KB\s+3\.00 KB met\s+5\.00 KB/,
    );
  });
  it('writes a prettier-clean README section that says how each figure was measured', async () => {
    const readme = `# bench\n\n${README_START}\n${README_END}\n`;
    const out = await figures.updateReadme(readme, '/tmp/bench-test/README.md');
    expect(out).toContain('_How: navigations');
    expect(out).toContain('#### Targets');
    const prettier = await import('prettier');
    expect(await prettier.format(out, { parser: 'markdown' })).toBe(out);
  });
});

describe('saturated', () => {
  it('flags a throttle check well under the nominal rate', () => {
    expect(saturated(1.6, 4)).toBe(true);
    expect(saturated(3.9, 4)).toBe(false);
    expect(saturated(3, 4)).toBe(false);
  });
  it('says so in the result-page note', () => {
    expect(renderFigures(results).markdown).toContain('(4.00×).');
    const page = results.resultPage;
    if (!page) throw new Error('fixture has a result page');
    const busy: BenchResults = {
      ...results,
      resultPage: { ...page, throttleCheck: { unthrottledMs: 10, throttledMs: 16, factor: 1.6 } },
    };
    expect(renderFigures(busy).markdown).toContain('the machine was saturated');
  });
});
