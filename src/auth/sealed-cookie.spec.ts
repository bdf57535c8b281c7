import { cookieKey, seal, unseal } from './sealed-cookie';

describe('sealed cookies', () => {
  const key = cookieKey('the-client-secret', 'oidc-state');
  const now = new Date('2015-10-27T09:00:00Z');
  const inTenMinutes = new Date('2015-10-27T09:10:00Z');
  const value = { state: 's-123', nonce: 'n-456', codeVerifier: 'verifier-789', next: '/' };

  it('gives back what was sealed, until it expires', () => {
    const sealed = seal(value, key, inTenMinutes);
    expect(unseal(sealed, key, now)).toEqual(value);
    expect(unseal(sealed, key, new Date('2015-10-27T09:10:00Z'))).toBeNull();
  });

  it('cannot be read by the browser', () => {
    const sealed = seal(value, key, inTenMinutes);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toMatch(/verifier-789|s-123/);
  });

  it('refuses any change, another key, another purpose, and a plain unsealed value', () => {
    const sealed = seal(value, key, inTenMinutes);
    for (let i = 0; i < sealed.length; i += 7) {
      const flipped = sealed.slice(0, i) + (sealed[i] === 'A' ? 'B' : 'A') + sealed.slice(i + 1);
      expect(unseal(flipped, key, now)).toBeNull();
    }
    expect(unseal(sealed, cookieKey('another-secret', 'oidc-state'), now)).toBeNull();
    expect(unseal(sealed, cookieKey('the-client-secret', 'something-else'), now)).toBeNull();
    expect(unseal(Buffer.from(JSON.stringify(value)).toString('base64url'), key, now)).toBeNull();
    expect(unseal('', key, now)).toBeNull();
  });
});
