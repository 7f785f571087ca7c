/**
 * Statistics the bench reports. Only medians and ratios of medians: this machine is shared and noisy,
 * so means and extremes would mostly measure the neighbours.
 */

/** Median of a non-empty sample; the mean of the two middle values when the count is even. */
export function median(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) throw new RangeError('median of an empty sample');
  const sorted = [...finite].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/**
 * `ours / baseline`: how many times the baseline's cost ours takes (1 = parity, lower is better).
 * Both must be positive and finite; anything else is a measuring error, not a ratio.
 */
export function ratio(ours: number, baseline: number): number {
  if (!(ours > 0 && Number.isFinite(ours)) || !(baseline > 0 && Number.isFinite(baseline))) {
    throw new RangeError(`ratio needs two positive finite numbers, got ${ours} / ${baseline}`);
  }
  return ours / baseline;
}

/**
 * Median of the per-round ratios `ours[i] / baseline[i]`. Runs of one round happen back to back, so
 * each pair shares the machine's load of that moment; this cross-checks the ratio of medians on a
 * shared, noisy machine. Samples must be in round order and of equal length.
 */
export function pairedRatio(ours: readonly number[], baseline: readonly number[]): number {
  if (ours.length !== baseline.length || ours.length === 0) {
    throw new RangeError(`paired samples differ in length: ${ours.length} vs ${baseline.length}`);
  }
  return median(ours.map((v, i) => ratio(v, baseline[i] as number)));
}

/** Rounds to `digits` decimals (for JSON output that stays readable in a diff). */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Bytes as KB with two decimals (1 KB = 1024 bytes, as scripts/size.mjs prints them). */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(2)} KB`;
}

/** A ratio as `1.03×`. */
export function times(value: number): string {
  return `${value.toFixed(2)}×`;
}

/** Operations per second, grouped for reading (`1 234 567 ops/s`). */
export function opsPerSec(value: number): string {
  return `${Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} ops/s`;
}

/** A plain-text table: first row is the header, columns padded, numbers right-aligned. */
export function textTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  const numeric = /^[\d\s.,]+(?: ?(?:KB|ms|×|ops\/s))?$|^[\d.]+×$/;
  const line = (row: readonly string[]): string =>
    row
      .map((cell, i) => {
        const w = widths[i] ?? 0;
        return numeric.test(cell) ? cell.padStart(w) : cell.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  const [header, ...body] = rows;
  if (!header) return '';
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...body.map(line)].join('\n');
}
