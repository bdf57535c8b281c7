import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// A value kept by the browser that it can neither read nor change: AES-256-GCM under a key
// derived from a secret the service keeps. Any change to the cookie fails authentication and
// the value is treated as absent.

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A 256-bit key for one purpose, derived from a secret (different purposes get unrelated keys). */
export function cookieKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'consultation-gates', purpose, 32));
}

export function seal(value: unknown, key: Buffer, expiresAt: Date): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const plain = Buffer.from(JSON.stringify({ v: value, exp: expiresAt.getTime() }), 'utf8');
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The sealed value, or null when the cookie was altered, sealed under another key, or has expired. */
export function unseal(sealed: string, key: Buffer, now: Date): unknown {
  try {
    const bytes = Buffer.from(sealed, 'base64url');
    if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    const { v, exp } = JSON.parse(plain.toString('utf8')) as { v: unknown; exp: number };
    return typeof exp === 'number' && exp > now.getTime() ? v : null;
  } catch {
    return null;
  }
}
