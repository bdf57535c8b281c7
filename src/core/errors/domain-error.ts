// Domain exceptions carry a code and the HTTP status they map to; the problem filter turns
// them into application/problem+json. Services throw these, never HttpException.

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
  }
}

export class ValidationFailed extends DomainError {
  constructor(errors: FieldError[], detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ')) {
    super(422, 'VALIDATION_FAILED', 'Invalid request', detail, errors);
  }
}

export class NotFound extends DomainError {
  constructor(what: string, id: string) {
    super(404, 'NOT_FOUND', 'Not found', `${what} '${id}' does not exist`);
  }
}

/** A step the workflow does not allow now; `code` names the rule that refused it. */
export class WorkflowConflict extends DomainError {
  constructor(code: string, detail: string) {
    super(409, code, 'Not allowed now', detail);
  }
}

export class Unauthorized extends DomainError {
  constructor(detail = 'Sign in with a valid API token (Authorization: Bearer <token>)') {
    super(401, 'UNAUTHORIZED', 'Not signed in', detail);
  }
}

export class Forbidden extends DomainError {
  constructor(detail: string) {
    super(403, 'FORBIDDEN', 'Not allowed for your role', detail);
  }
}

/** 429: too many requests, or a lock-out; the answer carries `Retry-After` (whole seconds). */
export class TooManyRequests extends DomainError {
  readonly retryAfterSeconds: number;

  constructor(code: string, title: string, detail: string, retryAfterSeconds: number) {
    super(429, code, title, detail);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}
