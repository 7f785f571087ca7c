import { describe, expect, it } from 'vitest';
import { escapeXml, niceMax, renderChart, type ChartModel } from './svg.js';

const model: ChartModel = {
  title: 'size & speed',
  subtitle: ['test <run>', 'second line'],
  sizes: [
    { label: 'core', kind: 'ours', gzip: 1024, target: 1.2 * 1024 },
    { label: 'element', kind: 'ours', gzip: 14 * 1024, target: 12 * 1024 },
    { label: 'anchor-a', kind: 'anchor', gzip: 4 * 1024 },
    { label: 'anchor-b', kind: 'anchor' },
  ],
  ratios: [
    { label: 'result page', value: 1.05, target: 1.1 },
    { label: 'loader', value: 1.2, target: 1.05 },
    { label: 'missing', target: 1.1 },
  ],
  decode: [{ label: 'seeds', ours: 50_000, naive: 200_000 }],
};

/** Width of the first <rect> whose <title> starts with `label:`. */
function barWidth(svg: string, label: string): number {
  const m = new RegExp(`<rect [^>]*width="([\\d.]+)"[^>]*><title>${label}:`).exec(svg);
  if (!m) throw new Error(`no bar for ${label}`);
  return Number(m[1]);
}

/** Fill of the bar of `label`. */
function barFill(svg: string, label: string): string {
  const m = new RegExp(`<rect [^>]*fill="(#[0-9a-f]+)"><title>${label}:`).exec(svg);
  if (!m) throw new Error(`no bar for ${label}`);
  return m[1] as string;
}

describe('renderChart', () => {
  const svg = renderChart(model);

  it('is one standalone SVG document with a title and a white background', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('<title>size &amp; speed</title>');
    expect(svg).toContain('fill="#ffffff"');
  });

  it('escapes every text it places (no raw markup from labels)', () => {
    expect(svg).toContain('test &lt;run&gt;');
    expect(svg).not.toContain('<run>');
  });

  it('opens and closes each element it uses', () => {
    for (const tag of ['text', 'title']) {
      const open = svg.match(new RegExp(`<${tag}[ >]`, 'g'))?.length ?? 0;
      const close = svg.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0;
      expect(open, tag).toBe(close);
    }
  });

  it('draws size bars proportional to their bytes', () => {
    expect(barWidth(svg, 'element') / barWidth(svg, 'core')).toBeCloseTo(14, 1);
    expect(barWidth(svg, 'anchor-a') / barWidth(svg, 'core')).toBeCloseTo(4, 1);
  });

  it('colours ours over target and ratios over target differently from those within', () => {
    expect(barFill(svg, 'core')).not.toBe(barFill(svg, 'element'));
    expect(barFill(svg, 'result page')).toBe(barFill(svg, 'core'));
    expect(barFill(svg, 'loader')).toBe(barFill(svg, 'element'));
    expect(barFill(svg, 'anchor-a')).not.toBe(barFill(svg, 'core'));
  });

  it('says "not measured" for a missing figure instead of drawing a zero bar', () => {
    expect(svg.match(/not measured/g)?.length).toBe(2);
    expect(svg).not.toMatch(/<title>anchor-b:/);
    expect(svg).not.toMatch(/<title>missing:/);
  });

  it('labels sizes and ratios with their targets', () => {
    expect(svg).toContain('1.00 / 1.2 KB');
    expect(svg).toContain('1.05× (target ≤ 1.10×)');
    expect(svg).toContain('not measured (target ≤ 1.10×)');
  });

  it('draws decode throughput of ours and the one-liner on one axis', () => {
    expect(
      barWidth(svg, 'seeds, JSON.parse\\(decodeURIComponent\\(v\\)\\)') /
        barWidth(svg, 'seeds, ours'),
    ).toBeCloseTo(4, 1);
    expect(svg).toContain('50,000 ops/s');
    expect(svg).toContain('200,000 ops/s');
  });

  it('leaves the decode panel out when there is nothing to show', () => {
    expect(renderChart({ ...model, decode: [] })).not.toContain('Decode throughput');
  });

  it('is deterministic', () => {
    expect(renderChart(model)).toBe(svg);
  });
});

describe('niceMax', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceMax(19.3)).toBe(20);
    expect(niceMax(21)).toBe(25);
    expect(niceMax(3.1)).toBe(5);
    expect(niceMax(0.7)).toBe(1);
    expect(niceMax(100)).toBe(100);
  });
  it('falls back to 1 for nothing to scale', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(Number.NaN)).toBe(1);
  });
});

describe('escapeXml', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;',
    );
  });
});
