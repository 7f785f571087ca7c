import type { Plugin } from 'esbuild';

/** The literal parts of an `html`/`svg` template, minified (unchanged when one holds a raw-text element). */
export function minifyHtmlParts(parts: readonly string[]): string[];
/** The literal parts of a `css` template, minified. */
export function minifyCssParts(parts: readonly string[]): string[];
/** `source` (TypeScript) with every `html`, `svg` and `css` tagged template's literal parts minified. */
export function minifyTemplates(source: string, fileName?: string): string;
/** An esbuild plugin applying `minifyTemplates` to every `.ts` file that has such a template. */
export function minifyTemplatesPlugin(): Plugin;
