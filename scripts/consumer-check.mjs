#!/usr/bin/env node
// Compiles what a user copies, as a user's app would, against the BUILT packages (run after
// `build`): every ```ts / ```tsx / ```vue block of the READMEs, and the React and Vue fixtures of
// packages/element/test/types, in a scratch app whose node_modules link to packages/*. TypeScript
// is strict; .vue files go through vue-tsc. A README block marked with
// `<!-- snippet-file: path -->` must equal that file (the file is what a test runs).
// Shell blocks: every `npx @aliyun-face-verify/…` line is started here (on loopback, a free port)
// and must answer; `npm start` / `npm test` are what CI runs. HTML blocks: see the README's Testing.
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const app = join(root, 'test-results', 'consumer');
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** The `npx @aliyun-face-verify/…` command lines of a Markdown file's ```sh blocks. */
export function extractNpxLines(markdown) {
  const found = [];
  let inSh = false;
  for (const line of markdown.split('\n')) {
    if (/^```/.test(line)) inSh = /^```(sh|bash|shell)\s*$/.test(line);
    else if (inSh && line.startsWith('npx @aliyun-face-verify/')) {
      found.push(line.replace(/\s+#.*$/, '').trim());
    }
  }
  return found;
}

/** Starts one README command on loopback and a free port; resolves when it answers over HTTP. */
function smoke(line) {
  const args = line.split(/\s+/).slice(1);
  for (const [flag, value] of [
    ['--host', '127.0.0.1'],
    ['--port', '0'],
  ]) {
    const at = args.indexOf(flag);
    if (at >= 0) args.splice(at, 2);
    args.push(flag, value);
  }
  const child = spawn('npx', ['--no-install', ...args], { cwd: app, detached: true });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${line}: no "listening on" within 20 s\n${output}`));
    }, 20_000);
    child.stdout.on('data', async (chunk) => {
      output += chunk;
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      try {
        const res = await fetch(`${url}/web_sdk_js/jsvm_all.js`);
        if (res.status !== 200) throw new Error(`${line}: jsvm_all.js answered ${res.status}`);
        resolve(url);
      } catch (error) {
        reject(error);
      } finally {
        stop();
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
  });
}

/** The fenced blocks of a Markdown file that TypeScript can check, with their directives. */
export function extractSnippets(markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^```(ts|tsx|vue)\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body = [];
    for (i += 1; i < lines.length && !/^```\s*$/.test(lines[i]); i += 1) body.push(lines[i]);
    // The directive is the comment just above the fence (prettier puts a blank line between them).
    let above = start - 1;
    while (above > 0 && lines[above]?.trim() === '') above -= 1;
    const before = lines[above] ?? '';
    blocks.push({
      lang: open[1],
      line: start + 1,
      code: `${body.join('\n')}\n`,
      file: /^<!-- snippet-file: (\S+) -->$/.exec(before)?.[1],
      preamble: /^<!-- snippet-preamble: (.*) -->$/.exec(before)?.[1],
    });
  }
  return blocks;
}

function readmes() {
  const list = ['README.md'];
  for (const pkg of readdirSync(join(root, 'packages'))) {
    if (existsSync(join(root, 'packages', pkg, 'README.md')))
      list.push(`packages/${pkg}/README.md`);
  }
  for (const doc of readdirSync(join(root, 'docs')))
    if (doc.endsWith('.md')) list.push(`docs/${doc}`);
  return list;
}

function prepare() {
  rmSync(app, { recursive: true, force: true });
  mkdirSync(join(app, 'node_modules', '@aliyun-face-verify'), { recursive: true });
  mkdirSync(join(app, 'snippets'));
  for (const pkg of readdirSync(join(root, 'packages'))) {
    symlinkSync(join(root, 'packages', pkg), join(app, 'node_modules', '@aliyun-face-verify', pkg));
  }
  // What an install adds: the emulator's bin, so `npx @aliyun-face-verify/emulator` finds it locally.
  // (A shim rather than npm's symlink + chmod: a fresh `tsc` build leaves cli.js not executable.)
  mkdirSync(join(app, 'node_modules', '.bin'));
  const shim = join(app, 'node_modules', '.bin', 'aliyun-face-verify-emulator');
  writeFileSync(
    shim,
    '#!/bin/sh\nexec node "$(dirname "$0")/../@aliyun-face-verify/emulator/dist/cli.js" "$@"\n',
  );
  chmodSync(shim, 0o755);
  writeFileSync(
    join(app, 'package.json'),
    '{ "name": "consumer", "private": true, "type": "module" }\n',
  );
  copyFileSync(join(root, 'scripts', 'consumer', 'merchant.d.ts'), join(app, 'merchant.d.ts'));
  for (const f of ['react-app.tsx', 'vue-app.vue']) {
    copyFileSync(join(root, 'packages', 'element', 'test', 'types', f), join(app, f));
  }
}

const compilerOptions = {
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'Bundler',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  types: ['node'],
  typeRoots: [join(root, 'node_modules', '@types')],
  jsx: 'react-jsx',
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  noEmit: true,
  skipLibCheck: true,
};

const problems = [];
let count = 0;
prepare();
for (const readme of readmes()) {
  for (const line of extractNpxLines(readFileSync(join(root, readme), 'utf8'))) {
    try {
      await smoke(line);
      console.log(`✔ ${readme}: ${line} (started on loopback)`);
    } catch (error) {
      console.error(`✖ ${readme}: ${String(error)}`);
      process.exit(1);
    }
  }
}
for (const readme of readmes()) {
  const slug = readme.replace(/[/.]/g, '_');
  for (const block of extractSnippets(readFileSync(join(root, readme), 'utf8'))) {
    const where = `${readme}:${block.line}`;
    if (block.file !== undefined) {
      const actual = readFileSync(join(root, block.file), 'utf8');
      if (actual !== block.code) problems.push(`${where}: differs from ${block.file}`);
    }
    const ext = block.lang;
    // A snippet is a module of its own, so its names never collide with another snippet's.
    const code =
      ext === 'vue'
        ? block.code
        : `${block.preamble ? `${block.preamble}\n` : ''}${block.code}export {};\n`;
    writeFileSync(join(app, 'snippets', `${slug}-L${block.line}.${ext}`), code);
    count += 1;
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}

function check(label, cmd, args) {
  try {
    execFileSync(cmd, args, { cwd: app, stdio: 'inherit' });
    console.log(`✔ ${label}`);
  } catch {
    console.error(`✖ ${label} (files in ${relative(root, app)})`);
    process.exit(1);
  }
}
// .ts snippets share one program; each .tsx and .vue file gets its own, so one file's import of a
// typing entry (which augments React's JSX or Vue's GlobalComponents) cannot make another pass.
const own = readdirSync(join(app, 'snippets')).map((f) => `snippets/${f}`);
const ts = own.filter((f) => f.endsWith('.ts'));
const alone = [...own.filter((f) => !f.endsWith('.ts')), 'react-app.tsx', 'vue-app.vue'];
const program = (name, files) => {
  writeFileSync(
    join(app, name),
    JSON.stringify({ compilerOptions, files: ['merchant.d.ts', ...files] }, null, 2),
  );
  return name;
};
check(`${ts.length} README .ts snippets: tsc (strict)`, bin('tsc'), [
  '-p',
  program('tsconfig.ts.json', ts),
]);
for (const [i, file] of alone.entries()) {
  const vue = file.endsWith('.vue');
  check(`${file}: ${vue ? 'vue-tsc' : 'tsc'} (strict)`, bin(vue ? 'vue-tsc' : 'tsc'), [
    '-p',
    program(`tsconfig.${i}.json`, [file]),
  ]);
}
console.log(`${count} README snippets and 2 fixtures compiled`);

// Server-side rendering imports the bundle entry in Node: it must load without a DOM. (The Node
// condition of `./bundle` gives Node the ESM define entry, whose lit build is Node-safe.)
check('@aliyun-face-verify/element/bundle imports in Node (SSR)', process.execPath, [
  '--input-type=module',
  '-e',
  "const m = await import('@aliyun-face-verify/element/bundle'); if (typeof m.AliyunFaceVerify !== 'function' || 'document' in globalThis) process.exit(1);",
]);
