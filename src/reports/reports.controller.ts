import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiQuery, ApiTags } from '../core/openapi/api-docs';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { CONTENT_TYPES, REPORT_FORMATS, fileName, renderPortfolio, renderReport, reportQuery } from './report-format';
import { ReportService } from './report.service';

const AS_OF = { name: 'asOf', required: false, description: 'YYYY-MM-DD; today when left out' };
const FORMAT = { name: 'format', required: false, enum: [...REPORT_FORMATS] };

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/programmes')
export class ReportsController {
  constructor(@Inject(ReportService) private readonly reports: ReportService) {}

  /** The portfolio report: every programme the caller may see, worst first. */
  @Get('report')
  @ApiQuery(AS_OF)
  @ApiQuery(FORMAT)
  @ApiProduces('application/json', ...Object.values(CONTENT_TYPES))
  async portfolio(
    @CurrentActor() actor: Actor,
    @Query('asOf') asOf: unknown,
    @Query('format') format: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const q = reportQuery(asOf, format);
    const report = await this.reports.portfolioReport(q.asOf, actor);
    if (q.format === 'json') return report;
    return send(reply, await renderPortfolio(report, q.format), q.format, fileName('portfolio', report.asOf, q.format));
  }

  /** The monthly highlight report of one programme as of a date. */
  @Get(':id/report')
  @ApiQuery(AS_OF)
  @ApiQuery(FORMAT)
  @ApiProduces('application/json', ...Object.values(CONTENT_TYPES))
  async programme(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Query('asOf') asOf: unknown,
    @Query('format') format: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const q = reportQuery(asOf, format);
    const report = await this.reports.programmeReport(id, q.asOf, actor);
    if (q.format === 'json') return report;
    return send(
      reply,
      await renderReport(report, q.format),
      q.format,
      fileName(report.programme.name, report.asOf, q.format),
    );
  }
}

function send(reply: FastifyReply, body: Buffer, format: 'pdf' | 'docx', name: string): Buffer {
  void reply.header('content-type', CONTENT_TYPES[format]);
  void reply.header('content-disposition', `attachment; filename="${name}"`);
  return body;
}
