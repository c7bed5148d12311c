/** The tab's access token: kept in sessionStorage (this tab only, gone when it closes), its claims read without verifying (the services verify). */
export const ACCESS_TOKEN_KEY = 'notifications.accessToken';

export function keptAccessToken(): string | null {
  return sessionStorage.getItem(ACCESS_TOKEN_KEY);
}

export function keepAccessToken(token: string): void {
  sessionStorage.setItem(ACCESS_TOKEN_KEY, token);
}

export function forgetAccessToken(): void {
  sessionStorage.removeItem(ACCESS_TOKEN_KEY);
}

/** The token's `sub` claim. */
export function tokenSubject(token: string): string | undefined {
  const sub = tokenClaims(token)?.sub;
  return typeof sub === 'string' ? sub : undefined;
}

/** True if the token has an `exp` and at most `seconds` are left until it. */
export function expiresWithin(token: string, seconds: number): boolean {
  const exp = tokenClaims(token)?.exp;
  return typeof exp === 'number' && exp - seconds <= Date.now() / 1000;
}

/** The payload of a JWT, or null if the text is not one. */
export function tokenClaims(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
