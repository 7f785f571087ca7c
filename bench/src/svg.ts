/**
 * The chart the README embeds, written by hand as SVG text: no chart library, no fonts to load, a
 * white background so it reads the same in light and dark themes. Two panels: min+gzip size of ours
 * against the anchors, and our cost relative to each hand-written baseline.
 */

/** One size bar. */
export interface SizeBar {
  label: string;
  kind: 'ours' | 'anchor';
  /** min+gzip bytes; absent when the entry could not be measured. */
  gzip?: number;
  /** Budget bytes, drawn as a tick on the bar's row. */
  budget?: number;
}

/** One ratio bar (ours ÷ baseline; 1 = parity, lower is better). */
export interface RatioBar {
  label: string;
  value?: number;
  /** The target (a maximum), drawn as a tick. */
  target?: number;
}

/** Everything the chart shows. */
export interface ChartModel {
  title: string;
  subtitle: string;
  sizes: readonly SizeBar[];
  ratios: readonly RatioBar[];
  footnote?: string;
}

const WIDTH = 760;
const LABEL_X = 16;
const BAR_X = 230;
const BAR_W = 420;
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

function text(
  x: number,
  y: number,
  content: string,
  attrs: {
    anchor?: 'start' | 'end' | 'middle';
    size?: number;
    fill?: string;
    weight?: string;
  } = {},
): string {
  const a = [
    `x="${num(x)}"`,
    `y="${num(y)}"`,
    `font-size="${attrs.size ?? 12}"`,
    `fill="${attrs.fill ?? INK}"`,
  ];
  if (attrs.anchor && attrs.anchor !== 'start') a.push(`text-anchor="${attrs.anchor}"`);
  if (attrs.weight) a.push(`font-weight="${attrs.weight}"`);
  return `<text ${a.join(' ')}>${escapeXml(content)}</text>`;
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
  y += 18;
  parts.push(text(LABEL_X, y, model.subtitle, { size: 11, fill: MUTED }));
  y += 16;
  // Legend.
  parts.push(`<rect x="${LABEL_X}" y="${y}" width="10" height="10" fill="${OURS}"/>`);
  parts.push(text(LABEL_X + 14, y + 9, 'aliyun-face-verify', { size: 11 }));
  parts.push(`<rect x="${LABEL_X + 130}" y="${y}" width="10" height="10" fill="${ANCHOR}"/>`);
  parts.push(text(LABEL_X + 144, y + 9, 'SDKs users would pick instead', { size: 11 }));
  parts.push(
    `<line x1="${LABEL_X + 322}" y1="${y - 1}" x2="${LABEL_X + 322}" y2="${y + 11}" stroke="${INK}" stroke-width="2" stroke-dasharray="3 2"/>`,
  );
  parts.push(text(LABEL_X + 328, y + 9, 'budget / target', { size: 11 }));
  y += 34;

  // Panel 1: sizes.
  parts.push(text(LABEL_X, y, 'Size, min+gzip (KB)', { size: 13, weight: '600' }));
  y += 12;
  const sizeMax = niceMax(
    Math.max(1, ...model.sizes.flatMap((s) => [s.gzip ?? 0, s.budget ?? 0]).map((b) => b / 1024)),
  );
  const sizeTop = y;
  const sizeRows: string[] = [];
  for (const s of model.sizes) {
    const cy = y + ROW / 2;
    sizeRows.push(text(LABEL_X, cy + 4, s.label, { weight: s.kind === 'ours' ? '600' : 'normal' }));
    if (s.gzip === undefined) {
      sizeRows.push(text(BAR_X + 4, cy + 4, 'not measured', { fill: MISS }));
    } else {
      const kbValue = s.gzip / 1024;
      const over = s.budget !== undefined && s.gzip > s.budget;
      const w = Math.max(1, (BAR_W * kbValue) / sizeMax);
      const fill = s.kind === 'ours' ? (over ? MISS : OURS) : ANCHOR;
      sizeRows.push(
        `<rect x="${BAR_X}" y="${num(cy - BAR_H / 2)}" width="${num(w)}" height="${BAR_H}" fill="${fill}"><title>${escapeXml(`${s.label}: ${kbValue.toFixed(2)} KB`)}</title></rect>`,
      );
      sizeRows.push(text(BAR_X + w + 6, cy + 4, `${kbValue.toFixed(2)} KB`, { size: 11 }));
    }
    if (s.budget !== undefined) {
      const bx = BAR_X + (BAR_W * (s.budget / 1024)) / sizeMax;
      sizeRows.push(
        `<line x1="${num(bx)}" y1="${num(cy - BAR_H / 2 - 3)}" x2="${num(bx)}" y2="${num(cy + BAR_H / 2 + 3)}" stroke="${INK}" stroke-width="2" stroke-dasharray="3 2"><title>${escapeXml(`budget ${(s.budget / 1024).toFixed(1)} KB`)}</title></line>`,
      );
    }
    y += ROW;
  }
  parts.push(...axis(sizeTop, y, sizeMax, 5, (v) => `${num(v)}`), ...sizeRows);
  y += 44;

  // Panel 2: ratios.
  parts.push(
    text(
      LABEL_X,
      y,
      'Cost relative to the hand-written baseline (×, 1 = parity, lower is better)',
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
    if (r.value === undefined) {
      ratioRows.push(text(BAR_X + 4, cy + 4, 'not measured', { fill: MISS }));
    } else {
      const missed = r.target !== undefined && r.value > r.target;
      const w = Math.max(1, (BAR_W * r.value) / ratioMax);
      ratioRows.push(
        `<rect x="${BAR_X}" y="${num(cy - BAR_H / 2)}" width="${num(w)}" height="${BAR_H}" fill="${missed ? MISS : OURS}"><title>${escapeXml(`${r.label}: ${r.value.toFixed(2)}×`)}</title></rect>`,
      );
      const note = r.target !== undefined ? ` (target ≤ ${r.target.toFixed(2)}×)` : '';
      ratioRows.push(text(BAR_X + w + 6, cy + 4, `${r.value.toFixed(2)}×${note}`, { size: 11 }));
    }
    if (r.target !== undefined) {
      const tx = BAR_X + (BAR_W * r.target) / ratioMax;
      ratioRows.push(
        `<line x1="${num(tx)}" y1="${num(cy - BAR_H / 2 - 3)}" x2="${num(tx)}" y2="${num(cy + BAR_H / 2 + 3)}" stroke="${INK}" stroke-width="2" stroke-dasharray="3 2"/>`,
      );
    }
    y += ROW;
  }
  const parity = BAR_X + BAR_W / ratioMax;
  parts.push(
    ...axis(ratioTop, y, ratioMax, 4, (v) => `${num(v)}×`),
    `<line x1="${num(parity)}" y1="${num(ratioTop)}" x2="${num(parity)}" y2="${num(y)}" stroke="${MUTED}"/>`,
    ...ratioRows,
  );
  y += 34;
  if (model.footnote) {
    parts.push(text(LABEL_X, y, model.footnote, { size: 10, fill: MUTED }));
    y += 14;
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
