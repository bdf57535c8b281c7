import { Body, Controller, Get, Inject, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '../core/openapi/api-docs';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { Clock } from '../core/clock/clock';
import { DomainError } from '../core/errors/domain-error';
import { toFieldErrors } from '../core/errors/validation';
import { CreateElectionDto, NoPollsDto } from '../elections/elections.dto';
import { ElectionsService } from '../elections/elections.service';
import { ProgrammeService } from '../programmes/programme.service';
import { renderPage } from '../web/page';
import { PageExceptionFilter } from '../web/page-exception.filter';
import { FormValues, councilsPage, electionsPage, pageErrors } from './election-pages';
import { PageError } from './gate-forms';

type Form = Record<string, unknown>;
const text = (body: Form, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
const list = (body: Form, name: string): string[] => {
  const v = body[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
};

/**
 * The elections an admin keeps: the pre-election periods in force (the May polls by rule, general and
 * by-elections added here), a general or by-election added, a council's year without polls recorded; and the
 * councils a programme touches, set from its page. The services are the API's, so a page can do nothing the
 * API would refuse, and a refusal comes back as the page's own errors with what was typed kept.
 */
@ApiExcludeController()
@Controller()
@UseFilters(PageExceptionFilter)
export class ElectionPagesController {
  constructor(
    @Inject(ElectionsService) private readonly elections: ElectionsService,
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get('admin/elections')
  @Roles('admin')
  async page(@Query('done') done: string | undefined, @Res() reply: FastifyReply) {
    const message =
      done === 'added' ? 'Election added' : done === 'no-polls' ? 'Councils with no polls recorded' : undefined;
    await this.render(reply, { values: {}, errors: [], done: message });
  }

  @Post('admin/elections')
  @Roles('admin')
  async add(@Body() form: Form, @CurrentActor() actor: Actor, @Res() reply: FastifyReply) {
    const body = form ?? {};
    const values: FormValues = {
      name: text(body, 'name'),
      scope: text(body, 'scope'),
      pollDate: text(body, 'pollDate'),
      periodStart: text(body, 'periodStart'),
      periodEnd: text(body, 'periodEnd'),
      areas: list(body, 'areas'),
    };
    const candidate = {
      name: values.name,
      scope: values.scope,
      pollDate: values.pollDate,
      periodStart: values.periodStart,
      ...(values.periodEnd ? { periodEnd: values.periodEnd } : {}),
      ...(values.scope === 'local' && values.areas.length ? { areas: values.areas } : {}),
    };
    const parsed = CreateElectionDto.schema.safeParse(candidate);
    const errors = parsed.success
      ? await this.attempt(() => this.elections.create(parsed.data as CreateElectionDto, actor))
      : pageErrors(toFieldErrors(parsed.error));
    if (!errors.length) return reply.redirect('/admin/elections?done=added', 303);
    await this.render(reply, { values, errors }, 422);
  }

  @Post('admin/elections/no-polls')
  @Roles('admin')
  async noPolls(@Body() form: Form, @CurrentActor() actor: Actor, @Res() reply: FastifyReply) {
    const body = form ?? {};
    const year = text(body, 'year');
    const councils = list(body, 'councils');
    const values: FormValues = { 'noPolls-year': year, 'noPolls-councils': councils };
    const parsed = NoPollsDto.schema.safeParse({ year: /^\d{4}$/.test(year) ? Number(year) : year, councils });
    const errors = parsed.success
      ? await this.attempt(() => this.elections.recordNoPolls(parsed.data as NoPollsDto, actor), 'noPolls-')
      : pageErrors(toFieldErrors(parsed.error), 'noPolls-');
    if (!errors.length) return reply.redirect('/admin/elections?done=no-polls', 303);
    await this.render(reply, { values, errors }, 422);
  }

  @Get('programmes/:id/councils')
  @Roles('partnerships')
  async councils(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() reply: FastifyReply) {
    const programme = await this.programmes.get(id, actor);
    await renderPage(reply, 'programme-councils.njk', councilsPage(programme, this.councilList()));
  }

  @Post('programmes/:id/councils')
  @Roles('partnerships')
  async setCouncils(
    @Param('id') id: string,
    @Body() form: Form,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ) {
    const chosen = list(form ?? {}, 'councils');
    const errors = await this.attempt(() => this.programmes.setCouncils(id, chosen, actor));
    if (!errors.length) return reply.redirect(`/programmes/${encodeURIComponent(id)}?changed=councils`, 303);
    const programme = await this.programmes.get(id, actor);
    await renderPage(
      reply,
      'programme-councils.njk',
      councilsPage({ ...programme, councils: chosen }, this.councilList(), errors),
      422,
    );
  }

  /** Runs a change; a refusal (bad input, an unknown council) becomes the page's errors. */
  private async attempt(work: () => Promise<unknown>, prefix = ''): Promise<PageError[]> {
    try {
      await work();
      return [];
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500 || error.status === 403 || error.status === 404) {
        throw error;
      }
      return error.errors?.length
        ? pageErrors(error.errors, prefix)
        : [{ field: `${prefix}name`, href: `#${prefix}name`, text: error.detail }];
    }
  }

  private councilList() {
    return [...this.elections.councils()].map(([id, name]) => ({ id, name }));
  }

  private async render(reply: FastifyReply, state: Parameters<typeof electionsPage>[2], status = 200) {
    const year = Number(this.clock.today().slice(0, 4));
    const [periods, noPolls] = await Promise.all([
      this.elections.periods(`${year}-01-01`, `${year + 2}-12-31`),
      this.elections.noPolls(),
    ]);
    const councils = this.councilList().map((c) => ({
      ...c,
      noPollsIn: noPolls.filter((r) => r.councilId === c.id).map((r) => r.year),
    }));
    await renderPage(reply, 'elections.njk', electionsPage(periods, councils, state), status);
  }
}
