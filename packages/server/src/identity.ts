const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * A resident identity number (GB 11643): 17 digits and a check character, a plausible province
 * and date of birth, and the ISO 7064 MOD 11-2 checksum. Checked here so a typo costs no upstream
 * call and never reaches the service.
 */
export function isCertNo(value: string, now: number = Date.now()): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(value)) return false;
  const province = Number(value.slice(0, 2));
  if (province < 11 || (province > 65 && ![71, 81, 82, 83].includes(province))) return false;
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const date = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birth) return false;
  if (date.getTime() > now || date.getUTCFullYear() < 1900) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  return '10X98765432'[sum % 11] === value.charAt(17).toUpperCase();
}

/** A name as on an identity card: Han characters, parts joined by `·`, 2–30 characters without the dots. */
export function isCertName(value: string): boolean {
  const parts = value.split('·');
  const han = parts.join('');
  return (
    parts.every((p) => /^\p{Script=Han}+$/u.test(p)) &&
    [...han].length >= 2 &&
    [...han].length <= 30
  );
}
