import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Forbidden, Unauthorized } from '../core/errors/domain-error';
import { IS_PUBLIC, ROLES_ALLOWED, RequestWithActor } from './auth.decorators';
import { Role } from './roles';
import { TokenService } from './token.service';

/**
 * Every route is closed unless marked @Public(). The bearer token names the person; @Roles
 * narrows who may call; a token limited to one programme may touch only that programme.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenService) private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;

    const secret = bearerToken(request.headers.authorization);
    if (secret) request.actor = (await this.tokens.verify(secret)) ?? undefined;
    if (isPublic) return true;
    if (!request.actor) throw new Unauthorized(secret ? 'The token is unknown, expired or revoked' : undefined);

    const actor = request.actor;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_ALLOWED, targets);
    if (allowed && actor.role !== 'admin' && !allowed.includes(actor.role)) {
      throw new Forbidden(`This needs one of the roles: ${['admin', ...allowed].join(', ')}; you are ${actor.role}`);
    }
    const programmeId = (request.params as Record<string, string> | undefined)?.id;
    if (actor.programmeId && programmeId && actor.programmeId !== programmeId && actor.role !== 'admin') {
      throw new Forbidden('Your token is limited to another programme');
    }
    return true;
  }
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1] : null;
}
