import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '../core/openapi/api-docs';
import { DataSource } from 'typeorm';
import { Clock } from '../core/clock/clock';
import { Public } from '../auth/auth.decorators';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ description: 'The service and its database answer' })
  async health() {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('The database does not answer');
    }
    return { status: 'ok', database: this.dataSource.options.type, now: this.clock.now().toISOString() };
  }
}
