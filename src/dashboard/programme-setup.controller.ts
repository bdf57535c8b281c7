import { Body, Controller, Get, Inject, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '../core/openapi/api-docs';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Actor, ROLES, Role, actorLabel } from '../auth/roles';
import { TokenService } from '../auth/token.service';
import { Clock } from '../core/clock/clock';
import { DomainError } from '../core/errors/domain-error';
import { MyGatesService } from '../programmes/my-gates.service';
import { ProgrammeMigrationService } from '../programmes/programme-migration.service';
import { ProgrammeService } from '../programmes/programme.service';
import { renderPage } from '../web/page';
import { PageExceptionFilter } from '../web/page-exception.filter';
import { WorkflowEngine } from '../workflows/workflow-engine.service';
import { formatInstant } from './labels';
import { blankProgramme, parseNewProgrammeForm, programmeError } from './setup-forms';
import { chooseWorkflowPage, migratePage, myGatesPage, newProgrammePage, peoplePage } from './setup-pages';

type Form = Record<string, unknown>;
const str = (body: Form, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');

/**
 * Setting programmes up and the pages around them: a new programme from any released workflow
 * version, a move to a newer version (preview, then confirm), "my gates", and people and
 * access (admin). The services behind them are the API's, so a page can do nothing the API
 * would refuse.
 */
@ApiExcludeController()
@Controller()
@UseFilters(PageExceptionFilter)
export class ProgrammeSetupController {
  constructor(
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(ProgrammeMigrationService) private readonly migrations: ProgrammeMigrationService,
    @Inject(MyGatesService) private readonly myGates: MyGatesService,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get('programmes/new')
  @Roles('partnerships')
  async newProgramme(
    @Query('workflow') workflow: string | undefined,
    @Query('version') version: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    const def = this.chosen(workflow, version);
    if (!def) return renderPage(reply, 'new-programme-choose.njk', chooseWorkflowPage(this.engine.definitions()));
    await renderPage(reply, 'new-programme.njk', newProgrammePage(def, blankProgramme(def), []));
  }

  /** Step one posts the chosen workflow here and is sent on to step two (GET, so the URL says which). */
  @Post('programmes/new/workflow')
  @Roles('partnerships')
  async chooseWorkflow(@Body() body: Form, @Res() reply: FastifyReply) {
    const [id, version] = str(body ?? {}, 'workflow').split('@');
    const def = this.chosen(id, version);
    if (!def) {
      return renderPage(
        reply,
        'new-programme-choose.njk',
        chooseWorkflowPage(this.engine.definitions(), 'Select the workflow the programme follows'),
        422,
      );
    }
    return reply.redirect(`/programmes/new?workflow=${encodeURIComponent(def.id)}&version=${def.version}`, 303);
  }

  @Post('programmes/new')
  @Roles('partnerships')
  async create(
    @Query('workflow') workflow: string | undefined,
    @Query('version') version: string | undefined,
    @Body() body: Form,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ) {
    const def = this.chosen(workflow, version);
    if (!def) return reply.redirect('/programmes/new', 303);
    const parsed = parseNewProgrammeForm(body ?? {}, def);
    let errors = parsed.errors;
    if (parsed.action.kind === 'create' && !errors.length && parsed.body) {
      try {
        const created = await this.programmes.create(parsed.body, actor);
        return reply.redirect(`/programmes/${encodeURIComponent(created.id)}?changed=created`, 303);
      } catch (error) {
        if (!(error instanceof DomainError) || (error.status !== 422 && error.status !== 409)) throw error;
        errors = error.errors?.length
          ? error.errors.map((e) => programmeError(e.field, e.message))
          : [{ text: error.detail }];
      }
    }
    const status = parsed.action.kind === 'create' ? 422 : 200;
    await renderPage(reply, 'new-programme.njk', newProgrammePage(def, parsed.values, errors), status);
  }

  @Get('programmes/:id/migrate')
  @Roles('partnerships')
  async migrateForm(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() reply: FastifyReply) {
    const view = await this.programmes.get(id, actor);
    const latest = this.engine.definition(view.workflow.id).version;
    if (latest <= view.workflow.version) {
      return renderPage(
        reply,
        'migrate.njk',
        migratePage(view, null, 'This programme already follows the newest version of its workflow.'),
      );
    }
    try {
      await renderPage(reply, 'migrate.njk', migratePage(view, await this.migrations.preview(id, latest), null));
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 409) throw error;
      await renderPage(reply, 'migrate.njk', migratePage(view, null, error.detail), 409);
    }
  }

  @Post('programmes/:id/migrate')
  @Roles('partnerships')
  async migrate(@Param('id') id: string, @Body() body: Form, @CurrentActor() actor: Actor, @Res() reply: FastifyReply) {
    const view = await this.programmes.get(id, actor);
    const toVersion = Number(str(body ?? {}, 'toVersion'));
    try {
      await this.migrations.migrate(id, toVersion, actor);
      return reply.redirect(`/programmes/${encodeURIComponent(id)}?changed=migrated`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.status !== 422 && error.status !== 409)) throw error;
      await renderPage(reply, 'migrate.njk', migratePage(view, null, error.detail), error.status);
    }
  }

  @Get('my-gates')
  async mine(@CurrentActor() actor: Actor, @Res() reply: FastifyReply) {
    await renderPage(reply, 'my-gates.njk', myGatesPage(await this.myGates.list(actor)));
  }

  @Get('admin/people')
  @Roles('admin')
  async people(@Res() reply: FastifyReply) {
    await this.renderPeople(reply, { values: {}, errors: [] });
  }

  @Post('admin/people')
  @Roles('admin')
  async createToken(@Body() body: Form, @CurrentActor() actor: Actor, @Res() reply: FastifyReply) {
    const values = {
      name: str(body ?? {}, 'name'),
      email: str(body ?? {}, 'email'),
      role: str(body ?? {}, 'role'),
      programmeId: str(body ?? {}, 'programmeId'),
    };
    const errors = [];
    if (!values.name) errors.push({ field: 'name', href: '#name', text: 'Enter the person’s name' });
    if (!values.email) errors.push({ field: 'email', href: '#email', text: 'Enter the person’s email address' });
    if (!(ROLES as readonly string[]).includes(values.role)) {
      errors.push({ field: 'role', href: '#role', text: 'Select what the person may do' });
    }
    if (!errors.length) {
      try {
        const created = await this.tokens.create(
          {
            name: values.name,
            email: values.email,
            role: values.role as Role,
            programmeId: values.programmeId || null,
          },
          undefined,
          actorLabel(actor),
        );
        // Shown once, on this answer only: never in a URL, a redirect or a log.
        return this.renderPeople(
          reply,
          { values: {}, errors: [], created: { token: created.token, name: values.name } },
          201,
        );
      } catch (error) {
        if (!(error instanceof DomainError) || error.status >= 500) throw error;
        const fields: Record<string, string> = {
          name: '#name',
          email: '#email',
          role: '#role',
          programmeId: '#programmeId',
        };
        errors.push(
          ...(error.errors?.length
            ? error.errors.map((e) => ({
                field: e.field,
                href: fields[e.field] ?? '#name',
                text: message(e.field, e.message),
              }))
            : [{ field: 'programmeId', href: '#programmeId', text: error.detail }]),
        );
      }
    }
    await this.renderPeople(reply, { values, errors }, 422);
  }

  @Post('admin/people/tokens/:tokenId/revoke')
  @Roles('admin')
  async revoke(@Param('tokenId') tokenId: string, @CurrentActor() actor: Actor, @Res() reply: FastifyReply) {
    await this.tokens.revoke(tokenId, actorLabel(actor));
    return reply.redirect('/admin/people?revoked=1', 303);
  }

  private async renderPeople(
    reply: FastifyReply,
    state: Parameters<typeof peoplePage>[3],
    status = 200,
  ): Promise<void> {
    const [tokens, programmes] = await Promise.all([this.tokens.list(), this.programmes.list()]);
    const page = peoplePage(
      tokens,
      programmes.map((p) => ({ id: p.id, name: p.name })),
      (iso) => formatInstant(iso, this.clock.timeZone),
      state,
    );
    await renderPage(reply, 'people.njk', { ...page, revoked: (reply.request.query as Form)?.revoked === '1' }, status);
  }

  private chosen(workflow: string | undefined, version: string | undefined) {
    if (typeof workflow !== 'string' || typeof version !== 'string' || !/^\d+$/.test(version)) return undefined;
    return this.engine.definitions().find((d) => d.id === workflow && d.version === Number(version));
  }
}

function message(field: string, text: string): string {
  const labels: Record<string, string> = {
    email: 'Email address',
    name: 'Name',
    programmeId: 'Programme',
    role: 'Role',
  };
  return Object.hasOwn(labels, field) ? `${labels[field]}: ${text}` : text;
}
