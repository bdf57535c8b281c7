import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '../core/openapi/api-docs';
import { CurrentActor } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { MyGatesService } from './my-gates.service';

@ApiTags('programmes')
@ApiBearerAuth()
@Controller('api/me')
export class MyGatesController {
  constructor(@Inject(MyGatesService) private readonly gates: MyGatesService) {}

  /** The gates the caller owns, across the programmes they may see, soonest due first. */
  @Get('gates')
  list(@CurrentActor() actor: Actor) {
    return this.gates.list(actor);
  }
}
