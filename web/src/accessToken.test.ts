import { beforeEach, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_KEY, expiresWithin, forgetAccessToken, keepAccessToken, keptAccessToken, tokenSubject } from './accessToken';
import { jwt } from './test/jwt';

describe('accessToken', () => {
  beforeEach(() => sessionStorage.clear());

  it('reads the subject for the page header and the stream check', () => {
    expect(tokenSubject(jwt({ sub: 'alice' }))).toBe('alice');
    expect(tokenSubject('not-a-jwt')).toBeUndefined();
  });

  it('tells whether a token expires within some seconds', () => {
    const now = Math.floor(Date.now() / 1000);
    expect(expiresWithin(jwt({ exp: now + 20 }), 30)).toBe(true);
    expect(expiresWithin(jwt({ exp: now + 60 }), 30)).toBe(false);
    expect(expiresWithin(jwt({}), 30)).toBe(false);
  });

  it('keeps the token in sessionStorage for this tab, and forgets it', () => {
    keepAccessToken('t');
    expect(sessionStorage.getItem(ACCESS_TOKEN_KEY)).toBe('t');
    expect(keptAccessToken()).toBe('t');
    forgetAccessToken();
    expect(keptAccessToken()).toBeNull();
  });
});
