import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  describeVerifyCode,
  type CodeDescription,
  type Locale,
  type VerifyAction,
} from './browser-codes.js';

const CODES = [1000, 1001, 1003, 2002, 2003, 2006];
const SUB_CODES = ['Z5051', 'Z5052', 'Z5053', 'Z5054', 'Z5055', 'Z5056'];
const LOCALES: Locale[] = ['zh-CN', 'en'];

/** Codes after which a subCode names the cause (the others keep their own text). */
const REFINED_BY_SUB_CODE = [1001, 1003, 2002];

describe('describeVerifyCode', () => {
  it('explains every browser code of the seeds, with the action it calls for', () => {
    expect(CODES.map((code) => describeVerifyCode(code, undefined, 'en'))).toStrictEqual([
      { title: 'Scan done', message: 'The server will confirm it.', action: 'check-server' },
      { title: 'System error', message: 'Try again later.', action: 'retry' },
      { title: 'Interrupted', message: 'Start again.', action: 'retry' },
      { title: 'Network error', message: 'Check your network and try again.', action: 'retry' },
      {
        title: 'Clock is wrong',
        message: 'Set your clock to automatic and try again.',
        action: 'fix-clock',
      },
      { title: 'Scan failed', message: 'Asking the server why.', action: 'check-server' },
    ]);
    expect(CODES.map((code) => describeVerifyCode(code))).toStrictEqual([
      { title: '刷脸完成', message: '等待服务端确认。', action: 'check-server' },
      { title: '系统错误', message: '请稍后重试。', action: 'retry' },
      { title: '认证中断', message: '请重新开始。', action: 'retry' },
      { title: '网络错误', message: '请检查网络后重试。', action: 'retry' },
      { title: '设备时间错误', message: '请将时间设为自动后重试。', action: 'fix-clock' },
      { title: '刷脸未通过', message: '正在查询原因。', action: 'check-server' },
    ]);
  });

  it('gives every subCode its own cause, message and action', () => {
    expect(SUB_CODES.map((sub) => describeVerifyCode(1003, sub, 'en'))).toStrictEqual([
      { title: 'Upload failed', message: 'Try again on a stable network.', action: 'retry' },
      { title: 'Data error', message: 'Try again or contact support.', action: 'retry' },
      { title: 'Network lost', message: 'Check your network and try again.', action: 'retry' },
      {
        title: 'No camera',
        message: 'Allow camera access, or use another browser.',
        action: 'check-camera',
      },
      { title: 'You exited', message: 'Start again when ready.', action: 'retry' },
      {
        title: 'Too many tries',
        message: 'Try later or contact support.',
        action: 'contact-support',
      },
    ]);
    expect(SUB_CODES.map((sub) => describeVerifyCode(1003, sub))).toStrictEqual([
      { title: '上传失败', message: '请换稳定的网络重试。', action: 'retry' },
      { title: '数据错误', message: '请重试或联系客服。', action: 'retry' },
      { title: '网络中断', message: '请检查网络后重试。', action: 'retry' },
      { title: '摄像头不可用', message: '请开启摄像头权限或换浏览器。', action: 'check-camera' },
      { title: '已退出刷脸', message: '可随时重新开始。', action: 'retry' },
      { title: '重试次数过多', message: '请稍后再试或联系客服。', action: 'contact-support' },
    ]);
    // The complaint: no two subCodes may share a message, in either language.
    for (const locale of LOCALES) {
      const messages = SUB_CODES.map((sub) => describeVerifyCode(1001, sub, locale).message);
      expect(new Set(messages).size).toBe(SUB_CODES.length);
    }
  });

  it('tells a user who pressed Exit that they exited, not that the system failed', () => {
    for (const code of REFINED_BY_SUB_CODE) {
      expect(describeVerifyCode(code, 'Z5055', 'en').title).toBe('You exited');
      expect(describeVerifyCode(code, 'Z5055').title).toBe('已退出刷脸');
    }
  });

  it('says to fix the device clock for 2003, whatever the subCode', () => {
    for (const sub of [undefined, ...SUB_CODES]) {
      expect(describeVerifyCode(2003, sub, 'en')).toMatchObject({
        action: 'fix-clock',
        message: expect.stringMatching(/clock/),
      });
      expect(describeVerifyCode(2003, sub).message).toMatch(/时间/);
    }
  });

  it('describes every code × subCode pair: the subCode under 1001, 1003, 2002, the code otherwise', () => {
    for (const locale of LOCALES)
      for (const code of [...CODES, 4242])
        for (const sub of SUB_CODES) {
          const pair = describeVerifyCode(code, sub, locale);
          const expected =
            REFINED_BY_SUB_CODE.includes(code) || !CODES.includes(code)
              ? describeVerifyCode(1003, sub, locale)
              : describeVerifyCode(code, undefined, locale);
          expect(pair, `${code} ${sub} ${locale}`).toStrictEqual(expected);
        }
  });

  it('describes the seeds example and the real-world return', () => {
    // response=%7B"code"%3A1001%2C"subCode"%3A"Z5051"… and {"code":1003,"subCode":"Z5052",…}
    expect(describeVerifyCode(1001, 'Z5051', 'en').title).toBe('Upload failed');
    expect(describeVerifyCode(1003, 'Z5052')).toStrictEqual({
      title: '数据错误',
      message: '请重试或联系客服。',
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
        message: 'The server will confirm it.',
        action: 'check-server',
      });
      expect(describeVerifyCode(code).title).toBe('结果未知');
    }
    // A known subCode still explains the cause under an unknown code.
    expect(describeVerifyCode(4242, 'Z5055', 'en').title).toBe('You exited');
  });

  it('ignores subCodes it does not know, prototype keys included', () => {
    for (const sub of [
      'Z5050',
      'Z5057',
      'z5051',
      'Z50511',
      ' Z5051',
      '',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
    ])
      expect(describeVerifyCode(1003, sub, 'en').title).toBe('Interrupted');
    expect(describeVerifyCode(4242, '__proto__', 'en').title).toBe('Unknown result');
  });

  it('defaults to zh-CN, also for a locale it does not know', () => {
    expect(describeVerifyCode(1001)).toStrictEqual(describeVerifyCode(1001, undefined, 'zh-CN'));
    const unknown = 'fr' as unknown as Locale;
    expect(describeVerifyCode(1001, undefined, unknown)).toStrictEqual(describeVerifyCode(1001));
  });

  it('writes zh-CN in Chinese and en in plain ASCII, never empty, same action in both', () => {
    for (const code of [...CODES, 4242])
      for (const sub of [undefined, ...SUB_CODES]) {
        const zh = describeVerifyCode(code, sub, 'zh-CN');
        const en = describeVerifyCode(code, sub, 'en');
        expect(zh.action).toBe(en.action);
        for (const text of [zh.title, zh.message]) expect(text).toMatch(/^[\u4e00-\u9fff，。]+$/);
        for (const text of [en.title, en.message]) expect(text).toMatch(/^[A-Z][\x20-\x7e]+$/);
        expect(en.message).toMatch(/\.$/);
        expect(zh.message).toMatch(/。$/);
      }
  });

  it('has the public types the contract names, widened by two actions', () => {
    expectTypeOf(describeVerifyCode).parameters.toEqualTypeOf<
      [code: number, subCode?: string, locale?: Locale]
    >();
    expectTypeOf(describeVerifyCode).returns.toEqualTypeOf<CodeDescription>();
    expectTypeOf<Locale>().toEqualTypeOf<'zh-CN' | 'en'>();
    expectTypeOf<VerifyAction>().toEqualTypeOf<
      | 'done'
      | 'retry'
      | 'check-server'
      | 'check-camera'
      | 'fix-clock'
      | 'switch-browser'
      | 'contact-support'
    >();
    // The contract's five actions are all still there.
    expectTypeOf<
      'done' | 'retry' | 'check-server' | 'switch-browser' | 'contact-support'
    >().toExtend<VerifyAction>();
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
