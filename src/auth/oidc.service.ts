import { Inject, Injectable, Logger } from '@nestjs/common';
import type * as OpenIdClient from 'openid-client';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { NotFound } from '../core/errors/domain-error';
import { SignInRefused } from './sign-in.service';
import { Clock } from '../core/clock/clock';
import { cookieKey, seal, unseal } from './sealed-cookie';

/** openid-client, loaded on the first sign-in through the provider rather than at start-up. */
function openidClient(): typeof OpenIdClient {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at start-up
  return require('openid-client') as typeof OpenIdClient;
}

/** How long a browser has to come back from the provider. */
export const PENDING_SIGN_IN_SECONDS = 600;

/** What the browser keeps (in a short-lived HttpOnly cookie) between leaving and coming back. */
export interface PendingOidcSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
}

export interface OidcIdentity {
  email: string;
  name: string | null;
}

/**
 * Single sign-on through OpenID Connect (authorization code with PKCE), e.g. Microsoft Entra
 * ID. The provider is discovered on first use, not at start-up, so the service starts (and
 * token sign-in works) while the provider is unreachable.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private discovered: Promise<OpenIdClient.Configuration> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * The pending sign-in as the browser keeps it: encrypted and authenticated under a key derived
   * from the client secret, which every instance of the service holds and the browser does not.
   * The browser can neither read the PKCE verifier nor forge a state of its own.
   */
  sealPending(pending: PendingOidcSignIn): string {
    const expires = new Date(this.clock.now().getTime() + PENDING_SIGN_IN_SECONDS * 1000);
    return seal(pending, this.pendingKey(), expires);
  }

  /** The pending sign-in from its cookie, or null when it is missing, altered, foreign or too old. */
  openPending(cookie: string | undefined): PendingOidcSignIn | null {
    if (!cookie || !this.enabled) return null;
    const value = unseal(cookie, this.pendingKey(), this.clock.now()) as Partial<PendingOidcSignIn> | null;
    if (!value || typeof value !== 'object') return null;
    const ok = (['state', 'nonce', 'codeVerifier', 'next'] as const).every((k) => typeof value[k] === 'string');
    return ok ? (value as PendingOidcSignIn) : null;
  }

  private pendingKey(): Buffer {
    return cookieKey(this.settings().clientSecret, 'oidc-pending-sign-in');
  }

  get enabled(): boolean {
    return this.config.auth.oidc !== null;
  }

  get buttonText(): string | null {
    return this.config.auth.oidc?.buttonText ?? null;
  }

  async start(next: string): Promise<{ url: string; pending: PendingOidcSignIn }> {
    const settings = this.settings();
    const configuration = await this.configuration();
    const pending = {
      state: openidClient().randomState(),
      nonce: openidClient().randomNonce(),
      codeVerifier: openidClient().randomPKCECodeVerifier(),
      next,
    };
    const url = openidClient().buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUrl(),
      scope: settings.scope,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await openidClient().calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, pending };
  }

  /** Completes the sign-in from the query string the provider sent the browser back with. */
  async finish(callbackQuery: string, pending: PendingOidcSignIn): Promise<OidcIdentity> {
    const settings = this.settings();
    const configuration = await this.configuration();
    const callback = new URL(this.redirectUrl());
    callback.search = callbackQuery;
    let claims: Record<string, unknown>;
    try {
      const tokens = await openidClient().authorizationCodeGrant(configuration, callback, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = { ...tokens.claims() };
      // Providers that keep profile claims out of the ID token give them at the userinfo endpoint.
      if (typeof claims[settings.emailClaim] !== 'string' && tokens.access_token) {
        const info = await openidClient().fetchUserInfo(configuration, tokens.access_token, String(claims.sub));
        claims = { ...info, ...claims, [settings.emailClaim]: info[settings.emailClaim] };
      }
    } catch (error) {
      // The error names what failed (state, nonce, signature, provider error); it holds no secret.
      const e = error as { name?: string; code?: string; error?: string; message?: string };
      this.logger.warn(`single sign-on failed: ${e.name ?? 'Error'} ${e.code ?? e.error ?? ''} ${e.message ?? ''}`);
      throw new SignInRefused('Single sign-on did not complete. Please try again.');
    }
    const email = claims[settings.emailClaim];
    if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email) || claims.email_verified === false) {
      throw new SignInRefused(
        `Your organisation account did not give a verified email address (${settings.emailClaim}).`,
      );
    }
    return { email: email.toLowerCase(), name: typeof claims.name === 'string' ? claims.name : null };
  }

  private settings(): NonNullable<AppConfig['auth']['oidc']> {
    const settings = this.config.auth.oidc;
    if (!settings) throw new NotFound('Sign-in method', 'oidc');
    return settings;
  }

  private redirectUrl(): string {
    return this.settings().redirectUrl ?? `${this.config.publicUrl}/login/oidc/callback`;
  }

  private configuration(): Promise<OpenIdClient.Configuration> {
    if (!this.discovered) {
      const settings = this.settings();
      const issuer = new URL(settings.issuer);
      // Plain http only for a provider on this machine (development and the tests).
      const loopback = issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
      this.discovered = openidClient()
        .discovery(
          issuer,
          settings.clientId,
          { redirect_uris: [this.redirectUrl()], response_types: ['code'] },
          openidClient().ClientSecretPost(settings.clientSecret),
          loopback ? { execute: [openidClient().allowInsecureRequests] } : undefined,
        )
        .catch((error: unknown) => {
          this.discovered = null; // try again on the next sign-in
          this.logger.error(`cannot reach the OpenID provider ${issuer.origin}: ${(error as Error).message}`);
          throw new SignInRefused('Single sign-on is not available just now. Sign in with a token instead.', 503);
        });
    }
    return this.discovered;
  }
}
