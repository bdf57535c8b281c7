import { Controller, Get, Inject, Param, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '../core/openapi/api-docs';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { reportQuery } from '../reports/report-format';
import { ReportService } from '../reports/report.service';
import { renderPage } from '../web/page';
import { PageExceptionFilter } from '../web/page-exception.filter';
import { portfolioPage, reportPage } from './report-page';

/** The highlight report pages: one programme, and the portfolio. Both print as board papers. */
@ApiExcludeController()
@Controller()
@UseFilters(PageExceptionFilter)
export class ReportPagesController {
  constructor(@Inject(ReportService) private readonly reports: ReportService) {}

  @Get('programmes/:id/report')
  async programme(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Query('asOf') asOf: unknown,
    @Res() reply: FastifyReply,
  ) {
    const q = reportQuery(asOf === '' ? undefined : asOf, undefined);
    const report = await this.reports.programmeReport(id, q.asOf, actor);
    await renderPage(reply, 'report.njk', reportPage(report));
  }

  @Get('reports/portfolio')
  async portfolio(@CurrentActor() actor: Actor, @Query('asOf') asOf: unknown, @Res() reply: FastifyReply) {
    const q = reportQuery(asOf === '' ? undefined : asOf, undefined);
    const report = await this.reports.portfolioReport(q.asOf, actor);
    await renderPage(reply, 'portfolio-report.njk', portfolioPage(report));
  }
}
