import { Body, Controller, Get, Inject, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '../core/openapi/api-docs';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { Clock } from '../core/clock/clock';
import { DomainError, Forbidden, NotFound, WorkflowConflict } from '../core/errors/domain-error';
import { isRealDate } from '../core/errors/validation';
import { GateChangeService } from '../programmes/gate-change.service';
import { ProgrammeService } from '../programmes/programme.service';
import { ProgrammeView } from '../programmes/programme-view';
import { renderPage } from '../web/page';
import { PageExceptionFilter } from '../web/page-exception.filter';
import { completePage, decisionPage, reforecastPage } from './gate-form-pages';
import {
  FormKind,
  PageError,
  ParsedForm,
  parseCompleteForm,
  parseDecisionForm,
  parseReforecastForm,
  serviceErrors,
} from './gate-forms';
import { GateAction, gateActions } from './permissions';

type Gate = ProgrammeView['gates'][number];
type Form = Record<string, unknown>;

const ACTION_OF: Record<FormKind, GateAction> = { decision: 'decide', complete: 'complete', reforecast: 'reforecast' };
const TEMPLATE: Record<FormKind, string> = {
  decision: 'gate-decision.njk',
  complete: 'gate-complete.njk',
  reforecast: 'gate-reforecast.njk',
};

/**
 * The forms that change a gate: record a partner's decision, complete a gate, re-forecast.
 * Each posts to itself; on success it redirects to the programme page (303, so a reload does
 * not post again), on error it shows the form again with what was typed and the messages.
 * The guard checks role and CSRF token; the services check everything else, as for the API.
 */
@ApiExcludeController()
@Controller('programmes/:id/gates/:gateId')
@UseFilters(PageExceptionFilter)
export class GateFormsController {
  constructor(
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(GateChangeService) private readonly changes: GateChangeService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get('decision')
  @Roles('partnerships')
  async decisionForm(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
    @Query('party') party?: string,
  ) {
    const { view, gate } = await this.offered(id, gateId, actor, 'decision');
    const values: Record<string, string> =
      typeof party === 'string' && gate.parties?.some((p) => p.id === party) ? { partyId: party } : {};
    await this.render(reply, 'decision', view, gate, { values, errors: [] });
  }

  @Post('decision')
  @Roles('partnerships')
  async decide(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @CurrentActor() actor: Actor,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    const parsed = parseDecisionForm(body ?? {}, this.clock.today());
    await this.submit(reply, 'decision', id, gateId, actor, parsed, async (dto) => {
      await this.changes.recordDecision(id, gateId, dto, actor);
      return { party: dto.partyId };
    });
  }

  @Get('complete')
  @Roles('partnerships', 'owner')
  async completeForm(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ) {
    const { view, gate } = await this.offered(id, gateId, actor, 'complete');
    await this.render(reply, 'complete', view, gate, { values: {}, errors: [] });
  }

  @Post('complete')
  @Roles('partnerships', 'owner')
  async complete(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @CurrentActor() actor: Actor,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    const parsed = parseCompleteForm(body ?? {}, this.clock.today());
    await this.submit(reply, 'complete', id, gateId, actor, parsed, async (dto) => {
      await this.changes.completeGate(id, gateId, dto, actor);
      return {};
    });
  }

  @Get('reforecast')
  @Roles('partnerships', 'sro', 'owner')
  async reforecastForm(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, unknown> = {},
  ) {
    const { view, gate } = await this.offered(id, gateId, actor, 'reforecast');
    await this.render(reply, 'reforecast', view, gate, { values: reforecastPrefill(query), errors: [] });
  }

  @Post('reforecast')
  @Roles('partnerships', 'sro', 'owner')
  async reforecast(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @CurrentActor() actor: Actor,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    const parsed = parseReforecastForm(body ?? {}, this.clock.today());
    await this.submit(reply, 'reforecast', id, gateId, actor, parsed, async (dto) => {
      await this.changes.reforecast(id, gateId, dto, actor);
      return {};
    });
  }

  /** The programme and gate, when this person may use this form on it now; otherwise a 403 or 409 page. */
  private async offered(id: string, gateId: string, actor: Actor, kind: FormKind) {
    const view = await this.programmes.get(id, actor);
    const gate = view.gates.find((g) => g.id === gateId);
    if (!gate) throw new NotFound('Gate', gateId);
    const action = ACTION_OF[kind];
    if (!gateActions(actor, gate)[action]) {
      // Would the partnerships lead be offered it? Then it is this person's role; if not, the gate's state.
      if (gateActions({ role: 'partnerships', email: '' }, gate)[action]) {
        throw new Forbidden(`Only the owner of ${gate.title} or the partnerships lead may do this`);
      }
      throw new WorkflowConflict('NOT_OFFERED', notNow(gate, kind));
    }
    return { view, gate };
  }

  private async submit<T>(
    reply: FastifyReply,
    kind: FormKind,
    id: string,
    gateId: string,
    actor: Actor,
    parsed: ParsedForm<T>,
    apply: (dto: T) => Promise<Record<string, string>>,
  ): Promise<void> {
    let errors: PageError[] = parsed.errors;
    let status = 422;
    if (!errors.length && parsed.body) {
      try {
        const extra = await apply(parsed.body);
        const query = new URLSearchParams({ changed: kind, gate: gateId, ...extra });
        return reply.redirect(`/programmes/${encodeURIComponent(id)}?${query.toString()}`, 303);
      } catch (error) {
        // Refusals a person can act on go back on the form; the rest (403, 404) are error pages.
        if (!(error instanceof DomainError) || (error.status !== 422 && error.status !== 409)) throw error;
        errors = serviceErrors(kind, error);
        status = error.status;
      }
    }
    const view = await this.programmes.get(id, actor);
    const gate = view.gates.find((g) => g.id === gateId);
    if (!gate) throw new NotFound('Gate', gateId);
    await this.render(reply, kind, view, gate, { values: parsed.values, errors }, status);
  }

  private render(
    reply: FastifyReply,
    kind: FormKind,
    view: ProgrammeView,
    gate: Gate,
    state: { values: Record<string, string>; errors: PageError[] },
    status = 200,
  ): Promise<void> {
    const page =
      kind === 'decision'
        ? decisionPage(view, gate, state)
        : kind === 'complete'
          ? completePage(view, gate, state)
          : reforecastPage(view, gate, state, this.clock.today());
    return renderPage(reply, TEMPLATE[kind], page, status);
  }
}

/** A re-forecast handed on from a what-if: the date and reason filled in, to check and save. */
export function reforecastPrefill(query: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  const date = typeof query.forecastDate === 'string' ? query.forecastDate : '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(date) && isRealDate(date)) {
    const [y, m, d] = date.split('-');
    Object.assign(values, {
      'forecastDate-day': String(Number(d)),
      'forecastDate-month': String(Number(m)),
      'forecastDate-year': y,
    });
  }
  if (typeof query.reason === 'string') values.reason = query.reason.slice(0, 2000);
  return values;
}

const STATE_TEXT = { 'not-started': 'not open yet', open: 'open', running: 'under way', complete: 'complete' };

function notNow(gate: Gate, kind: FormKind): string {
  const state = STATE_TEXT[gate.status];
  switch (kind) {
    case 'decision':
      return gate.kind === 'approval'
        ? `${gate.title} is ${state}: decisions are recorded while it is open`
        : `${gate.title} is not an approval gate: it has no decisions to record`;
    case 'complete':
      if (gate.kind === 'approval') return `${gate.title} completes by itself once every party has approved`;
      if (gate.kind === 'consultation' && gate.status === 'open') {
        return `${gate.title} has not started: it can be closed once it is under way`;
      }
      return `${gate.title} is ${state}: it cannot be completed now`;
    case 'reforecast':
      return `${gate.title} is ${state}: its dates are actuals now, not forecasts`;
  }
}
