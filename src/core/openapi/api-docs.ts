import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type * as SwaggerPackage from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// @nestjs/swagger costs about as much to load as NestJS itself, and the OpenAPI document
// is wanted only by a person opening /api/docs or by `npm run openapi`. So nothing loads it
// at start-up: controllers use the decorators below, which record what they were asked to
// do, and the first call to swagger() loads the package and applies every recorded
// decorator, in order, to the same targets. The document is then exactly what the real
// decorators would have produced (the openapi.json drift test checks it).
// Import the decorators from here, never from '@nestjs/swagger' (a lint rule says so).

type Swagger = typeof SwaggerPackage;
export type AnyDecorator = (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => unknown;

const recorded: Array<(swagger: Swagger) => void> = [];
let loaded: Swagger | undefined;

/** @nestjs/swagger, loaded on first use, with every decorator recorded until then applied. */
export function swagger(): Swagger {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at start-up
    const module = require('@nestjs/swagger') as Swagger;
    for (const apply of recorded.splice(0)) apply(module);
    loaded = module;
  }
  return loaded;
}

/** Records a decorator that the real package applies when it loads (at once if it has). */
export function deferredDecorator(make: (swagger: Swagger) => AnyDecorator): ClassDecorator & MethodDecorator {
  return ((target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const apply = (module: Swagger) => void make(module)(target, key, descriptor);
    if (loaded) apply(loaded);
    else recorded.push(apply);
  }) as ClassDecorator & MethodDecorator;
}

type DecoratorName =
  | 'ApiTags'
  | 'ApiBearerAuth'
  | 'ApiExcludeController'
  | 'ApiOkResponse'
  | 'ApiServiceUnavailableResponse'
  | 'ApiQuery'
  | 'ApiBody'
  | 'ApiConsumes'
  | 'ApiProduces';

function deferred<K extends DecoratorName>(name: K) {
  return (...args: Parameters<Swagger[K]>) =>
    deferredDecorator((module) => (module[name] as (...a: unknown[]) => AnyDecorator)(...args));
}

export const ApiTags = deferred('ApiTags');
export const ApiBearerAuth = deferred('ApiBearerAuth');
export const ApiExcludeController = deferred('ApiExcludeController');
export const ApiOkResponse = deferred('ApiOkResponse');
export const ApiServiceUnavailableResponse = deferred('ApiServiceUnavailableResponse');
export const ApiQuery = deferred('ApiQuery');
export const ApiBody = deferred('ApiBody');
export const ApiConsumes = deferred('ApiConsumes');
export const ApiProduces = deferred('ApiProduces');

export function openApiConfig() {
  return new (swagger().DocumentBuilder)()
    .setTitle('Consultation Gates')
    .setDescription('Tracks NHS service-change programmes through their gates to public consultation.')
    .setVersion('1')
    .addBearerAuth()
    .build();
}

/** The OpenAPI document of the application's controllers. */
export function openApiDocument(app: INestApplication) {
  return swagger().SwaggerModule.createDocument(app, openApiConfig());
}

const DOCS_PATH = 'api/docs';
const DOCS_OPTIONS = { jsonDocumentUrl: 'api/docs/openapi.json' };
// Headers of the docs server's answer that belong to its own connection, not to ours.
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length']);
const FORWARDED_REQUEST_HEADERS = ['accept', 'accept-encoding', 'if-none-match', 'if-modified-since', 'range'];

/**
 * Serves /api/docs (Swagger UI, its assets, /api/docs/openapi.json and /api/docs-yaml) as
 * SwaggerModule.setup does, but builds it on the first request: the routes registered at
 * start-up hand each request to an in-process Fastify instance set up by SwaggerModule then.
 */
export function serveApiDocs(app: NestFastifyApplication): void {
  let docs: Promise<FastifyInstance> | undefined;
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    docs ??= docsServer(app).catch((error: unknown) => {
      docs = undefined;
      throw error;
    });
    const server = await docs;
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const answer = await server.inject({ method: request.method as 'GET' | 'HEAD', url: request.url, headers });
    // Not found is the application's answer (problem+json), as for any other path.
    if (answer.statusCode === 404) return reply.callNotFound();
    void reply.code(answer.statusCode);
    for (const [name, value] of Object.entries(answer.headers)) {
      // A HEAD answer has no body to measure: keep the length the docs server gave.
      const keep = !CONNECTION_HEADERS.has(name) || (name === 'content-length' && request.method === 'HEAD');
      if (value !== undefined && keep) void reply.header(name, value);
    }
    return reply.send(answer.rawPayload);
  };
  const fastify = app.getHttpAdapter().getInstance();
  for (const url of [`/${DOCS_PATH}`, `/${DOCS_PATH}/*`, `/${DOCS_PATH}-yaml`]) fastify.get(url, handler);
}

async function docsServer(app: NestFastifyApplication): Promise<FastifyInstance> {
  const { SwaggerModule } = swagger();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- already loaded by the application
  const { FastifyAdapter } = require('@nestjs/platform-fastify') as typeof import('@nestjs/platform-fastify');
  const adapter = new FastifyAdapter();
  // SwaggerModule.setup only asks the application for its HTTP adapter and global prefix (none).
  const host = { getHttpAdapter: () => adapter } as unknown as INestApplication;
  SwaggerModule.setup(DOCS_PATH, host, openApiDocument(app), DOCS_OPTIONS);
  const instance = adapter.getInstance() as unknown as FastifyInstance;
  await instance.ready();
  return instance;
}
