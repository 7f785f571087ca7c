import { describe, expect, it } from 'vitest';
import { createTicketSigner } from './ticket.js';

describe('createTicketSigner', () => {
  const secret = 'a-merchant-secret-of-enough-length-0123';

  it('round-trips its claims, with an owner digest instead of the owner', () => {
    const signer = createTicketSigner(secret, 3_600_000, () => 1_700_000_000_000);
    const ticket = signer.issue({ certifyId: 'c1', flow: 'alipay', owner: 'user-42' });
    expect(ticket).toMatch(/^v1\.[\w-]+\.[\w-]{43}$/);
    expect(Buffer.from(ticket.split('.')[1] ?? '', 'base64url').toString()).not.toContain(
      'user-42',
    );
    expect(signer.verify(ticket)).toEqual({
      ok: true,
      claims: {
        certifyId: 'c1',
        flow: 'alipay',
        ownerDigest: signer.ownerDigest('user-42'),
        issuedAt: 1_700_000_000,
        expiresAt: 1_700_003_600,
      },
    });
    expect(signer.ownerDigest('user-42')).not.toBe(signer.ownerDigest('user-43'));
  });

  it('tells malformed, forged and expired tickets apart (for the log)', () => {
    let now = 1_700_000_000_000;
    const signer = createTicketSigner(secret, 60_000, () => now);
    const other = createTicketSigner(`${secret}x`, 60_000, () => now);
    const ticket = signer.issue({ certifyId: 'c1', flow: 'web', owner: undefined });
    expect(signer.verify(other.issue({ certifyId: 'c1', flow: 'web', owner: undefined }))).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    for (const bad of ['', 'v1', 'v1.a', 'v1.a.b.c', 'v2.a.b', 'v1.a+b.c', 'v1..']) {
      expect(signer.verify(bad), bad).toEqual({ ok: false, reason: 'malformed' });
    }
    now += 60_000;
    expect(signer.verify(ticket)).toEqual({ ok: false, reason: 'expired' });
  });
});
