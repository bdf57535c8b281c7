import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, FieldError, TooManyRequests } from './domain-error';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed for your role',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request too large',
  414: 'Address too long',
  415: 'Unsupported media type',
  422: 'Invalid request',
  429: 'Too many requests',
  503: 'Service unavailable',
};

/** Turns any error into an RFC 9457 problem document; unknown errors say nothing of internals. */
export function toProblem(error: unknown, requestId?: string, instance?: string): Problem {
  if (error instanceof DomainError) {
    return {
      type: `/problems/${error.code.toLowerCase().replace(/_/g, '-')}`,
      title: error.title,
      status: error.status,
      detail: error.detail,
      code: error.code,
      ...(error.errors ? { errors: error.errors } : {}),
      instance,
      requestId,
    };
  }
  const status = httpStatusOf(error);
  // A 5xx HttpException is one our code chose to throw (503 from the health check) and says
  // what it means; any other 5xx is unexpected and gets the opaque answer below.
  if (status && (status < 500 || error instanceof HttpException)) {
    const message = error instanceof HttpException ? messageOf(error) : (error as Error).message;
    return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail: message, instance, requestId };
  }
  return {
    type: 'about:blank',
    title: 'Internal server error',
    status: 500,
    detail: `Something went wrong on our side. Quote request id ${requestId ?? 'unknown'} when reporting it.`,
    instance,
    requestId,
  };
}

function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const candidate = (error as { statusCode?: unknown })?.statusCode;
  return typeof candidate === 'number' && candidate >= 400 && candidate < 600 ? candidate : undefined;
}

function messageOf(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(error, request.id, request.url?.split('?')[0]);
    if (problem.status >= 500) {
      this.logger.error(
        { msg: 'unhandled error', requestId: request.id, error: (error as Error)?.stack ?? String(error) },
        undefined,
      );
    }
    if (error instanceof TooManyRequests) void reply.header('retry-after', String(error.retryAfterSeconds));
    void reply.status(problem.status).header('content-type', PROBLEM_JSON).send(problem);
  }
}
