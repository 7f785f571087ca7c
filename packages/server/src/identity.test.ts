import { describe, expect, it } from 'vitest';
import { isCertName, isCertNo } from './identity.js';

const NOW = Date.UTC(2025, 0, 1);

describe('isCertNo', () => {
  it.each(['110101199003071233', '33010619880101555X', '33010619880101555x', '11010519700101002X'])(
    'accepts %s',
    (v) => {
      expect(isCertNo(v, NOW)).toBe(true);
    },
  );
  it.each([
    '110101199003071234', // check digit
    '1101011990030712', // length
    '990101199003071233', // province
    '110101199002301231', // 30 February
    '110101203001011231', // future
    '11010119900307123Y',
    ' 110101199003071233',
  ])('rejects %s', (v) => {
    expect(isCertNo(v, NOW)).toBe(false);
  });
});

describe('isCertName', () => {
  it.each(['张三', '阿依古丽·买买提'])('accepts %s', (v) => expect(isCertName(v)).toBe(true));
  it.each(['张', 'Zhang', '张 三', '·张三', '张三·', '张··三', '张三1', ''])('rejects %j', (v) =>
    expect(isCertName(v)).toBe(false),
  );
});
