import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { Clock } from '../core/clock/clock';
import { UnitOfWork } from '../core/database/unit-of-work';
import { instant, param, toInstant } from '../core/database/sql';
import { NotFound, ValidationFailed } from '../core/errors/domain-error';
import { ApiTokenEntity } from './api-token.entity';
import { PersonEntity } from './person.entity';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { Actor, Role, SYSTEM_ACTOR, actorLabel } from './roles';
import { AuditService } from '../audit/audit.service';

export interface NewToken {
  name: string;
  email: string;
  role: Role;
  programmeId?: string | null;
  ttlDays?: number;
}

/** Who gave or took away access, as the audit log names them; "system" for start-up and tests. */
export type GrantedBy = string;

/** How often, at most, a token's `last_used_at` is written. */
export const LAST_USED_EVERY_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

@Injectable()
export class TokenService {
  private readonly logger = new Logger(TokenService.name);
  /** Token id to the instant its use was last written (or queued) by this instance. */
  private readonly lastUseNoted = new Map<string, number>();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** Creates a token; the secret is returned only here and never stored. */
  async create(
    request: NewToken,
    secret = `cg_${randomBytes(32).toString('base64url')}`,
    by: GrantedBy = SYSTEM_ACTOR,
  ) {
    if (request.role === 'admin' && request.programmeId) {
      // Admin is about the whole service (tokens, reminders, every programme): a scope would
      // promise a limit that the role does not keep, so it is refused rather than ignored.
      throw new ValidationFailed([
        { field: 'programmeId', message: 'an admin token cannot be limited to one programme; leave programmeId out' },
      ]);
    }
    return this.uow.run(async (em) => {
      if (request.programmeId) {
        const exists = await em.existsBy(ProgrammeEntity, { id: request.programmeId });
        if (!exists) throw new NotFound('Programme', request.programmeId);
      }
      const person = await this.findOrCreatePerson(em, request.name, request.email);
      const now = this.clock.now();
      const ttl = request.ttlDays ?? this.config.auth.tokenTtlDays;
      const row = em.create(ApiTokenEntity, {
        id: randomUUID(),
        personId: person.id,
        tokenHash: hashToken(secret),
        role: request.role,
        programmeId: request.programmeId ?? null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + ttl * 86_400_000),
        revokedAt: null,
        lastUsedAt: null,
      });
      await em.insert(ApiTokenEntity, row);
      // Access given is a change like any other: the audit names who gave it (never the secret).
      await this.audit.append(em, {
        programmeId: row.programmeId,
        actor: by,
        action: 'token.created',
        detail: {
          tokenId: row.id,
          person: actorLabel(person),
          role: row.role,
          programmeId: row.programmeId,
          expiresAt: row.expiresAt!.toISOString(),
        },
      });
      return { id: row.id, token: secret, expiresAt: row.expiresAt!.toISOString() };
    });
  }

  /** The actor behind a token, or null when it is unknown, expired or revoked. */
  async verify(secret: string): Promise<Actor | null> {
    const rows: Array<Record<string, unknown>> = await this.uow.read.query(
      `SELECT t.id, t.role, t.programme_id, t.expires_at, t.revoked_at, t.last_used_at, p.id AS person_id, p.name, p.email
         FROM api_token t JOIN person p ON p.id = t.person_id WHERE t.token_hash = ${param(this.uow.read, 1)}`,
      [hashToken(secret)],
    );
    const row = rows[0];
    if (!row || row.revoked_at) return null;
    const now = this.clock.now();
    if (row.expires_at && toInstant(row.expires_at) <= now) return null;
    this.noteUse(String(row.id), row.last_used_at ? toInstant(row.last_used_at) : null, now);
    return {
      tokenId: String(row.id),
      personId: String(row.person_id),
      name: String(row.name),
      email: String(row.email),
      role: row.role as Role,
      programmeId: (row.programme_id as string | null) ?? null,
      via: 'token',
    };
  }

  /**
   * Records when a token was last used: at most once a minute per token, and never on the
   * request's path. The request reads the stored value with the token (no extra query); when
   * it is older than a minute, one UPDATE is queued and not waited for, and the in-memory
   * note keeps a burst of requests from queueing more than one. A lost write harms nothing.
   */
  private noteUse(tokenId: string, stored: Date | null, now: Date): void {
    const since = (at: number) => now.getTime() - at;
    if (stored && since(stored.getTime()) < LAST_USED_EVERY_MS) return;
    const noted = this.lastUseNoted.get(tokenId);
    if (noted !== undefined && since(noted) < LAST_USED_EVERY_MS && since(noted) >= 0) return;
    this.lastUseNoted.set(tokenId, now.getTime());
    if (this.lastUseNoted.size > 10_000) this.lastUseNoted.clear();
    void this.uow
      .run((em) =>
        em.query(
          `UPDATE api_token SET last_used_at = ${param(em, 1)} WHERE id = ${param(em, 2)}
             AND (last_used_at IS NULL OR last_used_at < ${param(em, 3)})`,
          [instant(em, now), tokenId, instant(em, new Date(now.getTime() - LAST_USED_EVERY_MS))],
        ),
      )
      .catch((error: unknown) => this.logger.warn(`could not record the use of token ${tokenId}: ${String(error)}`));
  }

  /**
   * Every token with its person. `lastUsedAt` is the later of its last use as a bearer token
   * and the last request of a page session signed in with it (each written about once a minute).
   */
  async list() {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT t.id, t.role, t.programme_id, t.created_at, t.expires_at, t.revoked_at, t.last_used_at, p.name, p.email,
              (SELECT MAX(s.last_seen_at) FROM web_session s WHERE s.token_id = t.id) AS session_seen_at
         FROM api_token t JOIN person p ON p.id = t.person_id ORDER BY t.created_at, t.id`,
    );
    return rows.map((r) => {
      const used = [r.last_used_at, r.session_seen_at]
        .filter((v) => v !== null && v !== undefined)
        .map((v) => toInstant(v))
        .sort((a, b) => b.getTime() - a.getTime())[0];
      return {
        id: r.id as string,
        name: r.name as string,
        email: r.email as string,
        role: r.role as Role,
        programmeId: (r.programme_id as string | null) ?? null,
        createdAt: toInstant(r.created_at).toISOString(),
        expiresAt: r.expires_at ? toInstant(r.expires_at).toISOString() : null,
        revokedAt: r.revoked_at ? toInstant(r.revoked_at).toISOString() : null,
        lastUsedAt: used ? used.toISOString() : null,
      };
    });
  }

  async revoke(id: string, by: GrantedBy = SYSTEM_ACTOR): Promise<void> {
    await this.uow.run(async (em) => {
      const token = await em.findOneBy(ApiTokenEntity, { id });
      if (!token) throw new NotFound('Token', id);
      if (token.revokedAt) return;
      await em.update(ApiTokenEntity, { id }, { revokedAt: this.clock.now() });
      await this.audit.append(em, {
        programmeId: token.programmeId,
        actor: by,
        action: 'token.revoked',
        detail: { tokenId: id, personId: token.personId, role: token.role, programmeId: token.programmeId },
      });
    });
  }

  /**
   * At start-up: BOOTSTRAP_ADMIN_TOKEN becomes an admin token if it does not exist yet; with
   * no admin at all, one is created and returned so that main() can print it once.
   */
  async bootstrap(): Promise<string | null> {
    const configured = this.config.bootstrapAdminToken;
    if (configured) {
      const known = await this.dataSource.getRepository(ApiTokenEntity).findOneBy({ tokenHash: hashToken(configured) });
      if (!known) {
        await this.create(
          { name: 'Bootstrap admin', email: 'admin@consultation-gates.invalid', role: 'admin' },
          configured,
        );
        this.logger.log('created the admin token given in BOOTSTRAP_ADMIN_TOKEN');
      }
      return null;
    }
    const admins = await this.dataSource.getRepository(ApiTokenEntity).countBy({ role: 'admin', revokedAt: IsNull() });
    if (admins > 0) return null;
    const created = await this.create({
      name: 'First admin',
      email: 'admin@consultation-gates.invalid',
      role: 'admin',
    });
    return created.token;
  }

  private async findOrCreatePerson(em: EntityManager, name: string, email: string): Promise<PersonEntity> {
    const normalised = email.trim().toLowerCase();
    const existing = await em.findOneBy(PersonEntity, { email: normalised });
    if (existing) {
      if (existing.name !== name) await em.update(PersonEntity, { id: existing.id }, { name });
      return { ...existing, name };
    }
    const person = em.create(PersonEntity, { id: randomUUID(), name, email: normalised, createdAt: this.clock.now() });
    await em.insert(PersonEntity, person);
    return person;
  }
}
