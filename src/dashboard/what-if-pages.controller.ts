import { Body, Controller, Get, Inject, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '../core/openapi/api-docs';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { Clock } from '../core/clock/clock';
import { DomainError } from '../core/errors/domain-error';
import { toFieldErrors } from '../core/errors/validation';
import { ProgrammeService } from '../programmes/programme.service';
import { renderPage } from '../web/page';
import { PageExceptionFilter } from '../web/page-exception.filter';
import { WorkflowEngine } from '../workflows/workflow-engine.service';
import { SaveScenarioDto, WhatIfChange } from '../what-if/what-if.dto';
import { WhatIfScenariosService, ScenarioSummary } from '../what-if/what-if-scenarios.service';
import { WhatIfService } from '../what-if/what-if.service';
import { WhatIfAnswer } from '../what-if/what-if';
import { PageError } from './gate-forms';
import { formValues, parseWhatIfForm, whatIfErrors } from './what-if-form';
import { whatIfPage } from './what-if-page';

/**
 * GET /programmes/:id/what-if: the SRO's what-if page. The form is sent by GET, since asking
 * changes nothing; saving a scenario is the one POST, and it writes only the scenario.
 */
@ApiExcludeController()
@Controller('programmes/:id/what-if')
@UseFilters(PageExceptionFilter)
export class WhatIfPagesController {
  constructor(
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(WhatIfService) private readonly whatIf: WhatIfService,
    @Inject(WhatIfScenariosService) private readonly scenarios: WhatIfScenariosService,
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  async show(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Query() query: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ) {
    const view = await this.programmes.get(id, actor);
    const scenarios = await this.scenarios.list(id, actor);
    let values: Record<string, string>;
    let errors: PageError[];
    let answer: WhatIfAnswer | null = null;
    let changes: WhatIfChange[] = [];
    let scenario: ScenarioSummary | null = null;
    if (typeof query.scenario === 'string' && query.scenario) {
      const shown = await this.scenarios.show(id, query.scenario, actor);
      scenario = shown.scenario;
      changes = scenario.changes;
      values = formValues(changes);
      answer = shown.answer;
      errors = shown.problems.map((p) => ({ text: `This scenario no longer applies: ${p.message}` }));
    } else {
      const form = parseWhatIfForm(query, view, this.clock.today());
      values = form.values;
      errors = form.errors;
      if (form.asked && !errors.length) {
        changes = form.changes;
        try {
          answer = await this.whatIf.run(id, changes, actor);
        } catch (error) {
          if (!(error instanceof DomainError) || error.status !== 422) throw error;
          errors = whatIfErrors(form, error.errors ?? [{ field: '(body)', message: error.detail }]);
        }
      }
    }
    await this.render(reply, view, actor, {
      values,
      errors,
      answer,
      changes,
      scenarios,
      scenario,
      saved: query.saved === '1',
    });
  }

  @Post('scenarios')
  @Roles('sro', 'partnerships')
  async save(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ) {
    let changes: unknown;
    try {
      changes = JSON.parse(typeof body?.changes === 'string' ? body.changes : 'null');
    } catch {
      changes = null;
    }
    const name = typeof body?.name === 'string' ? body.name.trim() : '';
    const parsed = SaveScenarioDto.schema.safeParse({ name, changes });
    let errors: PageError[];
    if (parsed.success) {
      try {
        const saved = await this.scenarios.save(id, parsed.data.name, parsed.data.changes, actor);
        return reply.redirect(
          `/programmes/${encodeURIComponent(id)}/what-if?scenario=${encodeURIComponent(saved.id)}&saved=1`,
          303,
        );
      } catch (error) {
        if (!(error instanceof DomainError) || error.status !== 422) throw error;
        errors = (error.errors ?? []).map((e) => ({ text: e.message }));
      }
    } else {
      errors = toFieldErrors(parsed.error).map((e) =>
        e.field === 'name'
          ? { field: 'name', href: '#name', text: name ? `Name: ${e.message}` : 'Enter a name for the scenario' }
          : { text: `The what-if to save is not valid: ${e.field} ${e.message}` },
      );
    }
    const view = await this.programmes.get(id, actor);
    const valid = Array.isArray(changes) ? (changes as WhatIfChange[]) : [];
    let answer: WhatIfAnswer | null;
    try {
      answer = valid.length ? await this.whatIf.run(id, valid, actor) : null;
    } catch {
      answer = null;
    }
    const scenarios = await this.scenarios.list(id, actor);
    await this.render(
      reply,
      view,
      actor,
      {
        values: { ...formValues(answer ? valid : []), name },
        errors,
        answer,
        changes: answer ? valid : [],
        scenarios,
        scenario: null,
      },
      422,
    );
  }

  private render(
    reply: FastifyReply,
    view: Awaited<ReturnType<ProgrammeService['get']>>,
    actor: Actor,
    state: Omit<Parameters<typeof whatIfPage>[0], 'view' | 'def' | 'actor' | 'today'>,
    status?: number,
  ) {
    const page = whatIfPage({
      view,
      def: this.engine.definition(view.workflow.id, view.workflow.version),
      actor,
      today: this.clock.today(),
      ...state,
    });
    return renderPage(reply, 'what-if.njk', page, status ?? (state.errors.length ? 422 : 200));
  }
}
