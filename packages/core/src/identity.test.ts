import { describe, expect, it } from 'vitest';
import { certNoCheckCharacter, isValidCertName, isValidCertNo } from './identity.js';

const TODAY = Date.UTC(2025, 0, 1);

describe('isValidCertNo (GB 11643)', () => {
  it.each(['110101199003071233', '33010619880101555X', '11010519700101002X'])('accepts %s', (v) => {
    expect(isValidCertNo(v, TODAY)).toBe(true);
  });

  it('computes the check character, including X', () => {
    expect(certNoCheckCharacter('11010119900307123')).toBe('3');
    expect(certNoCheckCharacter('33010619880101555')).toBe('X');
  });

  it('accepts a lower-case x check character', () => {
    expect(isValidCertNo('33010619880101555x', TODAY)).toBe(true);
  });

  it.each([
    ['wrong check digit', '110101199003071234'],
    ['17 characters', '11010119900307123'],
    ['19 characters', '1101011990030712333'],
    ['letter inside', '11010119900307A233'],
    ['X not last', '1101011990030712X3'],
    ['leading zero', '010101199003071233'],
    ['unknown province 99', withCheck('99010119900307123')],
    ['February 30th', withCheck('11010119900230123')],
    ['month 13', withCheck('11010119901301123')],
    ['born in the future', withCheck('11010120300101123')],
    ['born before 1900', withCheck('11010118990101123')],
    ['unknown check character', '11010119900307123Y'],
    ['leading space', ' 110101199003071233'],
  ])('rejects %s', (_label, value) => {
    expect(isValidCertNo(value, TODAY)).toBe(false);
  });
});

function withCheck(first17: string): string {
  return first17 + certNoCheckCharacter(first17);
}

describe('isValidCertName', () => {
  it.each(['张三', '欧阳娜娜', '阿依古丽·买买提', '买买提·艾力·阿不都'])('accepts %s', (name) => {
    expect(isValidCertName(name)).toBe(true);
  });
  it.each([
    ['Latin letters', 'Zhang San'],
    ['mixed', '张San'],
    ['one character', '张'],
    ['space', '张 三'],
    ['digit', '张三1'],
    ['leading dot', '·张三'],
    ['double dot', '阿依古丽··买买提'],
    ['trailing dot', '张三·'],
    ['markup', '<b>张三</b>'],
    ['too long', '张'.repeat(31)],
    ['empty', ''],
  ])('rejects %s', (_label, name) => {
    expect(isValidCertName(name)).toBe(false);
  });
});
