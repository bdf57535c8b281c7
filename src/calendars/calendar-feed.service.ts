import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { Actor, actorLabel } from '../auth/roles';
import { hashToken } from '../auth/token.service';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../core/clock/clock';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { UnitOfWork } from '../core/database/unit-of-work';
import { param, toInstant } from '../core/database/sql';
import { DomainError, Forbidden, NotFound } from '../core/errors/domain-error';
import { ProgrammeService } from '../programmes/programme.service';
import { CalendarFeedEntity } from './calendar-feed.entity';
import { CalendarService } from './calendar.service';

export interface FeedSummary {
  id: string;
  kind: 'programme' | 'owner';
  programmeId: string | null;
  programmeName: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** The path of every feed; the secret travels in the query, which the request log leaves out. */
export const FEED_PATH = '/api/calendar-feeds/calendar.ics';

export class FeedRevoked extends DomainError {
  constructor() {
    super(
      410,
      'CALENDAR_FEED_REVOKED',
      'Calendar feed revoked',
      'This calendar address was revoked by its owner. Ask for a new one from the Calendar feeds page.',
    );
  }
}

/** Creating, listing, revoking and serving the calendar addresses people subscribe to. */
@Injectable()
export class CalendarFeedService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(CalendarService) private readonly calendars: CalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A new feed for the caller: one programme (which they must be able to read), or the gates
   * they own. The address, with its secret, is returned only here.
   */
  async create(actor: Actor, programmeId: string | null) {
    if (programmeId) await this.programmes.get(programmeId, actor);
    const secret = `cgf_${randomBytes(24).toString('base64url')}`;
    const row: CalendarFeedEntity = {
      id: randomUUID(),
      personId: actor.personId,
      kind: programmeId ? 'programme' : 'owner',
      // A person whose access is limited to one programme gets an owner feed limited to it too.
      programmeId: programmeId ?? (actor.role !== 'admin' ? actor.programmeId : null),
      secretHash: hashToken(secret),
      createdAt: this.clock.now(),
      revokedAt: null,
    };
    await this.uow.run(async (em) => {
      await em.insert(CalendarFeedEntity, row);
      await this.audit.append(em, {
        programmeId: row.programmeId,
        actor: actorLabel(actor),
        action: 'calendar-feed.created',
        detail: { feedId: row.id, kind: row.kind, programmeId: row.programmeId },
      });
    });
    return { id: row.id, kind: row.kind, programmeId: row.programmeId, url: this.url(secret) };
  }

  url(secret: string): string {
    return `${this.config.publicUrl}${FEED_PATH}?key=${encodeURIComponent(secret)}`;
  }

  async list(actor: Actor): Promise<FeedSummary[]> {
    const em = this.uow.read;
    const rows: Array<Record<string, unknown>> = await em.query(
      `SELECT f.id, f.kind, f.programme_id, f.created_at, f.revoked_at, p.name AS programme_name
         FROM calendar_feed f LEFT JOIN programme p ON p.id = f.programme_id
        WHERE f.person_id = ${param(em, 1)} ORDER BY f.created_at, f.id`,
      [actor.personId],
    );
    return rows.map((r) => ({
      id: String(r.id),
      kind: r.kind as FeedSummary['kind'],
      programmeId: (r.programme_id as string | null) ?? null,
      programmeName: (r.programme_name as string | null) ?? null,
      createdAt: toInstant(r.created_at).toISOString(),
      revokedAt: r.revoked_at ? toInstant(r.revoked_at).toISOString() : null,
    }));
  }

  /** Revokes one of the caller's feeds (an admin may revoke anybody's). Revoking twice is harmless. */
  async revoke(actor: Actor, feedId: string): Promise<void> {
    await this.uow.run(async (em) => {
      const feed = await em.findOneBy(CalendarFeedEntity, { id: feedId });
      if (!feed) throw new NotFound('Calendar feed', feedId);
      if (feed.personId !== actor.personId && actor.role !== 'admin') {
        throw new Forbidden('This calendar feed belongs to somebody else');
      }
      if (feed.revokedAt) return;
      await em.update(CalendarFeedEntity, { id: feedId }, { revokedAt: this.clock.now() });
      await this.audit.append(em, {
        programmeId: feed.programmeId,
        actor: actorLabel(actor),
        action: 'calendar-feed.revoked',
        detail: { feedId, kind: feed.kind, programmeId: feed.programmeId },
      });
    });
  }

  /** The calendar behind a secret: 404 when unknown, 410 once revoked. */
  async serve(secret: string | undefined): Promise<string> {
    if (!secret) throw new NotFound('Calendar feed', '(no key)');
    const em = this.uow.read;
    const rows: Array<Record<string, unknown>> = await em.query(
      `SELECT f.kind, f.programme_id, f.revoked_at, p.name, p.email
         FROM calendar_feed f JOIN person p ON p.id = f.person_id WHERE f.secret_hash = ${param(em, 1)}`,
      [hashToken(secret)],
    );
    const feed = rows[0];
    // The secret is never echoed back, not even in an error.
    if (!feed) throw new NotFound('Calendar feed', '(this key)');
    if (feed.revoked_at) throw new FeedRevoked();
    const programmeId = (feed.programme_id as string | null) ?? null;
    if (feed.kind === 'programme' && programmeId) return this.calendars.programmeIcs(programmeId);
    return this.calendars.ownerIcs(String(feed.email), programmeId, String(feed.name));
  }
}
