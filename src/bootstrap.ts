import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';
import { AppConfig } from './core/config/app-config';
import { registerSecurityHeaders } from './core/http/security-headers';
import { serveApiDocs } from './core/openapi/api-docs';
import { registerWebPlugins } from './web/web-plugins';
import { PROBLEM_JSON, toProblem } from './core/errors/problem.filter';
import { Metrics } from './metrics/metrics';
import { registerWorkbookUploads } from './spreadsheets/workbook-uploads';
import { registerRateLimits } from './core/http/rate-limits';

const LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  silent: [],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Builds the application (used by main, the CLI and the tests) without listening. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 256 * 1024,
    // The router refuses a malformed URL (400) or an over-long path parameter (414) before any hook,
    // pipe or filter runs; answer those as problem+json too, like every other refusal.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      const problem = toProblem(error, request.id, request.url?.split('?')[0]);
      void reply.status(problem.status).header('content-type', PROBLEM_JSON).send(problem);
    },
    // Only behind a proxy that sets X-Forwarded-For/-Proto; otherwise a client could choose its own address.
    trustProxy: config.trustProxy,
    // Request ids: the caller's X-Request-Id when it is sane, otherwise a fresh one.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            // Pino's levels match ours: under warn or error the per-request lines (info) are not written.
            level: config.logLevel,
            // Only the request line: never headers (tokens, cookies) and never bodies.
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url.split('?')[0],
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new ConsoleLogger({ json: true, logLevels: LEVELS[config.logLevel] }),
    bufferLogs: false,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Before any route is registered: each route is measured from the start.
  app.get(Metrics).instrument(fastify);
  // Also before the routes: the rate limit hooks each route as it is added (decision 031).
  await registerRateLimits(app, config);
  // Once shutting down, answers close their connection: a client's idle keep-alive socket
  // would otherwise hold the process open until the client gives up on it.
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
    fastify.log.info('closing: no new connections; finishing the requests in flight');
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-request-id', request.id);
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  registerSecurityHeaders(fastify);
  await registerWebPlugins(app);
  await registerWorkbookUploads(app);
  // Built on the first request to /api/docs, not at start-up (src/core/openapi/api-docs.ts).
  serveApiDocs(app);
  // On SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the database,
  // then exit 0 (a clean stop, not death by signal, for process managers and containers).
  app.enableShutdownHooks([], { useProcessExit: true });
  return app;
}

export { openApiConfig } from './core/openapi/api-docs';
