/**
 * The chart the README embeds, written by hand as SVG text: no chart library, no fonts to load, a
 * white background so it reads the same in light and dark themes. Three panels, each on its own
 * axis: min+gzip size of ours against the anchors; page timings relative to the hand-written
 * baseline, with their targets; decode throughput of ours and of the one-liner.
 */

/** One size bar. */
export interface SizeBar {
  label: string;
  kind: 'ours' | 'anchor';
  /** min+gzip bytes; absent when the entry could not be measured. */
  gzip?: number;
  /** Target bytes, drawn as a tick on the bar's row. */
  target?: number;
}

/** One ratio bar (ours ÷ baseline; 1 = parity, lower is better). */
export interface RatioBar {
  label: string;
  value?: number;
  /** The target (a maximum), drawn as a tick. */
  target?: number;
}

/** One decode case: ops/s of ours and of the naive one-liner. */
export interface DecodeBars {
  label: string;
  ours: number;
  naive: number;
}

/** Everything the chart shows. */
export interface ChartModel {
  title: string;
  /** Lines under the title (how the figures were taken). */
  subtitle: readonly string[];
  sizes: readonly SizeBar[];
  ratios: readonly RatioBar[];
  decode: readonly DecodeBars[];
}

const WIDTH = 760;
const LABEL_X = 16;
const BAR_X = 230;
const BAR_W = 400;
const ROW = 24;
const BAR_H = 14;
const OURS = '#0b7a75';
const ANCHOR = '#9aa4b1';
const MISS = '#d9822b';
const INK = '#1f2933';
const MUTED = '#616e7c';
const GRID = '#e4e7eb';

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Smallest "nice" axis maximum (1, 2, 2.5 or 5 times a power of ten) at or above `value`. */
export function niceMax(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

const num = (n: number): string => String(Math.round(n * 10) / 10);

interface TextStyle {
  anchor?: 'start' | 'end' | 'middle';
  size?: number;
  fill?: string;
  weight?: string;
}

function text(x: number, y: number, content: string, style: TextStyle = {}): string {
  const a = [
    `x="${num(x)}"`,
    `y="${num(y)}"`,
    `font-size="${style.size ?? 12}"`,
    `fill="${style.fill ?? INK}"`,
  ];
  if (style.anchor && style.anchor !== 'start') a.push(`text-anchor="${style.anchor}"`);
  if (style.weight) a.push(`font-weight="${style.weight}"`);
  return `<text ${a.join(' ')}>${escapeXml(content)}</text>`;
}

function bar(x: number, cy: number, w: number, fill: string, title: string, h = BAR_H): string {
  return `<rect x="${num(x)}" y="${num(cy - h / 2)}" width="${num(w)}" height="${h}" fill="${fill}"><title>${escapeXml(title)}</title></rect>`;
}

function tick(x: number, cy: number, title: string): string {
  return `<line x1="${num(x)}" y1="${num(cy - BAR_H / 2 - 3)}" x2="${num(x)}" y2="${num(cy + BAR_H / 2 + 3)}" stroke="${INK}" stroke-width="2" stroke-dasharray="3 2"><title>${escapeXml(title)}</title></line>`;
}

function axis(
  y0: number,
  y1: number,
  max: number,
  ticks: number,
  unit: (v: number) => string,
): string[] {
  const out: string[] = [];
  for (let i = 0; i <= ticks; i++) {
    const v = (max * i) / ticks;
    const x = BAR_X + (BAR_W * v) / max;
    out.push(
      `<line x1="${num(x)}" y1="${num(y0)}" x2="${num(x)}" y2="${num(y1)}" stroke="${GRID}"/>`,
    );
    out.push(text(x, y1 + 14, unit(v), { anchor: 'middle', size: 10, fill: MUTED }));
  }
  return out;
}

/** Renders the chart; bars are proportional to their values on each panel's own axis. */
export function renderChart(model: ChartModel): string {
  const parts: string[] = [];
  let y = 28;
  parts.push(text(LABEL_X, y, model.title, { size: 16, weight: '600' }));
  for (const line of model.subtitle) {
    y += 16;
    parts.push(text(LABEL_X, y, line, { size: 11, fill: MUTED }));
  }
  y += 14;
  // Legend.
  parts.push(`<rect x="${LABEL_X}" y="${y}" width="10" height="10" fill="${OURS}"/>`);
  parts.push(text(LABEL_X + 14, y + 9, 'aliyun-face-verify', { size: 11 }));
  parts.push(`<rect x="${LABEL_X + 130}" y="${y}" width="10" height="10" fill="${MISS}"/>`);
  parts.push(text(LABEL_X + 144, y + 9, 'ours, over target', { size: 11 }));
  parts.push(`<rect x="${LABEL_X + 300}" y="${y}" width="10" height="10" fill="${ANCHOR}"/>`);
  parts.push(text(LABEL_X + 314, y + 9, 'alternatives', { size: 11 }));
  parts.push(
    `<line x1="${LABEL_X + 400}" y1="${y - 1}" x2="${LABEL_X + 400}" y2="${y + 11}" stroke="${INK}" stroke-width="2" stroke-dasharray="3 2"/>`,
  );
  parts.push(text(LABEL_X + 406, y + 9, 'target', { size: 11 }));
  y += 36;

  // Panel 1: sizes.
  parts.push(text(LABEL_X, y, 'Size, min+gzip', { size: 13, weight: '600' }));
  y += 12;
  const sizeMax = niceMax(
    Math.max(1, ...model.sizes.flatMap((s) => [s.gzip ?? 0, s.target ?? 0]).map((b) => b / 1024)),
  );
  const sizeTop = y;
  const sizeRows: string[] = [];
  for (const s of model.sizes) {
    const cy = y + ROW / 2;
    sizeRows.push(text(LABEL_X, cy + 4, s.label, { weight: s.kind === 'ours' ? '600' : 'normal' }));
    let labelX = BAR_X + 4;
    if (s.gzip === undefined) {
      sizeRows.push(text(labelX, cy + 4, 'not measured', { fill: MISS }));
    } else {
      const kbValue = s.gzip / 1024;
      const over = s.target !== undefined && s.gzip > s.target;
      const w = Math.max(1, (BAR_W * kbValue) / sizeMax);
      const fill = s.kind === 'ours' ? (over ? MISS : OURS) : ANCHOR;
      sizeRows.push(bar(BAR_X, cy, w, fill, `${s.label}: ${kbValue.toFixed(2)} KB`));
      labelX = BAR_X + w + 6;
    }
    if (s.target !== undefined) {
      const bx = BAR_X + (BAR_W * (s.target / 1024)) / sizeMax;
      sizeRows.push(tick(bx, cy, `target ${(s.target / 1024).toFixed(1)} KB`));
      labelX = Math.max(labelX, bx + 6);
    }
    if (s.gzip !== undefined) {
      const target = s.target !== undefined ? ` / ${(s.target / 1024).toFixed(1)}` : '';
      sizeRows.push(
        text(labelX, cy + 4, `${(s.gzip / 1024).toFixed(2)}${target} KB`, { size: 11 }),
      );
    }
    y += ROW;
  }
  parts.push(...axis(sizeTop, y, sizeMax, 5, (v) => `${num(v)} KB`), ...sizeRows);
  y += 46;

  // Panel 2: page timings against the hand-written baseline.
  parts.push(
    text(
      LABEL_X,
      y,
      'Time relative to the hand-written page (median, 1× = same, lower is better)',
      {
        size: 13,
        weight: '600',
      },
    ),
  );
  y += 12;
  const ratioMax = niceMax(
    Math.max(1.5, ...model.ratios.flatMap((r) => [r.value ?? 0, r.target ?? 0])),
  );
  const ratioTop = y;
  const ratioRows: string[] = [];
  for (const r of model.ratios) {
    const cy = y + ROW / 2;
    ratioRows.push(text(LABEL_X, cy + 4, r.label));
    let labelX = BAR_X + 4;
    if (r.value !== undefined) {
      const missed = r.target !== undefined && r.value > r.target;
      const w = Math.max(1, (BAR_W * r.value) / ratioMax);
      ratioRows.push(bar(BAR_X, cy, w, missed ? MISS : OURS, `${r.label}: ${r.value.toFixed(2)}×`));
      labelX = BAR_X + w + 6;
    }
    if (r.target !== undefined) {
      const tx = BAR_X + (BAR_W * r.target) / ratioMax;
      ratioRows.push(tick(tx, cy, `target ≤ ${r.target.toFixed(2)}×`));
      labelX = Math.max(labelX, tx + 6);
    }
    const note = r.target !== undefined ? ` (target ≤ ${r.target.toFixed(2)}×)` : '';
    ratioRows.push(
      r.value === undefined
        ? text(labelX, cy + 4, `not measured${note}`, { size: 11, fill: MISS })
        : text(labelX, cy + 4, `${r.value.toFixed(2)}×${note}`, { size: 11 }),
    );
    y += ROW;
  }
  parts.push(...axis(ratioTop, y, ratioMax, 4, (v) => `${num(v)}×`), ...ratioRows);
  y += 46;

  // Panel 3: decode throughput, ours and the one-liner side by side.
  if (model.decode.length > 0) {
    parts.push(
      text(LABEL_X, y, 'Decode throughput in Node (median ops/s, higher is faster)', {
        size: 13,
        weight: '600',
      }),
    );
    y += 12;
    const opsMax = niceMax(Math.max(1, ...model.decode.flatMap((d) => [d.ours, d.naive])));
    const decodeTop = y;
    const decodeRows: string[] = [];
    const half = BAR_H - 4;
    for (const d of model.decode) {
      for (const [who, value, fill] of [
        ['ours', d.ours, OURS],
        ['JSON.parse(decodeURIComponent(v))', d.naive, ANCHOR],
      ] as const) {
        const cy = y + ROW / 2;
        decodeRows.push(
          text(LABEL_X, cy + 4, who === 'ours' ? d.label : '', { weight: '600' }),
          text(BAR_X - 8, cy + 4, who, { anchor: 'end', size: 10, fill: MUTED }),
        );
        const w = Math.max(1, (BAR_W * value) / opsMax);
        const rounded = Math.round(value).toLocaleString('en-US');
        decodeRows.push(
          bar(BAR_X, cy, w, fill, `${d.label}, ${who}: ${rounded} ops/s`, half),
          text(BAR_X + w + 6, cy + 4, `${rounded} ops/s`, { size: 11 }),
        );
        y += ROW - 4;
      }
      y += 6;
    }
    parts.push(
      ...axis(decodeTop, y, opsMax, 4, (v) => (v >= 1000 ? `${num(v / 1000)}k` : num(v))),
      ...decodeRows,
    );
    y += 40;
  }
  const height = Math.ceil(y);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeXml(model.title)}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">\n` +
    `<title>${escapeXml(model.title)}</title>\n` +
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>\n` +
    parts.join('\n') +
    '\n</svg>\n'
  );
}
