import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '../core/openapi/api-docs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public, RequestWithActor } from '../auth/auth.decorators';
import { isCrossSite } from '../auth/csrf';
import { OidcService, PENDING_SIGN_IN_SECONDS } from '../auth/oidc.service';
import { NewSession, SESSION_COOKIE, SessionService } from '../auth/session.service';
import { SignInRefused, SignInService } from '../auth/sign-in.service';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { DomainError, Forbidden, TooManyRequests } from '../core/errors/domain-error';
import { clientAddress } from '../core/http/client-address';
import { toProblem } from '../core/errors/problem.filter';
import { renderPage, safeNext, wantsJson } from './page';
import { PageExceptionFilter } from './page-exception.filter';

const OIDC_COOKIE = 'cg_oidc';

/** Signing in and out of the pages: API token, password, or single sign-on. */
@ApiExcludeController()
@Controller()
@UseFilters(PageExceptionFilter)
export class LoginController {
  constructor(
    @Inject(SignInService) private readonly signIn: SignInService,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(OidcService) private readonly oidc: OidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('login')
  @Public()
  async form(@Req() request: RequestWithActor, @Res() reply: FastifyReply, @Query('next') next?: string) {
    if (request.actor) return reply.redirect(safeNext(next), 303);
    await this.renderForm(reply, {
      next: safeNext(next),
      signedOut: request.query && 'signed-out' in (request.query as object),
    });
  }

  @Post('login')
  @Public()
  async submit(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    const form = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    const next = safeNext(form.next);
    const byPassword = !field('token') && (!!field('email') || !!field('password'));
    try {
      if (isCrossSite(request, this.config.publicUrl))
        throw new Forbidden('Sign in from the sign-in page of this service.');
      const session = byPassword
        ? await this.signIn.withPassword(field('email'), field('password'), clientAddress(request))
        : await this.signIn.withToken(field('token').trim(), clientAddress(request));
      await this.startSession(request, reply, session);
      return reply.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error instanceof TooManyRequests) void reply.header('retry-after', String(error.retryAfterSeconds));
      if (wantsJson(request.headers.accept)) {
        const problem = toProblem(error, request.id, '/login');
        return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(problem);
      }
      await this.renderForm(
        reply,
        { next, error: error.detail, errorField: byPassword ? 'email' : 'token', email: field('email') },
        error.status,
      );
    }
  }

  /** Any signed-in person; a page session also needs its CSRF token (AuthGuard). */
  @Post('logout')
  async logout(@Req() request: RequestWithActor, @Res() reply: FastifyReply) {
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (request.webSession && cookie) await this.sessions.end(cookie);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login?signed-out', 303);
  }

  /** Ends every session of the signed-in person, on every browser (a lost laptop, a shared PC). */
  @Post('logout/everywhere')
  async logoutEverywhere(@Req() request: RequestWithActor, @Res() reply: FastifyReply) {
    if (request.actor) await this.sessions.endAllFor(request.actor.personId);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login?signed-out', 303);
  }

  @Get('login/oidc')
  @Public()
  async startOidc(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('next') next?: string) {
    const { url, pending } = await this.oidc.start(safeNext(next));
    void reply.setCookie(OIDC_COOKIE, this.oidc.sealPending(pending), {
      ...this.cookieBase(request),
      path: '/login/oidc',
      maxAge: PENDING_SIGN_IN_SECONDS,
    });
    return reply.redirect(url, 303);
  }

  @Get('login/oidc/callback')
  @Public()
  async finishOidc(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const opened = this.oidc.openPending(request.cookies?.[OIDC_COOKIE]);
    const pending = opened && { ...opened, next: safeNext(opened.next) };
    void reply.clearCookie(OIDC_COOKIE, { path: '/login/oidc' });
    try {
      if (!pending) throw new SignInRefused('The sign-in took too long or was started elsewhere. Please try again.');
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      const identity = await this.oidc.finish(query, pending);
      const session = await this.signIn.withOidc(identity.email, identity.name);
      await this.startSession(request, reply, session);
      return reply.redirect(pending.next, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await this.renderForm(
        reply,
        { next: pending?.next ?? '/', error: error.detail, errorField: 'token' },
        error.status,
      );
    }
  }

  private renderForm(reply: FastifyReply, data: Record<string, unknown>, status = 200) {
    return renderPage(reply, 'login.njk', { oidcButton: this.oidc.buttonText, ...data }, status);
  }

  /** A new random session for every sign-in; one the browser held before ends here. */
  private async startSession(request: FastifyRequest, reply: FastifyReply, session: NewSession): Promise<void> {
    const previous = request.cookies?.[SESSION_COOKIE];
    if (previous) await this.sessions.end(previous);
    void reply.setCookie(SESSION_COOKIE, session.cookieValue, {
      ...this.cookieBase(request),
      path: '/',
      expires: session.expiresAt,
      // A browser reads Expires by its own clock: with the service's clock set in the past
      // (APP_NOW) the cookie would arrive already expired. Where both are given, Max-Age wins.
      maxAge: this.config.auth.sessionHours * 3600,
    });
  }

  /** HttpOnly, SameSite=Lax, and Secure whenever the browser reached us over TLS (directly or via a proxy). */
  private cookieBase(request: FastifyRequest) {
    return { httpOnly: true, sameSite: 'lax' as const, secure: request.protocol === 'https' };
  }
}
