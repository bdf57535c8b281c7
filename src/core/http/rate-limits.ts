import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { CounterStore } from '../counters/counter-store';
import { TooManyRequests } from '../errors/domain-error';
import { clientAddress } from './client-address';

/** Not counted: probes from load balancers and orchestrators, the metrics scraper, static files. */
const EXEMPT = /^\/(api\/health(\/|$)|metrics$|assets\/)/;

/** Signing in and managing API tokens: counted apart, against the stricter `rateLimit.signInMax`. */
export const SIGN_IN_ROUTES: ReadonlySet<string> = new Set([
  'POST /login',
  'GET /login/oidc',
  'GET /login/oidc/callback',
  'GET /api/admin/tokens',
  'POST /api/admin/tokens',
  'DELETE /api/admin/tokens/:tokenId',
]);

type Group = 'exempt' | 'sign-in' | 'api';

/** Which count a request goes to, by its route (the pattern, never the raw path). */
export function rateLimitGroup(method: string, routeUrl: string | undefined): Group {
  const url = routeUrl ?? '';
  if (EXEMPT.test(url)) return 'exempt';
  return SIGN_IN_ROUTES.has(`${method} ${url}`) ? 'sign-in' : 'api';
}

export class TooManyRequestsFromAddress extends TooManyRequests {
  constructor(retryAfterSeconds: number, max: number) {
    super(
      'TOO_MANY_REQUESTS',
      'Too many requests',
      `More than ${max} requests came from your address in the current window. Try again in ${Math.max(1, Math.ceil(retryAfterSeconds))} second(s).`,
      retryAfterSeconds,
    );
  }
}

/**
 * The request rate limit per client address ([decision 031](../../../docs/decisions/031-shared-counters-and-api-rate-limits.md)),
 * with `@fastify/rate-limit` counting in the CounterStore: shared by every instance on PostgreSQL, in the
 * process on SQLite. Checked in `onRequest`, before the body is read or any guard runs, so a refused
 * request does nothing. Answers carry `X-RateLimit-Limit`, `-Remaining` and `-Reset`; a refusal is a
 * problem+json 429 with `Retry-After`. Registered before the routes, which it hooks as they are added.
 */
export async function registerRateLimits(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  if (!config.rateLimit.enabled) return;
  const counters = app.get(CounterStore);
  const { max, signInMax, windowSeconds } = config.rateLimit;
  const groupOf = (request: FastifyRequest) => rateLimitGroup(request.method, request.routeOptions?.url);

  class Store {
    incr(
      key: string,
      done: (error: Error | null, result?: { current: number; ttl: number }) => void,
      windowMs: number,
    ) {
      counters.hit(`rate:${key}`, windowMs).then(
        ({ count, resetAt }) => done(null, { current: count, ttl: Math.max(0, resetAt - counters.now()) }),
        (error: Error) => done(error),
      );
    }
    child() {
      return this;
    }
  }

  await app.register(rateLimit, {
    global: true,
    store: Store,
    timeWindow: windowSeconds * 1000,
    keyGenerator: (request) => `${groupOf(request)}:${clientAddress(request)}`,
    max: (request) => (groupOf(request) === 'sign-in' ? signInMax : max),
    allowList: (request) => groupOf(request) === 'exempt',
    errorResponseBuilder: (_request, context) => new TooManyRequestsFromAddress(context.ttl / 1000, context.max),
  });
}
