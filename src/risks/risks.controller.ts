import { Body, Controller, Get, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '../core/openapi/api-docs';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { ValidationFailed } from '../core/errors/domain-error';
import { BodyOf, isRealDate } from '../core/errors/validation';
import { CreateRiskDto, UpdateRiskDto } from './risk.dto';
import { RiskService } from './risk.service';

@ApiTags('risks')
@ApiBearerAuth()
@Controller('api/programmes/:id/risks')
export class RisksController {
  constructor(@Inject(RiskService) private readonly risks: RiskService) {}

  @Post()
  @Roles('partnerships', 'sro', 'owner')
  @BodyOf(CreateRiskDto)
  create(@Param('id') id: string, @Body() body: CreateRiskDto, @CurrentActor() actor: Actor) {
    return this.risks.create(id, body, actor);
  }

  @Get()
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'all'] })
  @ApiQuery({ name: 'asOf', required: false, description: 'the log as it stood at the end of that day' })
  list(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Query('status') status?: string,
    @Query('asOf') asOf?: string,
  ) {
    const errors = [];
    if (status !== undefined && status !== 'open' && status !== 'all') {
      errors.push({ field: 'status', message: "expected 'open' or 'all'" });
    }
    if (asOf !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(asOf) && isRealDate(asOf))) {
      errors.push({ field: 'asOf', message: 'expected a date as YYYY-MM-DD' });
    }
    if (errors.length) throw new ValidationFailed(errors);
    return this.risks.list(id, actor, { all: status === 'all', asOf });
  }

  /** One risk with its history: every change of score, owner or status, with reason and actor. */
  @Get(':riskId')
  get(@Param('id') id: string, @Param('riskId') riskId: string, @CurrentActor() actor: Actor) {
    return this.risks.get(id, riskId, actor);
  }

  @Patch(':riskId')
  @Roles('partnerships', 'sro', 'owner')
  @BodyOf(UpdateRiskDto)
  update(
    @Param('id') id: string,
    @Param('riskId') riskId: string,
    @Body() body: UpdateRiskDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.risks.update(id, riskId, body, actor);
  }
}
