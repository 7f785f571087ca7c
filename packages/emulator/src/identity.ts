/** GB 11643-1999 weights of the first 17 digits of a resident identity number. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character for each `sum mod 11`. */
const CHECK = '10X98765432';

/** The GB 11643 check character for the first 17 digits. */
export function certNoCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '';
}

/**
 * An 18-character resident identity number: 17 digits and a check character (`X` in either case),
 * a province code that exists, a real date of birth no later than `today`, and the GB 11643 checksum.
 */
export function isValidCertNo(value: string, today: number = Date.now()): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(value)) return false;
  const province = Number(value.slice(0, 2));
  // Mainland provinces run 11–65; 71 (Taiwan), 81/82 (Hong Kong, Macao) and 83 (residence permits).
  if (province < 11 || (province > 65 && ![71, 81, 82, 83].includes(province))) return false;
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birth = Date.UTC(y, m - 1, d);
  const back = new Date(birth);
  if (y < 1900 || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d || birth > today) {
    return false;
  }
  return certNoCheckCharacter(value.slice(0, 17)) === value.charAt(17).toUpperCase();
}

/**
 * A name as printed on a resident identity card: 2–30 Han characters, where names of several parts
 * (common among ethnic minorities) are joined by a single middle dot `·`. Latin letters, digits,
 * spaces and other symbols are what the seeds call illegal ("不得包含英文字母等特殊字符").
 */
export function isValidCertName(value: string): boolean {
  if (!/^\p{Script=Han}+(?:·\p{Script=Han}+)*$/u.test(value)) return false;
  const han = [...value].filter((c) => c !== '·').length;
  return han >= 2 && han <= 30;
}

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
