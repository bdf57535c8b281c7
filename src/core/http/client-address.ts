import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';

/** IPv6 clients are counted by their /64 network: one machine commonly holds a whole /64. */
export const IPV6_PREFIX = 64;

/**
 * The address a request is counted against by every limit (rate limits, bearer back-off, sign-in
 * lock-outs): the connection's, or with `trustProxy` the client address the proxy reports in
 * X-Forwarded-For (Fastify's `request.ip`), as IPv4, or as the start of its IPv6 /64.
 */
export function clientAddress(request: Pick<FastifyRequest, 'ip'>): string {
  return normalizeIP(request.ip ?? 'unknown', IPV6_PREFIX);
}
