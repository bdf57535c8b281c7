import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '../core/openapi/api-docs';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';

/**
 * Public and anonymous, so they tell a stranger nothing beyond "up": not the database kind,
 * not the server clock, not the version.
 */
@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Get()
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ description: 'The service and its database answer' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  async health() {
    await this.databaseAnswers();
    return { status: 'ok' };
  }

  /** Liveness: the process serves HTTP. Never touches the database, so a slow database does not get the process restarted. */
  @Get('live')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process is serving requests' })
  live() {
    return { status: 'ok' };
  }

  /** Readiness: the database answers and every migration this build knows of has been applied. */
  @Get('ready')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ description: 'The database answers and its schema is current' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer, or migrations are pending' })
  async ready() {
    await this.databaseAnswers();
    // Read only: TypeORM's showMigrations would create the migrations table if it were missing.
    let applied: Set<string>;
    try {
      const rows: Array<{ name: string }> = await this.dataSource.query('SELECT name FROM schema_migrations');
      applied = new Set(rows.map((r) => r.name));
    } catch {
      throw new ServiceUnavailableException('Database migrations are pending');
    }
    if (this.dataSource.migrations.some((m) => !applied.has(m.name!))) {
      throw new ServiceUnavailableException('Database migrations are pending');
    }
    return { status: 'ok' };
  }

  private async databaseAnswers(): Promise<void> {
    try {
      if (!this.dataSource.isInitialized) throw new Error('closed');
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('The database does not answer');
    }
  }
}
