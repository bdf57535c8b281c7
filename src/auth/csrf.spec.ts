import type { FastifyRequest } from 'fastify';
import { checkCsrf, isCrossSite, isStateChanging } from './csrf';

const request = (parts: { headers?: Record<string, string>; body?: unknown }) =>
  ({
    headers: parts.headers ?? {},
    body: parts.body,
    protocol: 'https',
    host: 'gates.example.nhs.uk',
  }) as unknown as FastifyRequest;

describe('checkCsrf', () => {
  const token = 'k7Jx2YcT0fQe9pWbq3LmZ8sVnR4aUdHg1oEiC6yXw5A';

  it('accepts the token from the form field and takes the field out of the body', () => {
    const body: Record<string, unknown> = { _csrf: token, completedOn: '2015-09-04' };
    expect(checkCsrf(request({ body }), token)).toBe(true);
    expect(body).toEqual({ completedOn: '2015-09-04' });
  });

  it('accepts the token from the X-CSRF-Token header', () => {
    expect(checkCsrf(request({ headers: { 'x-csrf-token': token }, body: {} }), token)).toBe(true);
  });

  it('refuses a missing, different or truncated token', () => {
    expect(checkCsrf(request({ body: {} }), token)).toBe(false);
    expect(checkCsrf(request({ body: { _csrf: token.replace(/^./, 'x') } }), token)).toBe(false);
    expect(checkCsrf(request({ body: { _csrf: token.slice(1) } }), token)).toBe(false);
    expect(checkCsrf(request({ body: { _csrf: [token] } }), token)).toBe(false);
  });
});

describe('isCrossSite', () => {
  const publicUrl = 'https://gates.example.nhs.uk';

  it('lets through this site and scripts that send no origin', () => {
    expect(isCrossSite(request({ headers: { origin: 'https://gates.example.nhs.uk' } }), publicUrl)).toBe(false);
    expect(isCrossSite(request({ headers: { 'sec-fetch-site': 'same-origin' } }), publicUrl)).toBe(false);
    // Chromium's form post from this site under Referrer-Policy: no-referrer.
    expect(isCrossSite(request({ headers: { origin: 'null', 'sec-fetch-site': 'same-origin' } }), publicUrl)).toBe(
      false,
    );
    expect(isCrossSite(request({}), publicUrl)).toBe(false);
  });

  it('refuses other origins, opaque origins and cross-site fetches', () => {
    expect(isCrossSite(request({ headers: { origin: 'https://evil.example' } }), publicUrl)).toBe(true);
    expect(isCrossSite(request({ headers: { origin: 'null' } }), publicUrl)).toBe(true);
    expect(isCrossSite(request({ headers: { 'sec-fetch-site': 'cross-site' } }), publicUrl)).toBe(true);
    expect(isCrossSite(request({ headers: { 'sec-fetch-site': 'same-site' } }), publicUrl)).toBe(true);
  });
});

describe('isStateChanging', () => {
  it('treats everything but GET, HEAD and OPTIONS as a change', () => {
    expect(['GET', 'head', 'OPTIONS'].map(isStateChanging)).toEqual([false, false, false]);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map(isStateChanging)).toEqual([true, true, true, true]);
  });
});
