/**
 * `@aliyun-face-verify/core/identity`: the checks the service applies to CertNo and CertName
 * (InitFaceVerify Code 401 "参数非法"), for the merchant server (refuse a typo before any upstream
 * call) and the emulator (answer 401 as the cloud does). Not part of the browser's default entry.
 */
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
