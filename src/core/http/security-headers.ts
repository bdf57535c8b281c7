import type { FastifyInstance } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';

/** Helmet's settings for this service: the content security policy allows our own files only. */
export const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      // Served over plain HTTP on a laptop too: do not force https for assets.
      upgradeInsecureRequests: null,
    },
  },
};

/**
 * The headers helmet sets for these options. They do not depend on the request, so they are
 * worked out once here; @fastify/helmet builds helmet's middleware again on every request
 * (parsing the content security policy each time), which cost about 7% of a status read.
 */
export function securityHeaders(options: HelmetOptions = HELMET_OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  helmet(options)({} as never, response as never, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/** Sets helmet's headers on every answer, errors and not-found included. */
export function registerSecurityHeaders(fastify: FastifyInstance, options: HelmetOptions = HELMET_OPTIONS): void {
  const headers = securityHeaders(options);
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}
