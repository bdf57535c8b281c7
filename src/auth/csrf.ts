import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Checks the synchroniser token a form (hidden `_csrf` field) or a script (`X-CSRF-Token`
 * header) sent against the session's, and takes the field out of the body so that strict
 * body schemas never see it.
 */
export function checkCsrf(request: FastifyRequest, expected: string): boolean {
  const body = request.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  if (fromBody !== undefined) delete body![CSRF_FIELD];
  const header = request.headers[CSRF_HEADER];
  const given = typeof fromBody === 'string' ? fromBody : typeof header === 'string' ? header : '';
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * For forms posted before there is a session (sign-in): refuse a browser that says the
 * form came from another site. Scripts that send no Origin or Sec-Fetch-Site are let
 * through; they cannot be made to act by a third-party page.
 */
export function isCrossSite(request: FastifyRequest, publicUrl: string): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return true;
  // Browsers set Sec-Fetch-Site themselves and no page can forge it. It has to come first:
  // under our Referrer-Policy (no-referrer) Chromium sends `Origin: null` for a form posted
  // from this very site.
  if (fetchSite === 'same-origin') return false;
  const origin = request.headers.origin;
  if (!origin) return false;
  if (origin === 'null') return true;
  const own = new Set([new URL(publicUrl).origin, `${request.protocol}://${request.host}`]);
  return !own.has(origin);
}
