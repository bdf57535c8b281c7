import { Controller, Get, Inject, Param, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '../core/openapi/api-docs';
import type { FastifyReply } from 'fastify';
import { AuditService } from '../audit/audit.service';
import { CurrentActor } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { Clock } from '../core/clock/clock';
import { ProgrammeService } from '../programmes/programme.service';
import { renderPage } from '../web/page';
import { PageExceptionFilter } from '../web/page-exception.filter';
import { WorkflowEngine } from '../workflows/workflow-engine.service';
import { programmePage } from './programme-page';
import { RiskService } from '../risks/risk.service';
import { TOP_RISKS } from '../reports/highlight-report';
import { riskActions, riskRow } from './risk-pages';
import { WhatIfService } from '../what-if/what-if.service';

/** How many audit entries the programme page shows; the API has the whole trail. */
const RECENT_AUDIT = 10;

/** GET /programmes/:id: the programme page an SRO or a partner board reads. */
@ApiExcludeController()
@Controller()
@UseFilters(PageExceptionFilter)
export class ProgrammePagesController {
  constructor(
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(RiskService) private readonly risks: RiskService,
    @Inject(WhatIfService) private readonly whatIf: WhatIfService,
  ) {}

  @Get('programmes/:id')
  async show(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Query() query: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ) {
    const view = await this.programmes.get(id, actor);
    const audit = await this.audit.list(id, RECENT_AUDIT);
    const critical = await this.whatIf.criticalPath(await this.programmes.loadForReading(id));
    const page = programmePage({
      view,
      def: this.engine.definition(view.workflow.id, view.workflow.version),
      audit,
      actor,
      today: this.clock.today(),
      timeZone: this.clock.timeZone,
      notice: query,
      latestVersion: this.engine.definition(view.workflow.id).version,
      critical,
    });
    const risks = (await this.risks.list(id, actor)).slice(0, TOP_RISKS);
    const href = `/programmes/${encodeURIComponent(id)}`;
    await renderPage(reply, 'programme.njk', {
      ...page,
      topRisks: risks.map((r) => riskRow(r, view, actor)),
      canAddRisk: riskActions(actor).add,
      risksHref: `${href}/risks`,
      reportHref: `${href}/report`,
    });
  }
}
