import multipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DomainError } from '../core/errors/domain-error';
import { IMPORT_MAX_BYTES } from './programme-import.service';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The only routes that take a workbook: the API (raw .xlsx body) and the page (a file field). */
export const IMPORT_ROUTES = ['/api/programmes/import', '/programmes/import'];

/**
 * Workbook uploads: the body limit stays 256 KiB everywhere except the import routes, which
 * take up to IMPORT_MAX_BYTES; multipart bodies are refused anywhere else before being read.
 * Called from createApp, before the routes are registered.
 */
export async function registerWorkbookUploads(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route) => {
    if (IMPORT_ROUTES.includes(route.url) && [route.method].flat().includes('POST')) {
      route.bodyLimit = IMPORT_MAX_BYTES + 64 * 1024;
    }
  });
  fastify.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 4, fieldSize: 4096, parts: 5 },
  });
  fastify.addHook('onRequest', async (request) => {
    if (request.isMultipart() && !IMPORT_ROUTES.includes(request.routeOptions.url ?? '')) {
      throw new DomainError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Unsupported media type',
        'This address takes no file uploads',
      );
    }
  });
}
