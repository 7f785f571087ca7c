import { describe, expect, it } from 'vitest';
import { TEST_IDENTITIES, isValidCertName, isValidCertNo } from './identity.js';

const TODAY = Date.UTC(2025, 0, 1);

describe('TEST_IDENTITIES', () => {
  it('are all valid identities, so only their documented Code decides what Init answers', () => {
    for (const t of TEST_IDENTITIES) {
      expect(isValidCertNo(t.certNo, TODAY), t.certNo).toBe(true);
      expect(isValidCertName(t.certName), t.certName).toBe(true);
    }
  });
});
