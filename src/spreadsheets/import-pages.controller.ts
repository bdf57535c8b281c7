import { Body, Controller, Get, Inject, Post, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '../core/openapi/api-docs';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { DomainError } from '../core/errors/domain-error';
import { renderPage } from '../web/page';
import { PageExceptionFilter } from '../web/page-exception.filter';
import { WorkflowEngine } from '../workflows/workflow-engine.service';
import { NotAnXlsx, ProgrammeImportService } from './programme-import.service';

/**
 * /programmes/import: upload a filled-in tracker (a file field, multipart) to create a
 * programme. Errors come back on the same page, the NHS way: a summary listing every cell
 * to correct, by sheet, row and column; nothing is created until there are none.
 */
@ApiExcludeController()
@Controller('programmes/import')
@UseFilters(PageExceptionFilter)
export class ImportPagesController {
  constructor(
    @Inject(ProgrammeImportService) private readonly imports: ProgrammeImportService,
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
  ) {}

  @Get()
  @Roles('partnerships')
  async form(@Res() reply: FastifyReply) {
    await this.render(reply, [], 200);
  }

  @Post()
  @Roles('partnerships')
  async upload(@CurrentActor() actor: Actor, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply) {
    const file = body?.file;
    try {
      if (!Buffer.isBuffer(file) || file.length === 0) throw new NotAnXlsx();
      const programme = await this.imports.import(file, actor);
      await reply.redirect(`/programmes/${programme.id}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500 || error.status === 403) throw error;
      const errors = error.errors?.length ? error.errors : [{ field: 'file', message: error.detail }];
      await this.render(reply, errors, error.status === 415 ? 422 : error.status);
    }
  }

  private async render(reply: FastifyReply, errors: Array<{ field: string; message: string }>, status: number) {
    await renderPage(
      reply,
      'programme-import.njk',
      {
        errors: errors.map((e) => ({
          text: e.field === 'file' ? e.message : `${e.field}: ${e.message}`,
          href: '#file',
        })),
        workflows: this.engine.latest().map((d) => ({
          title: d.title,
          href: `/api/programmes/import-template.xlsx?workflow=${encodeURIComponent(d.id)}&version=${d.version}`,
        })),
      },
      status,
    );
  }
}
