import { Body, Controller, Get, Inject, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '../core/openapi/api-docs';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { ProgrammeService } from '../programmes/programme.service';
import { renderPage } from '../web/page';
import { PageExceptionFilter } from '../web/page-exception.filter';
import { CalendarFeedService } from './calendar-feed.service';

/**
 * /calendar-feeds: the addresses a person has made for Outlook or Google, a form to make one
 * (a programme, or the gates they own) and a button to revoke each. A new address is shown
 * once, on the page the form answers with; only its hash is kept.
 */
@ApiExcludeController()
@Controller('calendar-feeds')
@UseFilters(PageExceptionFilter)
export class CalendarFeedPagesController {
  constructor(
    @Inject(CalendarFeedService) private readonly feeds: CalendarFeedService,
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
  ) {}

  @Get()
  async show(@CurrentActor() actor: Actor, @Res() reply: FastifyReply, @Query('programme') programme?: string) {
    await this.render(reply, actor, { selected: typeof programme === 'string' ? programme : '' });
  }

  @Post()
  async create(@CurrentActor() actor: Actor, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply) {
    const choice = typeof body?.programmeId === 'string' ? body.programmeId : '';
    const visible = await this.programmes.list(actor);
    if (choice && !visible.some((p) => p.id === choice)) {
      await this.render(reply, actor, { selected: '', error: 'Choose a programme from the list' }, 422);
      return;
    }
    const created = await this.feeds.create(actor, choice || null);
    await this.render(reply, actor, { selected: choice, created });
  }

  @Post(':feedId/revoke')
  async revoke(@CurrentActor() actor: Actor, @Param('feedId') feedId: string, @Res() reply: FastifyReply) {
    await this.feeds.revoke(actor, feedId);
    await reply.redirect('/calendar-feeds?revoked=1', 303);
  }

  private async render(
    reply: FastifyReply,
    actor: Actor,
    extra: { selected: string; error?: string; created?: { url: string; kind: string } },
    status = 200,
  ) {
    const [feeds, programmes] = await Promise.all([this.feeds.list(actor), this.programmes.list(actor)]);
    const revoked = (reply.request.query as Record<string, unknown>)?.revoked === '1';
    await renderPage(
      reply,
      'calendar-feeds.njk',
      {
        feeds: feeds.map((f) => ({
          ...f,
          what: f.kind === 'programme' ? (f.programmeName ?? 'A programme') : 'Gates you own',
          created: f.createdAt.slice(0, 10),
          revoked: f.revokedAt?.slice(0, 10) ?? null,
        })),
        programmes: programmes.map((p) => ({ value: p.id, text: p.name, selected: p.id === extra.selected })),
        error: extra.error,
        created: extra.created,
        banner: revoked ? 'The calendar address was revoked: calendars subscribed to it get nothing more.' : null,
      },
      status,
    );
  }
}
