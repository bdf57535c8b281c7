import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '../core/openapi/api-docs';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentActor, Public } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { BodyOf, schemaDto } from '../core/errors/validation';
import { CalendarFeedService } from './calendar-feed.service';
import { CalendarService } from './calendar.service';

export class CreateCalendarFeedDto extends schemaDto(
  z.object({ programmeId: z.uuid({ message: 'expected a programme id' }).optional() }).strict(),
) {}

/** iCalendar: a programme's gates, the caller's own gates, and the feed addresses calendars subscribe to. */
@ApiTags('calendars')
@Controller('api')
export class CalendarsController {
  constructor(
    @Inject(CalendarService) private readonly calendars: CalendarService,
    @Inject(CalendarFeedService) private readonly feeds: CalendarFeedService,
  ) {}

  @Get('programmes/:id/calendar.ics')
  @ApiBearerAuth()
  @ApiProduces('text/calendar')
  async programme(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() reply: FastifyReply) {
    await sendIcs(reply, await this.calendars.programmeIcs(id, actor), 'programme.ics');
  }

  @Get('me/calendar.ics')
  @ApiBearerAuth()
  @ApiProduces('text/calendar')
  async mine(@CurrentActor() actor: Actor, @Res() reply: FastifyReply) {
    const scope = actor.role !== 'admin' ? actor.programmeId : null;
    await sendIcs(reply, await this.calendars.ownerIcs(actor.email, scope, actor.name), 'my-gates.ics');
  }

  @Get('me/calendar-feeds')
  @ApiBearerAuth()
  list(@CurrentActor() actor: Actor) {
    return this.feeds.list(actor);
  }

  /** `{ programmeId }` for one programme, `{}` for the gates the caller owns; the URL is shown only now. */
  @Post('me/calendar-feeds')
  @ApiBearerAuth()
  @BodyOf(CreateCalendarFeedDto)
  create(@Body() body: CreateCalendarFeedDto, @CurrentActor() actor: Actor) {
    return this.feeds.create(actor, body.programmeId ?? null);
  }

  @Delete('me/calendar-feeds/:feedId')
  @ApiBearerAuth()
  @HttpCode(204)
  async revoke(@Param('feedId') feedId: string, @CurrentActor() actor: Actor) {
    await this.feeds.revoke(actor, feedId);
  }

  /** For Outlook and Google, which cannot send a header: the secret is the `key`. */
  @Get('calendar-feeds/calendar.ics')
  @Public()
  @ApiProduces('text/calendar')
  async feed(@Query('key') key: string | undefined, @Res() reply: FastifyReply) {
    await sendIcs(reply, await this.feeds.serve(typeof key === 'string' ? key : undefined), 'gates.ics');
  }
}

async function sendIcs(reply: FastifyReply, ics: string, filename: string): Promise<void> {
  await reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', `inline; filename="${filename}"`)
    .header('cache-control', 'private, no-cache')
    .send(ics);
}
