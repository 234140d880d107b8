import { CSRF_TOKEN_LIFETIME_MS, makeCsrfToken, verifyCsrfToken } from '../../../lambdas/ui/csrf';

const SECRET = 'unit-test-secret-0123456789abcdef';
const SESSION = 'eyJhbGciOi.session-token.signature';
const NOW = Date.parse('2026-11-20T15:00:00Z');

describe('CSRF tokens', () => {
  it('verifies a token made for the same session and secret, before it expires', () => {
    const token = makeCsrfToken(SECRET, SESSION, NOW);

    expect(verifyCsrfToken(SECRET, SESSION, token, NOW)).toBe(true);
    expect(verifyCsrfToken(SECRET, SESSION, token, NOW + CSRF_TOKEN_LIFETIME_MS - 1)).toBe(true);
  });

  it('refuses a token made for another session', () => {
    const token = makeCsrfToken(SECRET, 'another-session', NOW);

    expect(verifyCsrfToken(SECRET, SESSION, token, NOW)).toBe(false);
  });

  it('refuses a token made with another secret', () => {
    expect(verifyCsrfToken(SECRET, SESSION, makeCsrfToken('other-secret', SESSION, NOW), NOW)).toBe(false);
  });

  it('refuses a tampered token: a changed signature or a later expiry', () => {
    const token = makeCsrfToken(SECRET, SESSION, NOW);
    const [expiry, signature] = token.split('.') as [string, string];
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    const later = (parseInt(expiry, 36) + 86_400_000).toString(36);

    expect(verifyCsrfToken(SECRET, SESSION, `${expiry}.${flipped}`, NOW)).toBe(false);
    expect(verifyCsrfToken(SECRET, SESSION, `${later}.${signature}`, NOW)).toBe(false);
  });

  it('refuses an expired token', () => {
    const token = makeCsrfToken(SECRET, SESSION, NOW, 60_000);

    expect(verifyCsrfToken(SECRET, SESSION, token, NOW + 60_000)).toBe(false);
  });

  it('refuses missing, empty and malformed tokens, and an empty session', () => {
    const token = makeCsrfToken(SECRET, SESSION, NOW);

    for (const bad of [undefined, '', 'abc', `${token}x`, `.${token}`, 'zz.zz', 'x'.repeat(500)]) {
      expect(verifyCsrfToken(SECRET, SESSION, bad, NOW)).toBe(false);
    }
    expect(verifyCsrfToken(SECRET, '', token, NOW)).toBe(false);
    expect(verifyCsrfToken('', SESSION, token, NOW)).toBe(false);
  });

  it('will not make a token without a secret', () => {
    expect(() => makeCsrfToken('', SESSION, NOW)).toThrow(/secret/);
  });
});
