import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
// Brings in request.cookies (the plugin is registered with the pages, src/web/web-plugins.ts).
import type {} from '@fastify/cookie';
import { Actor, Role } from './roles';

export const IS_PUBLIC = 'auth:public';
export const ROLES_ALLOWED = 'auth:roles';

/** Anyone may call this, signed in or not. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call this (admin always may). Without it, any signed-in role may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_ALLOWED, roles);

export type RequestWithActor = FastifyRequest & {
  actor?: Actor;
  /** Set when the actor came from a page session cookie. */
  webSession?: { id: string; csrfToken: string };
};

export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
