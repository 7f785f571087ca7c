import { describe, expect, it } from 'vitest';
import { REDIRECT_CASES } from '../test/redirect-cases.js';
import { isAllowedCertifyUrl } from './redirect.js';

describe('isAllowedCertifyUrl with Chromium’s URL parser', () => {
  it.each(REDIRECT_CASES)('%j with %j → %s', (url, hosts, allowed) => {
    expect(isAllowedCertifyUrl(url, hosts)).toBe(allowed);
  });
});
