// The identity checks live in core (shared with the merchant server); re-exported here because the
// emulator's public API has always offered them next to its test identities.
export {
  certNoCheckCharacter,
  isValidCertName,
  isValidCertNo,
} from '@aliyun-face-verify/core/identity';

/** A documented identity for demos and tests. The numbers are fictitious but pass every check. */
export interface TestIdentity {
  /** 姓名, for `CertName`. */
  readonly certName: string;
  /** 身份证号, for `CertNo`. */
  readonly certNo: string;
  /** What `InitFaceVerify` answers for it: `'200'` proceeds, `'417'` / `'418'` answer that Code. */
  readonly initCode: '200' | '417' | '418';
  /** What the identity is for. */
  readonly note: string;
}

/**
 * Identities the emulator accepts, with valid GB 11643 checksums. The last two make InitFaceVerify
 * fail the way the cloud does for an unusable comparison source (417) and for too many attempts (418).
 */
export const TEST_IDENTITIES: readonly TestIdentity[] = Object.freeze([
  { certName: '张三', certNo: '110101199003071233', initCode: '200', note: 'Everyday identity.' },
  { certName: '李四', certNo: '310104198511234563', initCode: '200', note: 'Second identity.' },
  {
    certName: '王小明',
    certNo: '440305199208157893',
    initCode: '200',
    note: 'Three-character name.',
  },
  {
    certName: '阿依古丽·买买提',
    certNo: '650102197806303213',
    initCode: '200',
    note: 'Name with a middle dot.',
  },
  { certName: '陈静', certNo: '33010619880101555X', initCode: '200', note: 'Check character X.' },
  {
    certName: '赵六',
    certNo: '510107199505058883',
    initCode: '417',
    note: 'InitFaceVerify answers 417: comparison source unavailable.',
  },
  {
    certName: '孙八',
    certNo: '11010519700101002X',
    initCode: '418',
    note: 'InitFaceVerify answers 418: too many attempts today.',
  },
]);
