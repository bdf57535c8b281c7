import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '../core/openapi/api-docs';
import { z } from 'zod';
import { BodyOf, email, line, schemaDto } from '../core/errors/validation';
import { CurrentActor, Roles } from './auth.decorators';
import { Actor, ROLES, actorLabel } from './roles';
import { TokenService } from './token.service';

export class CreateTokenDto extends schemaDto(
  z
    .object({
      name: line(200),
      email,
      role: z.enum(ROLES),
      programmeId: z.string().uuid().nullish(),
      ttlDays: z.number().int().min(1).max(3650).optional(),
    })
    .strict(),
) {}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/tokens')
@Roles('admin')
export class TokensController {
  constructor(@Inject(TokenService) private readonly tokens: TokenService) {}

  @Post()
  @BodyOf(CreateTokenDto)
  async create(@Body() body: CreateTokenDto, @CurrentActor() actor: Actor) {
    return this.tokens.create(body, undefined, actorLabel(actor));
  }

  @Get()
  async list() {
    return this.tokens.list();
  }

  @Delete(':tokenId')
  @HttpCode(204)
  async revoke(@Param('tokenId') tokenId: string, @CurrentActor() actor: Actor) {
    await this.tokens.revoke(tokenId, actorLabel(actor));
  }
}
