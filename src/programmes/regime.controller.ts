import { Body, Controller, HttpCode, Inject, Param, ParseIntPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '../core/openapi/api-docs';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { BodyOf } from '../core/errors/validation';
import {
  CallInDecisionDto,
  CallInOutcomeDto,
  CallInRequestDto,
  DischargeConditionDto,
  NotificationSentDto,
  ScrutinyDto,
  UpdateConditionDto,
} from './regime.dto';
import { RegimeService } from './regime.service';

/** Call-in, conditions and the health scrutiny committee (nhs-service-change v3 onwards). */
@ApiTags('programmes')
@ApiBearerAuth()
@Controller('api/programmes')
export class RegimeController {
  constructor(@Inject(RegimeService) private readonly regime: RegimeService) {}

  @Post(':id/call-in')
  @Roles('partnerships')
  @BodyOf(CallInRequestDto)
  requestCallIn(@Param('id') id: string, @Body() body: CallInRequestDto, @CurrentActor() actor: Actor) {
    return this.regime.requestCallIn(id, body, actor);
  }

  @Post(':id/call-in/outcome')
  @HttpCode(200)
  @Roles('partnerships')
  @BodyOf(CallInOutcomeDto)
  callInOutcome(@Param('id') id: string, @Body() body: CallInOutcomeDto, @CurrentActor() actor: Actor) {
    return this.regime.recordCallInOutcome(id, body, actor);
  }

  @Post(':id/call-in/decision')
  @HttpCode(200)
  @Roles('partnerships')
  @BodyOf(CallInDecisionDto)
  callInDecision(@Param('id') id: string, @Body() body: CallInDecisionDto, @CurrentActor() actor: Actor) {
    return this.regime.recordCallInDecision(id, body, actor);
  }

  @Post(':id/conditions/:conditionId/discharge')
  @HttpCode(200)
  @Roles('partnerships')
  @BodyOf(DischargeConditionDto)
  discharge(
    @Param('id') id: string,
    @Param('conditionId', ParseIntPipe) conditionId: number,
    @Body() body: DischargeConditionDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.regime.dischargeCondition(id, conditionId, body, actor);
  }

  @Patch(':id/conditions/:conditionId')
  @Roles('partnerships')
  @BodyOf(UpdateConditionDto)
  updateCondition(
    @Param('id') id: string,
    @Param('conditionId', ParseIntPipe) conditionId: number,
    @Body() body: UpdateConditionDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.regime.updateCondition(id, conditionId, body, actor);
  }

  @Put(':id/scrutiny')
  @Roles('partnerships')
  @BodyOf(ScrutinyDto)
  scrutiny(@Param('id') id: string, @Body() body: ScrutinyDto, @CurrentActor() actor: Actor) {
    return this.regime.setScrutiny(id, body, actor);
  }

  @Post(':id/scrutiny/notifications/:notificationId/sent')
  @HttpCode(200)
  @Roles('partnerships')
  @BodyOf(NotificationSentDto)
  notificationSent(
    @Param('id') id: string,
    @Param('notificationId', ParseIntPipe) notificationId: number,
    @Body() body: NotificationSentDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.regime.markNotificationSent(id, notificationId, body, actor);
  }
}
