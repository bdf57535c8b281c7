import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { LessThan } from 'typeorm';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { Clock } from '../core/clock/clock';
import { UnitOfWork } from '../core/database/unit-of-work';
import { Actor, Role } from './roles';
import { param, toInstant } from '../core/database/sql';
import { WebSessionEntity } from './web-session.entity';

export const SESSION_COOKIE = 'cg_session';
/**
 * last_seen_at is written at most this often, so that reading pages does not mean writing rows:
 * a sixth of the idle timeout, at most 5 minutes. A session therefore ends after between five
 * and six sixths of the idle timeout without use (25 to 30 minutes by default).
 */
const TOUCH_AT_MOST_EVERY_MS = 5 * 60_000;

export interface SessionGrant {
  personId: string;
  tokenId: string | null;
  role: Role;
  programmeId: string | null;
  method: 'token' | 'password' | 'oidc';
}

export interface NewSession {
  /** The cookie value: shown to the browser once and stored only as a hash. */
  cookieValue: string;
  expiresAt: Date;
}

export interface ActiveSession {
  id: string;
  actor: Actor;
  csrfToken: string;
}

export function hashSessionCookie(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Server-side sessions for the pages: the cookie is a random handle, everything else is here. */
@Injectable()
export class SessionService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(grant: SessionGrant): Promise<NewSession> {
    const cookieValue = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.auth.sessionHours * 3_600_000);
    await this.uow.run(async (em) => {
      // Expired and idle sessions are cleared as new ones begin; nothing else needs a sweeper.
      await em.delete(WebSessionEntity, { expiresAt: LessThan(now) });
      const idleSince = new Date(now.getTime() - this.config.auth.sessionIdleMinutes * 60_000);
      await em.delete(WebSessionEntity, { lastSeenAt: LessThan(idleSince) });
      await em.insert(WebSessionEntity, {
        id: hashSessionCookie(cookieValue),
        personId: grant.personId,
        tokenId: grant.tokenId,
        role: grant.role,
        programmeId: grant.programmeId,
        method: grant.method,
        csrfToken: randomBytes(32).toString('base64url'),
        createdAt: now,
        expiresAt,
        lastSeenAt: now,
      });
    });
    return { cookieValue, expiresAt };
  }

  /** The session behind a cookie, or null when it is unknown, expired, or its token was revoked. */
  async verify(cookieValue: string): Promise<ActiveSession | null> {
    const id = hashSessionCookie(cookieValue);
    const rows: Array<Record<string, unknown>> = await this.uow.read.query(
      `SELECT s.id, s.person_id, s.token_id, s.role, s.programme_id, s.csrf_token, s.expires_at, s.last_seen_at,
              p.name, p.email, t.revoked_at AS token_revoked_at, t.expires_at AS token_expires_at
         FROM web_session s
         JOIN person p ON p.id = s.person_id
         LEFT JOIN api_token t ON t.id = s.token_id
        WHERE s.id = ${param(this.uow.read, 1)}`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    const now = this.clock.now();
    if (toInstant(row.expires_at) <= now) return null;
    const idleMs = this.config.auth.sessionIdleMinutes * 60_000;
    const unusedMs = now.getTime() - toInstant(row.last_seen_at).getTime();
    if (unusedMs >= idleMs) return null;
    if (row.token_id && (row.token_revoked_at || (row.token_expires_at && toInstant(row.token_expires_at) <= now))) {
      return null;
    }
    if (unusedMs > Math.min(TOUCH_AT_MOST_EVERY_MS, idleMs / 6)) {
      // Bookkeeping only: the request does not wait for it, and a lost touch harms nothing.
      void this.uow.run((em) => em.update(WebSessionEntity, { id }, { lastSeenAt: now })).catch(() => undefined);
    }
    return {
      id,
      csrfToken: String(row.csrf_token),
      actor: {
        personId: String(row.person_id),
        name: String(row.name),
        email: String(row.email),
        role: row.role as Role,
        programmeId: (row.programme_id as string | null) ?? null,
        tokenId: (row.token_id as string | null) ?? null,
        via: 'session',
      },
    };
  }

  async end(cookieValue: string): Promise<void> {
    await this.uow.run((em) => em.delete(WebSessionEntity, { id: hashSessionCookie(cookieValue) }));
  }

  /** "Sign out everywhere": ends every page session of a person, on every browser. Answers how many. */
  async endAllFor(personId: string): Promise<number> {
    return this.uow.run(async (em) => (await em.delete(WebSessionEntity, { personId })).affected ?? 0);
  }
}
