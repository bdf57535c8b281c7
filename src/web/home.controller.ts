import { Controller, Get, Inject, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { CurrentActor } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { renderPage } from './page';
import { PageExceptionFilter } from './page-exception.filter';

/**
 * GET / for a signed-in person: the programmes they may see. A placeholder until the
 * dashboard (RAG, next gates, consultation start) takes this route over.
 */
@ApiExcludeController()
@Controller()
@UseFilters(PageExceptionFilter)
export class HomeController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Get()
  async home(@CurrentActor() actor: Actor, @Res() reply: FastifyReply) {
    const scoped = actor.programmeId && actor.role !== 'admin';
    const programmes = await this.dataSource.query(
      `SELECT id, name FROM programme ${scoped ? `WHERE id = ${this.dataSource.options.type === 'postgres' ? '$1' : '?'}` : ''} ORDER BY name`,
      scoped ? [actor.programmeId] : [],
    );
    await renderPage(reply, 'dashboard.njk', { programmes });
  }
}
