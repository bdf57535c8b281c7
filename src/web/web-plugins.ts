import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { NHSUK_DIST_DIR, PUBLIC_DIR, VIEWS_DIR } from './web-paths';

// Browser files under /assets: nhsuk-frontend's compiled CSS, JS and images, and our own.
const ASSET = /\.(css|js|map|ico|svg|png|webmanifest|json)$/;

/** Cookies, templates and static files for the pages. Called from createApp. */
export async function registerWebPlugins(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyCookie);
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [VIEWS_DIR, NHSUK_DIST_DIR],
    options: { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
    defaultContext: { serviceName: 'Consultation Gates', assetPath: '/assets' },
  });
  await app.register(fastifyStatic, {
    root: [join(NHSUK_DIST_DIR, 'nhsuk', 'assets'), join(NHSUK_DIST_DIR, 'nhsuk'), PUBLIC_DIR],
    prefix: '/assets/',
    // The nhsuk dist folder also holds sources and templates; serve only what a browser needs.
    allowedPath: (path) => ASSET.test(path) && !path.includes('..'),
    index: false,
    list: false,
    maxAge: '1h',
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (_request, reply) => {
    // Pages show programme data to signed-in people: never keep them in shared caches.
    if (/^text\/html/.test(String(reply.getHeader('content-type') ?? ''))) {
      void reply.header('cache-control', 'no-store');
    }
  });
}
