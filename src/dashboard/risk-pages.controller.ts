import { Body, Controller, Get, Inject, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '../core/openapi/api-docs';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { Clock } from '../core/clock/clock';
import { DomainError } from '../core/errors/domain-error';
import { ProgrammeService } from '../programmes/programme.service';
import { RiskService } from '../risks/risk.service';
import { renderPage } from '../web/page';
import { PageExceptionFilter } from '../web/page-exception.filter';
import { PageError, ParsedForm } from './gate-forms';
import { parseAddRiskForm, parseChangeRiskForm, riskServiceErrors, riskValues } from './risk-forms';
import { addRiskPage, changeRiskPage, riskActions, riskLogPage } from './risk-pages';

type Form = Record<string, unknown>;

/**
 * The risks and issues log of a programme: the list, a form to add one, and a form to
 * re-score, re-assign or close one. Forms post to themselves and redirect to the log (303).
 */
@ApiExcludeController()
@Controller('programmes/:id/risks')
@UseFilters(PageExceptionFilter)
export class RiskPagesController {
  constructor(
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(RiskService) private readonly risks: RiskService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  async log(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Query() query: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ) {
    const view = await this.programmes.get(id, actor);
    const risks = await this.risks.list(id, actor, { all: true });
    await renderPage(reply, 'risks.njk', riskLogPage(view, risks, actor, query));
  }

  @Get('new')
  @Roles('partnerships', 'sro', 'owner')
  async addForm(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() reply: FastifyReply) {
    const view = await this.programmes.get(id, actor);
    await renderPage(reply, 'risk-add.njk', addRiskPage(view, { values: {}, errors: [] }));
  }

  @Post('new')
  @Roles('partnerships', 'sro', 'owner')
  async add(@Param('id') id: string, @CurrentActor() actor: Actor, @Body() body: Form, @Res() reply: FastifyReply) {
    const view = await this.programmes.get(id, actor);
    const parsed = parseAddRiskForm(body ?? {}, this.clock.today());
    const outcome = await this.attempt(parsed, async (dto) => (await this.risks.create(id, dto, actor)).id);
    if (outcome.riskId) return this.done(reply, id, 'added', outcome.riskId);
    await renderPage(reply, 'risk-add.njk', addRiskPage(view, { values: parsed.values, errors: outcome.errors }), 422);
  }

  @Get(':riskId')
  async changeForm(
    @Param('id') id: string,
    @Param('riskId') riskId: string,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ) {
    const view = await this.programmes.get(id, actor);
    const { history, ...risk } = await this.risks.get(id, riskId, actor);
    const page = changeRiskPage(view, risk, history, { values: riskValues(risk), errors: [] }, this.clock.timeZone);
    await renderPage(reply, 'risk-change.njk', { ...page, readOnly: !riskActions(actor, risk).change });
  }

  @Post(':riskId')
  @Roles('partnerships', 'sro', 'owner')
  async change(
    @Param('id') id: string,
    @Param('riskId') riskId: string,
    @CurrentActor() actor: Actor,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    const view = await this.programmes.get(id, actor);
    const { history, ...risk } = await this.risks.get(id, riskId, actor);
    const parsed = parseChangeRiskForm(body ?? {}, risk, this.clock.today());
    const outcome = await this.attempt(parsed, async (dto) => (await this.risks.update(id, riskId, dto, actor)).id);
    if (outcome.riskId) return this.done(reply, id, 'changed', riskId);
    const page = changeRiskPage(
      view,
      risk,
      history,
      { values: parsed.values, errors: outcome.errors },
      this.clock.timeZone,
    );
    await renderPage(reply, 'risk-change.njk', { ...page, readOnly: false }, 422);
  }

  private async attempt<T>(
    parsed: ParsedForm<T>,
    apply: (dto: T) => Promise<string>,
  ): Promise<{ riskId?: string; errors: PageError[] }> {
    if (parsed.errors.length || !parsed.body) return { errors: parsed.errors };
    try {
      return { riskId: await apply(parsed.body), errors: [] };
    } catch (error) {
      // Refusals a person can act on go back on the form; the rest (403, 404) are error pages.
      if (!(error instanceof DomainError) || error.status !== 422) throw error;
      return { errors: riskServiceErrors(error) };
    }
  }

  private done(reply: FastifyReply, id: string, changed: string, riskId: string) {
    const query = new URLSearchParams({ changed, risk: riskId });
    return reply.redirect(`/programmes/${encodeURIComponent(id)}/risks?${query.toString()}`, 303);
  }
}
