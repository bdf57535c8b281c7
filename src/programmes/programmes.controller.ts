import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '../core/openapi/api-docs';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import { isRealDate, BodyOf } from '../core/errors/validation';
import { ValidationFailed } from '../core/errors/domain-error';
import { GateChangeService } from './gate-change.service';
import { GatePeopleService } from './gate-people.service';
import {
  AddPartyDto,
  CompleteGateDto,
  CreateProgrammeDto,
  MigrateProgrammeDto,
  RecordDecisionDto,
  RecordEvidenceDto,
  ReforecastDto,
  SetCouncilsDto,
  SetOwnerDto,
  SetPartiesDto,
  StartConsultationDto,
  WithdrawPartyDto,
} from './programme.dto';
import { ProgrammeService } from './programme.service';
import { ProgrammeMigrationService } from './programme-migration.service';

@ApiTags('programmes')
@ApiBearerAuth()
@Controller('api/programmes')
export class ProgrammesController {
  constructor(
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
    @Inject(GateChangeService) private readonly changes: GateChangeService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(ProgrammeMigrationService) private readonly migrations: ProgrammeMigrationService,
    @Inject(GatePeopleService) private readonly people: GatePeopleService,
  ) {}

  /** Moves the programme to a newer version of its workflow; an explicit step, audited. */
  @Post(':id/migrate')
  @HttpCode(200)
  @Roles('partnerships')
  @BodyOf(MigrateProgrammeDto)
  migrate(@Param('id') id: string, @Body() body: MigrateProgrammeDto, @CurrentActor() actor: Actor) {
    this.programmes.checkScope(id, actor);
    return this.migrations.migrate(id, body.toVersion, actor);
  }

  @Post()
  @Roles('partnerships')
  @BodyOf(CreateProgrammeDto)
  create(@Body() body: CreateProgrammeDto, @CurrentActor() actor: Actor) {
    return this.programmes.create(body, actor);
  }

  @Get()
  list(@CurrentActor() actor: Actor) {
    return this.programmes.list(actor);
  }

  @Get(':id')
  get(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.programmes.get(id, actor);
  }

  /** The councils the programme touches: `{ councils: [councilId] }`. */
  @Put(':id/councils')
  @Roles('partnerships')
  @BodyOf(SetCouncilsDto)
  setCouncils(@Param('id') id: string, @Body() body: SetCouncilsDto, @CurrentActor() actor: Actor) {
    return this.programmes.setCouncils(id, body.councils, actor);
  }

  @Get(':id/audit')
  async auditTrail(@Param('id') id: string, @CurrentActor() actor: Actor) {
    await this.programmes.get(id, actor); // 404 for an unknown programme rather than an empty list
    return this.audit.list(id);
  }

  @Get(':id/gates/:gateId/history')
  history(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @CurrentActor() actor: Actor,
    @Query('asOf') asOf?: string,
  ) {
    if (asOf !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(asOf) && isRealDate(asOf))) {
      throw new ValidationFailed([{ field: 'asOf', message: 'expected a date as YYYY-MM-DD' }]);
    }
    return this.programmes.history(id, gateId, asOf, actor);
  }

  @Post(':id/gates/:gateId/decisions')
  @Roles('partnerships')
  @BodyOf(RecordDecisionDto)
  recordDecision(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @Body() body: RecordDecisionDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.changes.recordDecision(id, gateId, body, actor);
  }

  @Post(':id/gates/:gateId/complete')
  @HttpCode(200)
  @Roles('partnerships', 'owner')
  @BodyOf(CompleteGateDto)
  complete(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @Body() body: CompleteGateDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.changes.completeGate(id, gateId, body, actor);
  }

  @Post(':id/gates/:gateId/start')
  @HttpCode(200)
  @Roles('partnerships', 'owner')
  @BodyOf(StartConsultationDto)
  start(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @Body() body: StartConsultationDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.changes.startConsultation(id, gateId, body, actor);
  }

  @Post(':id/gates/:gateId/evidence')
  @Roles('partnerships', 'owner')
  @BodyOf(RecordEvidenceDto)
  evidence(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @Body() body: RecordEvidenceDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.changes.recordEvidence(id, gateId, body, actor);
  }

  @Put(':id/gates/:gateId/parties')
  @Roles('partnerships')
  @BodyOf(SetPartiesDto)
  parties(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @Body() body: SetPartiesDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.changes.setParties(id, gateId, body, actor);
  }

  /** Sets or changes a gate's owner; reminders go to the new owner from the next sweep. */
  @Put(':id/gates/:gateId/owner')
  @Roles('partnerships')
  @BodyOf(SetOwnerDto)
  setOwner(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @Body() body: SetOwnerDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.people.setOwner(id, gateId, body, actor);
  }

  /** Adds a party to an approval gate (a board that joins late). */
  @Post(':id/gates/:gateId/parties')
  @Roles('partnerships')
  @BodyOf(AddPartyDto)
  addParty(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @Body() body: AddPartyDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.people.addParty(id, gateId, body, actor);
  }

  /** Withdraws a party with a reason: its decision is no longer needed. */
  @Post(':id/gates/:gateId/parties/:partyId/withdraw')
  @HttpCode(200)
  @Roles('partnerships')
  @BodyOf(WithdrawPartyDto)
  withdrawParty(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @Param('partyId') partyId: string,
    @Body() body: WithdrawPartyDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.people.withdrawParty(id, gateId, partyId, body, actor);
  }

  @Patch(':id/gates/:gateId')
  @Roles('partnerships', 'sro', 'owner')
  @BodyOf(ReforecastDto)
  reforecast(
    @Param('id') id: string,
    @Param('gateId') gateId: string,
    @Body() body: ReforecastDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.changes.reforecast(id, gateId, body, actor);
  }
}
