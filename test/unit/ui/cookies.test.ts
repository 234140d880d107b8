import { parseCookies, serializeCookie } from '../../../lambdas/ui/cookies';

describe('parseCookies', () => {
  it('reads name=value pairs, trimming spaces and decoding values', () => {
    expect(parseCookies('a=1; b=two%20words;c="quoted"')).toEqual({ a: '1', b: 'two words', c: 'quoted' });
  });

  it('keeps the first of a repeated name (the most specific path comes first)', () => {
    expect(parseCookies('session=new; session=old')).toEqual({ session: 'new' });
  });

  it('skips malformed pairs and undecodable values', () => {
    expect(parseCookies('novalue; =x; ok=1; bad=%E0%A4%A')).toEqual({ ok: '1' });
  });

  it('answers an empty object for no header', () => {
    expect(parseCookies(undefined)).toEqual({});
    expect(parseCookies('')).toEqual({});
  });

  it('keeps "=" inside a value (a JWT never has one, base64 padding may)', () => {
    expect(parseCookies('t=abc==')).toEqual({ t: 'abc==' });
  });

  it('does not let a cookie named like an Object property confuse the result', () => {
    expect(parseCookies('__proto__=x; constructor=y').constructor).toBe('y');
  });
});

describe('serializeCookie', () => {
  it('is HttpOnly, SameSite=Lax and on the whole site by default', () => {
    expect(serializeCookie('s', 'v')).toBe('s=v; Path=/; HttpOnly; SameSite=Lax');
  });

  it('adds Max-Age and Secure when asked; Max-Age 0 also expires it', () => {
    expect(serializeCookie('__Host-s', 'a b', { maxAge: 3600, secure: true })).toBe(
      '__Host-s=a%20b; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Lax',
    );
    expect(serializeCookie('s', '', { maxAge: 0 })).toContain('Max-Age=0; Expires=Thu, 01 Jan 1970');
  });

  it('encodes values so they cannot add attributes', () => {
    expect(serializeCookie('s', 'x; Domain=evil.example')).toBe(
      's=x%3B%20Domain%3Devil.example; Path=/; HttpOnly; SameSite=Lax',
    );
  });

  it('refuses a name that is not a cookie token', () => {
    expect(() => serializeCookie('bad name', 'v')).toThrow(/Invalid cookie name/);
  });

  it('round-trips through parseCookies', () => {
    const header = serializeCookie('s', 'é; =,').split(';')[0]!;

    expect(parseCookies(header)).toEqual({ s: 'é; =,' });
  });
});
