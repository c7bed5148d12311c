import { describe, expect, it } from 'vitest';
import { pkceChallenge, randomUrlSafe } from './pkce';

describe('pkce', () => {
  // Computed outside the code: printf %s "$VERIFIER" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '='
  it.each([
    ['dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'], // RFC 7636, appendix B
    ['BtDHhDUhPLMSc4ilGb4d9HEqpX3EulMOrdfSVKJG3yE', 'TDTWL7rY2xN0-YB-x5a-uyI7IE1oYQay8piMLgjg3tU'],
  ])('the S256 challenge of %s is the base64url SHA-256 of it', async (verifier, challenge) => {
    expect(await pkceChallenge(verifier)).toBe(challenge);
  });

  it('makes random verifiers of 43 URL-safe characters (32 bytes), different each time', () => {
    const a = randomUrlSafe(32);
    const b = randomUrlSafe(32);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(b).not.toBe(a);
  });
});
