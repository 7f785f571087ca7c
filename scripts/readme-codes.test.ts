// The README's code tables are generated from core's catalogs, and this test keeps them true:
// it fails when the README and core disagree. `UPDATE_README=1 vitest run scripts` rewrites them.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeVerifyCode } from '@aliyun-face-verify/core';
import {
  DESCRIBE_FACE_VERIFY_CODES,
  DESCRIBE_SUB_CODES,
  INIT_FACE_VERIFY_CODES,
  type CodeText,
} from '@aliyun-face-verify/core/tables';

const README = fileURLToPath(new URL('../README.md', import.meta.url));
const START = '<!-- codes:start (generated from packages/core by scripts/readme-codes.test.ts) -->';
const END = '<!-- codes:end -->';

const cell = (s: string): string => s.replace(/\|/g, '\\|');

function serviceTable(title: string, table: Readonly<Record<string, CodeText>>): string {
  const rows = Object.entries(table).map(
    ([code, t]) => `| ${code} | ${cell(t['zh-CN'])} | ${cell(t.en)} |`,
  );
  return [`#### ${title}`, '', '| Code | zh-CN | en |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The markdown between the markers, built from core. */
function codeTables(): string {
  const rows: { key: string; code: number; sub?: string }[] = [
    ...[1000, 1001, 1003, 2002, 2003, 2006].map((code) => ({ key: String(code), code })),
    ...[1, 2, 3, 4, 5, 6].map((n) => ({ key: `Z505${n}`, code: 1003, sub: `Z505${n}` })),
  ];
  const browser = rows.map(({ key, code, sub }) => {
    const zh = describeVerifyCode(code, sub, 'zh-CN');
    const en = describeVerifyCode(code, sub, 'en');
    return `| \`${key}\` | ${zh.title} — ${zh.message} | ${en.title} — ${en.message} | \`${en.action}\` |`;
  });
  const subs = Object.entries(DESCRIBE_SUB_CODES).map(
    ([code, t]) => `| ${code} | ${t.passed ? 'yes' : 'no'} | ${cell(t['zh-CN'])} | ${cell(t.en)} |`,
  );
  return [
    START,
    // Prettier would re-pad the tables; the generated text is kept exactly as generated.
    '<!-- prettier-ignore-start -->',
    '#### Browser `code` / `subCode` (the `response` parameter; reference only)',
    '',
    'SubCodes are shown with code 1003: under 1001, 1003, 2002 and unknown codes a known subCode names the cause; 1000, 2003 and 2006 keep their own text and action whatever the subCode.',
    '',
    '| code / subCode | zh-CN | en | action |',
    '| --- | --- | --- | --- |',
    ...browser,
    '',
    '#### DescribeFaceVerify `ResultObject.SubCode` (the authoritative result)',
    '',
    '| SubCode | passed | zh-CN | en |',
    '| --- | --- | --- | --- |',
    ...subs,
    '',
    serviceTable('InitFaceVerify `Code`', INIT_FACE_VERIFY_CODES),
    '',
    serviceTable('DescribeFaceVerify `Code`', DESCRIBE_FACE_VERIFY_CODES),
    '<!-- prettier-ignore-end -->',
    END,
  ].join('\n');
}

describe('README code tables', () => {
  it('match the catalogs in packages/core', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start, 'README is missing the code-table markers').toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const current = readme.slice(start, end + END.length);
    const wanted = codeTables();
    if (process.env['UPDATE_README'] === '1' && current !== wanted) {
      writeFileSync(README, readme.slice(0, start) + wanted + readme.slice(end + END.length));
      return;
    }
    expect(current).toBe(wanted);
  });
});
