#!/usr/bin/env node
// What npm would publish, checked before anyone publishes it (run after `build`): each package is
// packed with pnpm (`npm pack` keeps `workspace:*` ranges, so its tarball does not install; the
// packages' prepack guard refuses it), then the tarball is checked: no `workspace:` range left,
// LICENSE / README.md / CHANGELOG.md inside (and lit's notices beside the element's bundle),
// `publint --strict` on its contents and `attw` (Are the Types Wrong?) on the tarball itself.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test-results', 'packs');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const PNPM = ['-y', 'pnpm@10.34.9'];
// `node scripts/pack-check.mjs element` checks one package (each package's `check` script does).
const only = process.argv.slice(2);
const packages = readdirSync(join(root, 'packages')).filter(
  (p) =>
    existsSync(join(root, 'packages', p, 'package.json')) && (!only.length || only.includes(p)),
);

const problems = [];
for (const pkg of packages) {
  const dir = join(root, 'packages', pkg);
  const here = join(out, pkg);
  rmSync(here, { recursive: true, force: true });
  mkdirSync(here, { recursive: true });
  execFileSync('npx', [...PNPM, 'pack', '--pack-destination', here], { cwd: dir, stdio: 'ignore' });
  const name = readdirSync(here).find((f) => f.endsWith('.tgz'));
  if (!name) throw new Error(`pnpm pack wrote no tarball for ${pkg}`);
  const tarball = join(pkg, name);
  const unpacked = join(here, 'unpacked');
  mkdirSync(unpacked);
  execFileSync('tar', ['xzf', join(out, tarball), '-C', unpacked]);
  const files = join(unpacked, 'package');
  const manifest = readFileSync(join(files, 'package.json'), 'utf8');
  if (manifest.includes('workspace:')) problems.push(`${pkg}: a workspace: range was packed`);
  const must = ['LICENSE', 'README.md', 'CHANGELOG.md'];
  if (pkg === 'element') must.push('dist/aliyun-face-verify.bundle.js.LEGAL.txt');
  for (const f of must) if (!existsSync(join(files, f))) problems.push(`${pkg}: ${f} is missing`);
  const { publishConfig } = JSON.parse(manifest);
  if (publishConfig?.access !== 'public')
    problems.push(`${pkg}: publishConfig.access is not public`);
  const run = (cmd, args) => {
    const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8' });
    if (r.status === 0) return;
    console.error(r.stdout, r.stderr);
    problems.push(`${pkg}: ${[cmd.split('/').pop(), ...args].join(' ')} failed`);
  };
  run(bin('publint'), ['run', join(out, tarball), '--strict']);
  const attw = [join(out, tarball), '--profile', 'esm-only'];
  run(bin('attw'), attw);
  console.log(`✔ ${pkg}: ${tarball}`);
}
if (problems.length > 0) {
  console.error(`\n✖ ${problems.join('\n✖ ')}`);
  process.exit(1);
}
