import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  describeVerifyCode,
  type CodeDescription,
  type Locale,
  type VerifyAction,
} from './codes.js';

const CODES = [1000, 1001, 1003, 2002, 2003, 2006];
const SUB_CODES = ['Z5051', 'Z5052', 'Z5053', 'Z5054', 'Z5055', 'Z5056'];
const LOCALES: Locale[] = ['zh-CN', 'en'];

describe('describeVerifyCode', () => {
  it('explains every browser code of the seeds, with the action it calls for', () => {
    expect(CODES.map((code) => describeVerifyCode(code, undefined, 'en'))).toStrictEqual([
      { title: 'Scan done', message: 'Awaiting server', action: 'check-server' },
      { title: 'System error', message: 'Try again', action: 'retry' },
      { title: 'Interrupted', message: 'Try again', action: 'retry' },
      { title: 'Network error', message: 'Try again', action: 'retry' },
      { title: 'Clock wrong', message: 'Try again', action: 'retry' },
      { title: 'Scan failed', message: 'Awaiting server', action: 'check-server' },
    ]);
    expect(CODES.map((code) => describeVerifyCode(code).title)).toStrictEqual([
      '刷脸成功',
      '系统错误',
      '验证中断',
      '网络错误',
      '设备时间错误',
      '刷脸失败',
    ]);
  });

  it('treats 1000 as reference only: the server must confirm it', () => {
    for (const locale of LOCALES) {
      const { action, message } = describeVerifyCode(1000, undefined, locale);
      expect(action).toBe('check-server');
      expect(message).toBe(describeVerifyCode(2006, undefined, locale).message);
    }
    expect(describeVerifyCode(1000).message).toBe('待服务端确认');
  });

  it('names the cause of every subCode and picks its action', () => {
    const en = SUB_CODES.map((sub) => describeVerifyCode(1003, sub, 'en'));
    expect(en.map((d) => [d.title, d.action])).toStrictEqual([
      ['Upload failed', 'retry'],
      ['Data error', 'retry'],
      ['Network error', 'retry'],
      ['No camera', 'switch-browser'],
      ['User exited', 'retry'],
      ['Too many tries', 'contact-support'],
    ]);
    expect(SUB_CODES.map((sub) => describeVerifyCode(1001, sub).title)).toStrictEqual([
      '上传失败',
      '数据异常',
      '网络错误',
      '摄像头不可用',
      '用户退出',
      '重试过多',
    ]);
    expect(describeVerifyCode(1001, 'Z5054')).toStrictEqual({
      title: '摄像头不可用',
      message: '请开启摄像头或换浏览器',
      action: 'switch-browser',
    });
    expect(describeVerifyCode(2002, 'Z5056', 'en')).toStrictEqual({
      title: 'Too many tries',
      message: 'Contact support',
      action: 'contact-support',
    });
  });

  it('describes the seeds example and the real-world return', () => {
    // response=%7B"code"%3A1001%2C"subCode"%3A"Z5051"… and {"code":1003,"subCode":"Z5052",…}
    expect(describeVerifyCode(1001, 'Z5051', 'en').title).toBe('Upload failed');
    expect(describeVerifyCode(1003, 'Z5052')).toStrictEqual({
      title: '数据异常',
      message: '请重试',
      action: 'retry',
    });
  });

  it('never lets a subCode override 1000 or 2006: only the server can say more', () => {
    for (const sub of SUB_CODES)
      for (const code of [1000, 2006])
        for (const locale of LOCALES)
          expect(describeVerifyCode(code, sub, locale)).toStrictEqual(
            describeVerifyCode(code, undefined, locale),
          );
  });

  it('gives unknown codes a generic text that defers to the server', () => {
    for (const code of [0, 999, 1002, 3000, -1, 1000.5, Number.NaN]) {
      expect(describeVerifyCode(code, undefined, 'en')).toStrictEqual({
        title: 'Unknown result',
        message: 'Awaiting server',
        action: 'check-server',
      });
      expect(describeVerifyCode(code).title).toBe('结果未知');
    }
    // A known subCode still explains the cause under an unknown code.
    expect(describeVerifyCode(4242, 'Z5055', 'en').title).toBe('User exited');
  });

  it('ignores subCodes it does not know', () => {
    for (const sub of [
      'Z5050',
      'Z5057',
      'z5051',
      'Z50511',
      ' Z5051',
      '',
      '__proto__',
      'constructor',
    ])
      expect(describeVerifyCode(1003, sub, 'en').title).toBe('Interrupted');
  });

  it('defaults to zh-CN, also for a locale it does not know', () => {
    expect(describeVerifyCode(1001)).toStrictEqual(describeVerifyCode(1001, undefined, 'zh-CN'));
    const unknown = 'fr' as unknown as Locale;
    expect(describeVerifyCode(1001, undefined, unknown)).toStrictEqual(describeVerifyCode(1001));
  });

  it('writes zh-CN in Chinese and en in plain ASCII, never empty, one message per action', () => {
    const byAction = new Map<string, string>();
    for (const locale of LOCALES)
      for (const code of [...CODES, 4242])
        for (const sub of [undefined, ...SUB_CODES]) {
          const d = describeVerifyCode(code, sub, locale);
          expect(d.title.length).toBeGreaterThan(1);
          expect(d.message.length).toBeGreaterThan(1);
          expect(locale === 'en' ? /^[\x20-\x7e]+$/ : /[\u4e00-\u9fff]/).toSatisfy(
            (re: RegExp) => re.test(d.title) && re.test(d.message),
          );
          const key = `${locale}:${d.action}`;
          expect(byAction.get(key) ?? d.message).toBe(d.message);
          byAction.set(key, d.message);
        }
    // All four actions the catalog uses appear, in both locales.
    expect(byAction.size).toBe(8);
  });

  it('has the public types the contract names', () => {
    expectTypeOf(describeVerifyCode).parameters.toEqualTypeOf<
      [code: number, subCode?: string, locale?: Locale]
    >();
    expectTypeOf(describeVerifyCode).returns.toEqualTypeOf<CodeDescription>();
    expectTypeOf<Locale>().toEqualTypeOf<'zh-CN' | 'en'>();
    expectTypeOf<VerifyAction>().toEqualTypeOf<
      'done' | 'retry' | 'check-server' | 'switch-browser' | 'contact-support'
    >();
    expectTypeOf<CodeDescription>().toEqualTypeOf<{
      title: string;
      message: string;
      action: VerifyAction;
    }>();
    // @ts-expect-error the code is a number, as the result carries it
    describeVerifyCode('1000');
    // @ts-expect-error only the two locales exist
    describeVerifyCode(1000, undefined, 'fr');
    // @ts-expect-error a subCode is a string
    describeVerifyCode(1000, 5051);
  });
});
