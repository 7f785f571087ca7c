#!/usr/bin/env node
// Fails on any import cycle between the source modules of the packages and the demo, type-only
// imports included (madge reads them from the TypeScript source). Test files count too: a test
// that closes a loop still makes the modules it imports load in a different order.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import madge from 'madge';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIRS = [
  'packages/core/src',
  'packages/element/src',
  'packages/server/src',
  'packages/emulator/src',
  'apps/demo/src',
];

/** Known cycles, each written as madge prints it. The only place exceptions live (none today). */
const KNOWN = [];

const result = await madge(
  DIRS.map((dir) => join(root, dir)),
  {
    baseDir: root,
    fileExtensions: ['ts'],
    tsConfig: join(root, 'tsconfig.json'),
    detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
  },
);

const found = result.circular().map((cycle) => cycle.join(' > '));
const unexpected = found.filter((cycle) => !KNOWN.includes(cycle));
const gone = KNOWN.filter((cycle) => !found.includes(cycle));
// A module madge could not resolve would hide its imports, and with them any cycle through it.
const skipped = result.warnings().skipped;
const modules = Object.keys(result.obj()).length;

for (const cycle of found) console.log(`${KNOWN.includes(cycle) ? 'known' : 'CYCLE'}: ${cycle}`);
for (const cycle of gone)
  console.error(`gone: ${cycle} (remove it from KNOWN in ${fileURLToPath(import.meta.url)})`);
for (const file of skipped) console.error(`unresolved: ${file}`);
console.log(
  `import cycles: ${modules} modules, ${unexpected.length} new cycles, ${found.length - unexpected.length} known`,
);
if (unexpected.length || gone.length || skipped.length) process.exit(1);
