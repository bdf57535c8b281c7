import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '../core/openapi/api-docs';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { BodyOf } from '../core/errors/validation';
import { SaveScenarioDto, WhatIfDto } from './what-if.dto';
import { WhatIfScenariosService } from './what-if-scenarios.service';
import { WhatIfService } from './what-if.service';

@ApiTags('what-if')
@ApiBearerAuth()
@Controller('api/programmes/:id/what-if')
export class WhatIfController {
  constructor(
    @Inject(WhatIfService) private readonly whatIf: WhatIfService,
    @Inject(WhatIfScenariosService) private readonly scenarios: WhatIfScenariosService,
  ) {}

  /** The programme as it would be after some hypothetical changes. Writes nothing, so anyone who may read it may ask. */
  @Post()
  @HttpCode(200)
  @BodyOf(WhatIfDto)
  run(@Param('id') id: string, @Body() body: WhatIfDto, @CurrentActor() actor: Actor) {
    return this.whatIf.run(id, body.changes, actor);
  }

  @Get('scenarios')
  list(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.scenarios.list(id, actor);
  }

  @Post('scenarios')
  @Roles('sro', 'partnerships')
  @BodyOf(SaveScenarioDto)
  save(@Param('id') id: string, @Body() body: SaveScenarioDto, @CurrentActor() actor: Actor) {
    return this.scenarios.save(id, body.name, body.changes, actor);
  }

  /** A saved scenario, worked out again against the programme as it is now, and whether it is stale. */
  @Get('scenarios/:scenarioId')
  show(@Param('id') id: string, @Param('scenarioId') scenarioId: string, @CurrentActor() actor: Actor) {
    return this.scenarios.show(id, scenarioId, actor);
  }

  @Delete('scenarios/:scenarioId')
  @HttpCode(204)
  @Roles('sro', 'partnerships')
  async remove(@Param('id') id: string, @Param('scenarioId') scenarioId: string, @CurrentActor() actor: Actor) {
    await this.scenarios.remove(id, scenarioId, actor);
  }
}
