import { Body, Controller, Get, Inject, Param, Post, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '../core/openapi/api-docs';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { Clock } from '../core/clock/clock';
import { DomainError, Forbidden, NotFound, WorkflowConflict } from '../core/errors/domain-error';
import { GateChangeService } from '../programmes/gate-change.service';
import { GatePeopleService } from '../programmes/gate-people.service';
import { ProgrammeService } from '../programmes/programme.service';
import { ProgrammeView } from '../programmes/programme-view';
import { renderPage } from '../web/page';
import { PageExceptionFilter } from '../web/page-exception.filter';
import { WorkflowEngine } from '../workflows/workflow-engine.service';
import { PageError, ParsedForm } from './gate-forms';
import { GateAction, gateActions } from './permissions';
import {
  parseAddPartyForm,
  parseEvidenceForm,
  parseOwnerForm,
  parseStartForm,
  parseWithdrawForm,
  refusalErrors,
} from './setup-forms';
import { evidencePage, ownerPage, partiesPage, startPage, withdrawPage } from './setup-pages';

type Gate = ProgrammeView['gates'][number];
type Form = Record<string, unknown>;

const FIELDS = {
  owner: { name: '#name', email: '#email' },
  party: { name: '#name', id: '#id' },
  withdraw: { reason: '#reason' },
  start: { startsOn: '#startsOn-day', closesOn: '#closesOn-day', justification: '#justification' },
  evidence: { itemId: '#itemId', recordedOn: '#recordedOn-day', reference: '#reference', link: '#link' },
};

/**
 * The forms that run a gate after set-up: its owner, an approval gate's parties (add one,
 * withdraw one), the consultation's launch and evidence. Like the other gate forms: each
 * posts to itself, redirects to the programme with a confirmation (303), or shows itself
 * again with the messages and what was typed. The services check what the API checks.
 */
@ApiExcludeController()
@Controller('programmes/:id/gates/:gateId')
@UseFilters(PageExceptionFilter)
export class GateRunFormsController {
  constructor(
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(GateChangeService) private readonly changes: GateChangeService,
    @Inject(GatePeopleService) private readonly people: GatePeopleService,
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get('owner')
  @Roles('partnerships')
  async ownerForm(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ) {
    const { view, gate } = await this.load(id, gateId, actor);
    await renderPage(reply, 'gate-owner.njk', ownerPage(view, gate, { values: {}, errors: [] }));
  }

  @Post('owner')
  @Roles('partnerships')
  async setOwner(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @CurrentActor() actor: Actor,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    const parsed = parseOwnerForm(body ?? {});
    await this.submit(
      reply,
      id,
      gateId,
      actor,
      parsed,
      FIELDS.owner,
      'owner',
      (dto) => this.people.setOwner(id, gateId, dto, actor),
      (view, gate, state) => renderPage(reply, 'gate-owner.njk', ownerPage(view, gate, state), state.status),
    );
  }

  @Get('parties')
  async partiesForm(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ) {
    const { view, gate } = await this.load(id, gateId, actor);
    if (gate.kind !== 'approval') throw new NotFound('Approval gate', gateId);
    await renderPage(
      reply,
      'gate-parties.njk',
      partiesPage(view, gate, { values: {}, errors: [] }, gateActions(actor, gate).parties),
    );
  }

  @Post('parties')
  @Roles('partnerships')
  async addParty(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @CurrentActor() actor: Actor,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    const parsed = parseAddPartyForm(body ?? {});
    await this.submit(
      reply,
      id,
      gateId,
      actor,
      parsed,
      FIELDS.party,
      'party-added',
      async (dto) => {
        await this.people.addParty(id, gateId, dto, actor);
        return { party: dto.id };
      },
      (view, gate, state) => renderPage(reply, 'gate-parties.njk', partiesPage(view, gate, state, true), state.status),
    );
  }

  @Get('parties/:partyId/withdraw')
  @Roles('partnerships')
  async withdrawForm(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @Param('partyId') partyId: string,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ) {
    const { view, gate } = await this.load(id, gateId, actor);
    const party = this.party(gate, partyId);
    await renderPage(reply, 'party-withdraw.njk', withdrawPage(view, gate, party, { values: {}, errors: [] }));
  }

  @Post('parties/:partyId/withdraw')
  @Roles('partnerships')
  async withdraw(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @Param('partyId') partyId: string,
    @CurrentActor() actor: Actor,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    const parsed = parseWithdrawForm(body ?? {});
    await this.submit(
      reply,
      id,
      gateId,
      actor,
      parsed,
      FIELDS.withdraw,
      'party-withdrawn',
      async (dto) => {
        await this.people.withdrawParty(id, gateId, partyId, dto, actor);
        return { party: partyId };
      },
      (view, gate, state) =>
        renderPage(
          reply,
          'party-withdraw.njk',
          withdrawPage(view, gate, this.party(gate, partyId), state),
          state.status,
        ),
    );
  }

  @Get('start')
  @Roles('partnerships', 'owner')
  async startForm(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ) {
    const { view, gate } = await this.offered(id, gateId, actor, 'start');
    await renderPage(reply, 'gate-start.njk', this.startModel(view, gate, { values: {}, errors: [] }));
  }

  @Post('start')
  @Roles('partnerships', 'owner')
  async start(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @CurrentActor() actor: Actor,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    const parsed = parseStartForm(body ?? {});
    await this.submit(
      reply,
      id,
      gateId,
      actor,
      parsed,
      FIELDS.start,
      'started',
      (dto) => this.changes.startConsultation(id, gateId, dto, actor),
      (view, gate, state) => renderPage(reply, 'gate-start.njk', this.startModel(view, gate, state), state.status),
    );
  }

  @Get('evidence')
  @Roles('partnerships', 'owner')
  async evidenceForm(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ) {
    const { view, gate } = await this.offered(id, gateId, actor, 'evidence');
    await renderPage(reply, 'gate-evidence.njk', evidencePage(view, gate, { values: {}, errors: [] }));
  }

  @Post('evidence')
  @Roles('partnerships', 'owner')
  async evidence(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @CurrentActor() actor: Actor,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    const { gate } = await this.load(id, gateId, actor);
    const parsed = parseEvidenceForm(
      body ?? {},
      this.clock.today(),
      (gate.evidence ?? []).map((i) => i.id),
    );
    await this.submit(
      reply,
      id,
      gateId,
      actor,
      parsed,
      FIELDS.evidence,
      'evidence',
      async (dto) => {
        await this.changes.recordEvidence(id, gateId, dto, actor);
        return { item: dto.itemId };
      },
      (view, g, state) => renderPage(reply, 'gate-evidence.njk', evidencePage(view, g, state), state.status),
    );
  }

  private startModel(view: ProgrammeView, gate: Gate, state: { values: Record<string, string>; errors: PageError[] }) {
    const def = this.engine.definition(view.workflow.id, view.workflow.version);
    return startPage(view, gate, def, state, this.clock.today());
  }

  private async load(id: string, gateId: string, actor: Actor) {
    const view = await this.programmes.get(id, actor);
    const gate = view.gates.find((g) => g.id === gateId);
    if (!gate) throw new NotFound('Gate', gateId);
    return { view, gate };
  }

  /** The form, when this person may use it on this gate now; otherwise a 403 or 409 page. */
  private async offered(id: string, gateId: string, actor: Actor, action: GateAction) {
    const { view, gate } = await this.load(id, gateId, actor);
    if (!gateActions(actor, gate)[action]) {
      if (gateActions({ role: 'partnerships', email: '' }, gate)[action]) {
        throw new Forbidden(`Only the owner of ${gate.title} or the partnerships lead may do this`);
      }
      throw new WorkflowConflict(
        'NOT_OFFERED',
        action === 'start'
          ? `${gate.title} is not a consultation waiting to start`
          : `${gate.title} has no evidence left to record`,
      );
    }
    return { view, gate };
  }

  private party(gate: Gate, partyId: string) {
    const party = gate.parties?.find((p) => p.id === partyId);
    if (!party) throw new NotFound('Party', partyId);
    return { id: party.id, name: party.name };
  }

  private async submit<T>(
    reply: FastifyReply,
    id: string,
    gateId: string,
    actor: Actor,
    parsed: ParsedForm<T>,
    fields: Record<string, string>,
    changed: string,
    apply: (dto: T) => Promise<unknown>,
    render: (
      view: ProgrammeView,
      gate: Gate,
      state: { values: Record<string, string>; errors: PageError[]; status: number },
    ) => Promise<void>,
  ): Promise<void> {
    let errors = parsed.errors;
    let status = 422;
    if (!errors.length && parsed.body) {
      try {
        const extra = await apply(parsed.body);
        const query = new URLSearchParams({
          changed,
          gate: gateId,
          ...(extra && typeof extra === 'object' && !('gates' in extra) ? (extra as Record<string, string>) : {}),
        });
        return reply.redirect(`/programmes/${encodeURIComponent(id)}?${query.toString()}`, 303);
      } catch (error) {
        if (!(error instanceof DomainError) || (error.status !== 422 && error.status !== 409)) throw error;
        errors = refusalErrors(error, fields);
        status = error.status;
      }
    }
    const { view, gate } = await this.load(id, gateId, actor);
    await render(view, gate, { values: parsed.values, errors, status });
  }
}
