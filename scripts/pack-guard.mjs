#!/usr/bin/env node
// The packages' `prepack`: `npm pack` / `npm publish` copy `workspace:*` dependency ranges into the
// tarball as they are, and such a tarball does not install. pnpm rewrites them to real versions,
// so packing is refused unless pnpm is the one packing (`pnpm pack`, `pnpm publish`, `npm run release`).
const agent = process.env.npm_config_user_agent ?? '';
if (!agent.startsWith('pnpm/')) {
  console.error(
    'Pack and publish these packages with pnpm (`pnpm pack`, or `npm run release` at the root):\n' +
      '`npm pack` would keep `workspace:*` ranges and the tarball would not install.',
  );
  process.exit(1);
}
