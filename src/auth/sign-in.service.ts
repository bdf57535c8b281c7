import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { Clock } from '../core/clock/clock';
import { UnitOfWork } from '../core/database/unit-of-work';
import { CounterStore } from '../core/counters/counter-store';
import { DomainError, NotFound, TooManyRequests } from '../core/errors/domain-error';
import { ApiTokenEntity } from './api-token.entity';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password';
import { PersonEntity } from './person.entity';
import { Role } from './roles';
import { NewSession, SessionGrant, SessionService } from './session.service';
import { SignInLimiter, signInKeys } from './sign-in-limiter';
import { TokenService } from './token.service';

export class SignInRefused extends DomainError {
  constructor(detail: string, status: 401 | 403 | 503 = 401) {
    const titles = { 401: 'Not signed in', 403: 'Not allowed', 503: 'Sign-in unavailable' };
    super(status, 'SIGN_IN_REFUSED', titles[status], detail);
  }
}

export class TooManySignIns extends TooManyRequests {
  constructor(retryAfterSeconds: number) {
    super(
      'TOO_MANY_SIGN_INS',
      'Too many failed sign-ins',
      `Too many failed sign-ins from here. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
      retryAfterSeconds,
    );
  }
}

const NO_ROLE = 'You have no role in Consultation Gates yet. Ask an administrator to give you one.';

/**
 * Turns proof of identity (an API token, a password, an OpenID Connect sign-in) into a page
 * session. The role comes from the person's tokens: a token is a role on one programme or on
 * all, so a person signing in by password or SSO takes the role of their newest live token.
 */
@Injectable()
export class SignInService {
  private readonly logger = new Logger(SignInService.name);
  private readonly limiter: SignInLimiter;

  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(CounterStore) counters: CounterStore,
  ) {
    this.limiter = new SignInLimiter(counters, config.auth.maxFailedSignInsPer15Minutes);
  }

  async withToken(secret: string, ip: string): Promise<NewSession> {
    const keys = signInKeys(ip, { token: secret });
    await this.throttle(keys);
    const actor = secret ? await this.tokens.verify(secret) : null;
    if (!actor) return this.fail(keys, 'That token is unknown, expired or revoked.');
    return this.begin({ ...actor, method: 'token' });
  }

  async withPassword(email: string, password: string, ip: string): Promise<NewSession> {
    const keys = signInKeys(ip, { email });
    await this.throttle(keys);
    const person = await this.person(email);
    if (!person?.passwordHash) {
      await burnPasswordCheck(password);
      return this.fail(keys, 'That email address and password do not match.');
    }
    if (!(await verifyPassword(password, person.passwordHash))) {
      return this.fail(keys, 'That email address and password do not match.');
    }
    const grant = await this.currentGrant(person.id);
    if (!grant) throw new SignInRefused(NO_ROLE, 403);
    return this.begin({ ...grant, method: 'password' });
  }

  /** The identity provider vouched for this email address. */
  async withOidc(email: string, name: string | null): Promise<NewSession> {
    const defaultRole = this.config.auth.oidc?.defaultRole ?? null;
    let person = await this.person(email);
    const grant = person ? await this.currentGrant(person.id) : null;
    if (grant) return this.begin({ ...grant, method: 'oidc' });
    if (!defaultRole) {
      this.logger.warn(`single sign-on refused for a person without a role (${person ? 'known' : 'unknown'})`);
      throw new SignInRefused(NO_ROLE, 403);
    }
    person ??= await this.createPerson(email, name ?? email);
    return this.sessions.create({
      personId: person.id,
      tokenId: null,
      role: defaultRole,
      programmeId: null,
      method: 'oidc',
    });
  }

  /** Sets or replaces a person's password (command line). */
  async setPassword(email: string, password: string): Promise<void> {
    const person = await this.person(email);
    if (!person) throw new NotFound('Person', email);
    const passwordHash = await hashPassword(password);
    await this.uow.run((em) => em.update(PersonEntity, { id: person.id }, { passwordHash }));
  }

  /** The role of the person's newest live token: revoking it ends the sessions built on it. */
  private async currentGrant(personId: string): Promise<Omit<SessionGrant, 'method'> | null> {
    const now = this.clock.now();
    const tokens = await this.uow.read
      .getRepository(ApiTokenEntity)
      .find({ where: { personId }, order: { createdAt: 'DESC', id: 'DESC' } });
    const live = tokens.find((t) => !t.revokedAt && (!t.expiresAt || new Date(t.expiresAt) > now));
    return live ? { personId, tokenId: live.id, role: live.role as Role, programmeId: live.programmeId ?? null } : null;
  }

  private person(email: string): Promise<PersonEntity | null> {
    return this.uow.read.getRepository(PersonEntity).findOneBy({ email: email.trim().toLowerCase() });
  }

  private createPerson(email: string, name: string): Promise<PersonEntity> {
    return this.uow.run(async (em) => {
      const normalised = email.trim().toLowerCase();
      const existing = await em.findOneBy(PersonEntity, { email: normalised });
      if (existing) return existing;
      const person = em.create(PersonEntity, {
        id: randomUUID(),
        name: name.slice(0, 200),
        email: normalised,
        passwordHash: null,
        createdAt: this.clock.now(),
      });
      await em.insert(PersonEntity, person);
      return person;
    });
  }

  private async begin(grant: SessionGrant): Promise<NewSession> {
    const session = await this.sessions.create(grant);
    // Who signed in and how, by id: enough to follow up, nothing secret.
    this.logger.log(`signed in: person ${grant.personId} as ${grant.role} by ${grant.method}`);
    return session;
  }

  private async throttle(keys: string[]): Promise<void> {
    const wait = await this.limiter.retryAfterSeconds(keys);
    if (wait > 0) throw new TooManySignIns(wait);
  }

  private async fail(keys: string[], detail: string): Promise<never> {
    await this.limiter.recordFailure(keys);
    this.logger.warn(`sign-in refused from ${keys[0].slice(3)}`);
    throw new SignInRefused(detail);
  }
}
