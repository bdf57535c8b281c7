import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from '../core/errors/problem.filter';
import { renderPage, safeNext } from './page';

/**
 * Errors on page routes become pages, not problem+json: not signed in sends the browser to
 * the sign-in form and back; anything else shows an error page with the problem's words.
 * Page controllers opt in with @UseFilters(PageExceptionFilter).
 */
@Catch()
export class PageExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(PageExceptionFilter.name);

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = toProblem(error, request.id, request.url?.split('?')[0]);
    if (problem.status === 401 && request.method === 'GET') {
      const next = safeNext(request.url);
      await reply.redirect(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`, 303);
      return;
    }
    if (problem.status >= 500) {
      this.logger.error({
        msg: 'unhandled error',
        requestId: request.id,
        error: (error as Error)?.stack ?? String(error),
      });
    }
    try {
      await renderPage(reply, 'error.njk', { problem }, problem.status);
    } catch (renderError) {
      this.logger.error({ msg: 'error page failed', requestId: request.id, error: String(renderError) });
      await reply
        .status(problem.status)
        .type('text/plain; charset=utf-8')
        .send(`${problem.title}\n\n${problem.detail}\n`);
    }
  }
}
