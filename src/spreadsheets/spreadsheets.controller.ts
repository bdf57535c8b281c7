import { Body, Controller, Get, Headers, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiQuery, ApiTags } from '../core/openapi/api-docs';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { ValidationFailed } from '../core/errors/domain-error';
import { NotAnXlsx, ProgrammeImportService } from './programme-import.service';
import { SpreadsheetExportService } from './spreadsheet-export.service';
import { SHEET_ORDER, SheetKey, isSheetKey } from './workbook-layout';
import { XLSX_TYPE } from './workbook-uploads';

/** The portfolio and single programmes as Excel workbooks and CSV, the tracker template, and its import. */
@ApiTags('spreadsheets')
@ApiBearerAuth()
@Controller('api/programmes')
export class SpreadsheetsController {
  constructor(
    @Inject(SpreadsheetExportService) private readonly exports: SpreadsheetExportService,
    @Inject(ProgrammeImportService) private readonly imports: ProgrammeImportService,
  ) {}

  @Get('export.xlsx')
  @ApiProduces(XLSX_TYPE)
  async portfolio(@CurrentActor() actor: Actor, @Res() reply: FastifyReply) {
    await sendXlsx(reply, await this.exports.xlsx(actor), 'programmes.xlsx');
  }

  @Get('export.csv')
  @ApiProduces('text/csv')
  @ApiQuery({ name: 'sheet', required: false, enum: SHEET_ORDER })
  async portfolioCsv(@CurrentActor() actor: Actor, @Res() reply: FastifyReply, @Query('sheet') sheet?: string) {
    const key = sheetOf(sheet);
    await sendCsv(reply, await this.exports.csv(actor, key), `programmes-${key}.csv`);
  }

  /** The tracker to fill in and import: `?workflow=nhs-service-change&version=2` (default: the newest). */
  @Get('import-template.xlsx')
  @ApiProduces(XLSX_TYPE)
  @ApiQuery({ name: 'workflow', required: false })
  @ApiQuery({ name: 'version', required: false })
  async template(@Res() reply: FastifyReply, @Query('workflow') workflow?: string, @Query('version') version?: string) {
    const v = version === undefined || version === '' ? undefined : Number(version);
    if (v !== undefined && !(Number.isInteger(v) && v > 0)) {
      throw new ValidationFailed([{ field: 'version', message: 'expected a whole number' }]);
    }
    const id = typeof workflow === 'string' && workflow ? workflow : 'nhs-service-change';
    await sendXlsx(reply, await this.exports.template(id, v), `${id}-tracker.xlsx`);
  }

  /** A filled-in tracker (the .xlsx bytes as the body) becomes a new programme: 201 with it, or 422 naming each bad cell. */
  @Post('import')
  @Roles('partnerships')
  @ApiConsumes(XLSX_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  async import(
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
    @Headers('content-type') type?: string,
  ) {
    if (!Buffer.isBuffer(body) || !type?.startsWith(XLSX_TYPE)) throw new NotAnXlsx();
    const programme = await this.imports.import(body, actor);
    await reply.status(201).header('location', `/api/programmes/${programme.id}`).send(programme);
  }

  @Get(':id/export.xlsx')
  @ApiProduces(XLSX_TYPE)
  async programme(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() reply: FastifyReply) {
    await sendXlsx(reply, await this.exports.xlsx(actor, id), 'programme.xlsx');
  }

  @Get(':id/export.csv')
  @ApiProduces('text/csv')
  @ApiQuery({ name: 'sheet', required: false, enum: SHEET_ORDER })
  async programmeCsv(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
    @Query('sheet') sheet?: string,
  ) {
    const key = sheetOf(sheet);
    await sendCsv(reply, await this.exports.csv(actor, key, id), `programme-${key}.csv`);
  }
}

function sheetOf(sheet: string | undefined): SheetKey {
  if (sheet === undefined || sheet === '') return 'gates';
  if (!isSheetKey(sheet)) {
    throw new ValidationFailed([{ field: 'sheet', message: `expected one of ${SHEET_ORDER.join(', ')}` }]);
  }
  return sheet;
}

async function sendXlsx(reply: FastifyReply, bytes: Buffer, filename: string): Promise<void> {
  await reply
    .type(XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(bytes);
}

async function sendCsv(reply: FastifyReply, csv: string, filename: string): Promise<void> {
  await reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(csv);
}
