/** An unsigned JWT-shaped token with the given claims (the page only reads them; the server verifies). */
export function jwt(claims: Record<string, unknown>): string {
  const part = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'RS256' })}.${part(claims)}.sig`;
}

export const inOneHour = () => Math.floor(Date.now() / 1000) + 3600;
