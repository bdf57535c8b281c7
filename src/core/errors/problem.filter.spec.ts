import {
  ArgumentsHost,
  BadRequestException,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { Forbidden, NotFound, Unauthorized, ValidationFailed, WorkflowConflict } from './domain-error';
import { ProblemFilter, toProblem } from './problem.filter';

describe('toProblem', () => {
  it('renders a domain error with its status, code and a stable type', () => {
    expect(toProblem(new NotFound('Programme', 'p-1'), 'req-1', '/api/programmes/p-1')).toEqual({
      type: '/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: "Programme 'p-1' does not exist",
      code: 'NOT_FOUND',
      instance: '/api/programmes/p-1',
      requestId: 'req-1',
    });
  });

  it('keeps the field errors of a validation failure', () => {
    const problem = toProblem(new ValidationFailed([{ field: 'gates.pcbc-draft.targetDate', message: 'bad' }]));
    expect(problem).toMatchObject({
      status: 422,
      code: 'VALIDATION_FAILED',
      detail: 'gates.pcbc-draft.targetDate: bad',
      errors: [{ field: 'gates.pcbc-draft.targetDate', message: 'bad' }],
    });
  });

  it.each([
    [new Unauthorized(), 401, '/problems/unauthorized'],
    [new Forbidden('viewers cannot'), 403, '/problems/forbidden'],
    [new WorkflowConflict('GATE_NOT_OPEN', 'partner-approvals is not open yet'), 409, '/problems/gate-not-open'],
  ])('maps %p to %i', (error, status, type) => {
    expect(toProblem(error)).toMatchObject({ status, type });
  });

  it("renders Nest's own HTTP exceptions under 500 with their message", () => {
    expect(toProblem(new NotFoundException('Cannot GET /nowhere'))).toMatchObject({
      type: 'about:blank',
      title: 'Not found',
      status: 404,
      detail: 'Cannot GET /nowhere',
    });
    expect(toProblem(new BadRequestException(['a is wrong', 'b is wrong']))).toMatchObject({
      status: 400,
      detail: 'a is wrong; b is wrong',
    });
    expect(toProblem(new PayloadTooLargeException())).toMatchObject({ status: 413, title: 'Request too large' });
  });

  it('renders a Fastify error (statusCode on a plain Error) with its status', () => {
    const error = Object.assign(new Error('Unsupported Media Type: text/csv'), { statusCode: 415 });
    expect(toProblem(error)).toMatchObject({ status: 415, title: 'Unsupported media type' });
  });

  it('turns an unknown error into a 500 that says nothing of internals', () => {
    const error = new Error('SQLITE_CONSTRAINT: FOREIGN KEY constraint failed at /srv/app/src/secret.ts:12');
    const problem = toProblem(error, 'req-42');
    expect(problem).toEqual({
      type: 'about:blank',
      title: 'Internal server error',
      status: 500,
      detail: 'Something went wrong on our side. Quote request id req-42 when reporting it.',
      instance: undefined,
      requestId: 'req-42',
    });
    expect(JSON.stringify(problem)).not.toMatch(/SQLITE|secret|\.ts/);
  });

  it('keeps a 5xx that our code threw on purpose, such as 503 from the health check', () => {
    expect(toProblem(new ServiceUnavailableException('The database does not answer'))).toMatchObject({
      status: 503,
      title: 'Service unavailable',
      detail: 'The database does not answer',
    });
  });

  it('treats a thrown non-error and a 5xx statusCode as internal too', () => {
    expect(toProblem('boom')).toMatchObject({ status: 500, title: 'Internal server error' });
    expect(toProblem(Object.assign(new Error('db down'), { statusCode: 503 }))).toMatchObject({ status: 500 });
  });
});

describe('ProblemFilter', () => {
  function capture(error: unknown) {
    const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
    const reply = {
      status(code: number) {
        sent.status = code;
        return reply;
      },
      header(name: string, value: string) {
        sent.headers[name] = value;
        return reply;
      },
      send(body: unknown) {
        sent.body = body;
        return reply;
      },
    };
    const request = { id: 'req-7', url: '/api/programmes/x?secret=1' };
    const host = {
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
    } as unknown as ArgumentsHost;
    new ProblemFilter().catch(error, host);
    return sent;
  }

  it('answers application/problem+json with the request id and the path without its query', () => {
    const sent = capture(new NotFound('Programme', 'x'));
    expect(sent.status).toBe(404);
    expect(sent.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(sent.body).toMatchObject({ requestId: 'req-7', instance: '/api/programmes/x' });
  });

  it('logs an unknown error for the operator but answers 500 without it', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const sent = capture(new TypeError('cannot read properties of undefined'));
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('cannot read');
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ requestId: 'req-7', error: expect.stringContaining('cannot read') }),
      undefined,
    );
    logged.mockRestore();
  });
});
