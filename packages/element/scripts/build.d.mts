/** Bundles the define entry with lit and core into one minified ESM file; resolves with its path. */
export function bundle(outfile?: string): Promise<string>;
