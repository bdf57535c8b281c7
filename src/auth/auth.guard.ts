import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { DomainError, Forbidden, Unauthorized } from '../core/errors/domain-error';
import { IS_PUBLIC, ROLES_ALLOWED, RequestWithActor } from './auth.decorators';
import { BearerBackOff } from './bearer-back-off';
import { checkCsrf, isStateChanging } from './csrf';
import { clientAddress } from '../core/http/client-address';
import { Role } from './roles';
import { SESSION_COOKIE, SessionService } from './session.service';
import { TokenService } from './token.service';

export class CsrfRejected extends DomainError {
  constructor() {
    super(
      403,
      'CSRF_REJECTED',
      'Form expired or not from this service',
      'This change did not carry the form token of your session. Reload the page and try again.',
    );
  }
}

/**
 * Every route is closed unless marked @Public(). A bearer token names the person; failing
 * that, a page session cookie does, and then every state-changing request must also carry
 * the session's CSRF token. @Roles narrows who may call; a token or session limited to one
 * programme may touch only that programme (the `:id` route parameter). Failed bearer tokens are
 * counted per client address, and an address that fails too often is refused for a while (BearerBackOff).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(BearerBackOff) private readonly backOff: BearerBackOff,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const reply = context.switchToHttp().getResponse<FastifyReply & { locals?: Record<string, unknown> }>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;

    let csrfRejected = false;
    const secret = bearerToken(request.headers.authorization);
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (secret) {
      // While an address is refused for failed tokens, no token from it is even looked at (decision 032).
      const address = clientAddress(request);
      const backOff = await this.backOff.check(address);
      request.actor = (await this.tokens.verify(secret)) ?? undefined;
      if (!request.actor) await this.backOff.failed(address);
      else await this.backOff.succeeded(address, backOff);
    } else if (cookie) {
      const session = await this.sessions.verify(cookie);
      if (session && isStateChanging(request.method) && !checkCsrf(request, session.csrfToken)) {
        csrfRejected = true;
      } else if (session) {
        request.actor = session.actor;
        request.webSession = { id: session.id, csrfToken: session.csrfToken };
      }
    }
    // What every page template may show: who is signed in, and the token its forms carry.
    if (reply.locals) {
      reply.locals.actor = request.actor ?? null;
      reply.locals.csrfToken = request.webSession?.csrfToken ?? null;
    }
    if (isPublic) return true;
    if (csrfRejected) throw new CsrfRejected();
    if (!request.actor) {
      throw new Unauthorized(
        secret
          ? 'The token is unknown, expired or revoked'
          : cookie
            ? 'Your session has ended. Sign in again.'
            : undefined,
      );
    }

    const actor = request.actor;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_ALLOWED, targets);
    if (allowed && actor.role !== 'admin' && !allowed.includes(actor.role)) {
      throw new Forbidden(`This needs one of the roles: ${['admin', ...allowed].join(', ')}; you are ${actor.role}`);
    }
    const programmeId = (request.params as Record<string, string> | undefined)?.id;
    if (actor.programmeId && programmeId && actor.programmeId !== programmeId && actor.role !== 'admin') {
      throw new Forbidden('Your role is limited to another programme');
    }
    return true;
  }
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1] : null;
}
