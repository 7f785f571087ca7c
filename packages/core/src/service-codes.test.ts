import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  DESCRIBE_FACE_VERIFY_CODES,
  DESCRIBE_SUB_CODES,
  describeServiceCode,
  describeSubCode,
  INIT_FACE_VERIFY_CODES,
  type CodeText,
} from './service-codes.js';

/** The `Message` each Code carries in the seeds' tables: the zh-CN text must start with it. */
const INIT_MESSAGES: Record<string, string> = {
  200: '成功',
  400: '参数不能为空',
  401: '参数非法',
  402: '应用配置不存在',
  404: '认证场景配置不存在',
  410: '未开通服务',
  411: 'RAM无权限',
  412: '欠费中',
  414: '设备类型不支持',
  415: 'SDK版本不支持',
  416: '系统版本不支持',
  417: '无法使用刷脸服务',
  418: '刷脸失败次数过多',
  419: '传入图片不可用',
  420: '数据重复',
  421: '传入图片过大',
  422: '下载图片超时',
  423: '状态错误',
  500: '系统错误',
};
const DESCRIBE_MESSAGES: Record<string, string> = {
  200: '成功',
  400: '参数不能为空',
  401: '参数非法',
  403: '认证未完成',
  404: '认证场景配置不存在',
  406: '无效的CertifyId',
  410: '未开通服务',
  411: 'RAM无权限',
  424: '身份认证记录不存在',
  427: '业务策略限制',
  500: '系统错误',
};
/** SubCode → the seeds' description label, and whether it counts as passed. */
const SUB_CODES: Record<string, [string, boolean]> = {
  200: ['认证通过', true],
  201: ['姓名和身份证号不一致', false],
  202: ['查询不到身份信息', false],
  203: ['查询不到照片或照片不可用', false],
  204: ['人脸比对不一致', false],
  205: ['活体检测存在风险', false],
  206: ['业务策略限制', false],
  207: ['人脸与身份证人脸比对不一致', false],
  209: ['权威比对源异常', false],
  210: ['认证通过', true],
};

function expectWellFormed(table: Readonly<Record<string, CodeText>>): void {
  expect(Object.isFrozen(table)).toBe(true);
  for (const [code, entry] of Object.entries(table)) {
    expect(Object.isFrozen(entry), code).toBe(true);
    expect(entry['zh-CN'], code).toMatch(/[\u4e00-\u9fff]/);
    expect(entry.en, code).toMatch(/^[A-Z][\x20-\x7e–]+\.$/);
  }
}

describe('service code tables', () => {
  it('list exactly the InitFaceVerify Codes of the seeds, each under its Message', () => {
    expect(Object.keys(INIT_FACE_VERIFY_CODES)).toEqual(Object.keys(INIT_MESSAGES));
    for (const [code, message] of Object.entries(INIT_MESSAGES))
      expect(INIT_FACE_VERIFY_CODES[code]?.['zh-CN'], code).toMatch(new RegExp(`^${message}`));
    expectWellFormed(INIT_FACE_VERIFY_CODES);
  });

  it('list exactly the DescribeFaceVerify Codes of the seeds, each under its Message', () => {
    expect(Object.keys(DESCRIBE_FACE_VERIFY_CODES)).toEqual(Object.keys(DESCRIBE_MESSAGES));
    for (const [code, message] of Object.entries(DESCRIBE_MESSAGES))
      expect(DESCRIBE_FACE_VERIFY_CODES[code]?.['zh-CN'], code).toMatch(new RegExp(`^${message}`));
    expectWellFormed(DESCRIBE_FACE_VERIFY_CODES);
  });

  it('list the SubCodes 200–210 of the seeds; only 200 and 210 mean passed', () => {
    expect(Object.keys(DESCRIBE_SUB_CODES)).toEqual(Object.keys(SUB_CODES));
    for (const [code, [label, passed]] of Object.entries(SUB_CODES)) {
      expect(DESCRIBE_SUB_CODES[code]?.['zh-CN'], code).toMatch(new RegExp(`^${label}`));
      expect(DESCRIBE_SUB_CODES[code]?.passed, code).toBe(passed);
    }
    expectWellFormed(DESCRIBE_SUB_CODES);
  });

  it('carry the facts a merchant acts on', () => {
    // 424: query only after the browser returned 1000 or 2006.
    expect(describeServiceCode('DescribeFaceVerify', '424', 'en')).toContain('1000 or 2006');
    expect(describeServiceCode('DescribeFaceVerify', '424')).toContain('1000或2006');
    // 418: at most 20 failures per identity per day.
    expect(describeServiceCode('InitFaceVerify', '418', 'en')).toContain('20 times a day');
    // 201–203: the same identity then gets 417 from InitFaceVerify.
    for (const sub of ['201', '202', '203']) expect(describeSubCode(sub)).toContain('417');
    expect(describeServiceCode('InitFaceVerify', '417', 'en')).toContain('201–203');
    expect(describeServiceCode('InitFaceVerify', '411')).toContain('AliyunAntCloudAuthFullAccess');
  });

  it('pick the table by API: a Code can mean different things, or exist in one only', () => {
    expect(describeServiceCode('InitFaceVerify', '402')).toBe('应用配置不存在');
    expect(describeServiceCode('DescribeFaceVerify', '402')).toBe('未知返回码 402');
    expect(describeServiceCode('DescribeFaceVerify', '406', 'en')).toBe('Invalid CertifyId.');
    expect(describeServiceCode('InitFaceVerify', '406', 'en')).toBe('Unknown code 406.');
  });

  it('give generic text for unknown codes, including Object.prototype names', () => {
    for (const code of ['999', '', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(describeServiceCode('InitFaceVerify', code, 'en')).toBe(`Unknown code ${code}.`);
      expect(describeSubCode(code)).toBe(`未知返回码 ${code}`);
    }
  });

  it('default to zh-CN', () => {
    expect(describeSubCode('200')).toBe('认证通过');
    expect(describeSubCode('200', 'en')).toBe('Passed.');
    expect(describeServiceCode('InitFaceVerify', '200')).toBe('成功');
  });

  it('have the public types the contract names', () => {
    expectTypeOf(INIT_FACE_VERIFY_CODES).toEqualTypeOf<Readonly<Record<string, CodeText>>>();
    expectTypeOf(DESCRIBE_SUB_CODES).toEqualTypeOf<
      Readonly<Record<string, CodeText & { passed: boolean }>>
    >();
    expectTypeOf(describeServiceCode).returns.toEqualTypeOf<string>();
    // @ts-expect-error only the two APIs have tables
    describeServiceCode('VerifyMaterial', '200');
    // @ts-expect-error codes are strings, as the cloud sends them
    describeSubCode(200);
    expect(() => {
      // @ts-expect-error the tables are read-only, for the type checker and at run time
      INIT_FACE_VERIFY_CODES['200'] = { 'zh-CN': '', en: '' };
    }).toThrow(TypeError);
  });
});
