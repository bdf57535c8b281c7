import { Controller, Get, Inject, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '../core/openapi/api-docs';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { ProgrammeService } from '../programmes/programme.service';
import { renderPage } from '../web/page';
import { PageExceptionFilter } from '../web/page-exception.filter';
import { portfolio } from './portfolio';

/** GET /: the portfolio, every programme the signed-in person may see with its RAG and dates. */
@ApiExcludeController()
@Controller()
@UseFilters(PageExceptionFilter)
export class HomeController {
  constructor(@Inject(ProgrammeService) private readonly programmes: ProgrammeService) {}

  @Get()
  async home(@CurrentActor() actor: Actor, @Res() reply: FastifyReply) {
    await renderPage(reply, 'dashboard.njk', portfolio(await this.programmes.list(actor)));
  }
}
