import { Body, Controller, Get, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '../core/openapi/api-docs';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { ValidationFailed } from '../core/errors/domain-error';
import { BodyOf, isRealDate } from '../core/errors/validation';
import type { Election } from './election-rules';
import { CreateElectionDto, NoPollsDto } from './elections.dto';
import { ElectionsService } from './elections.service';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function present({ source: _source, ...election }: Election) {
  return { ...election, source: _source };
}

@ApiTags('elections')
@ApiBearerAuth()
@Controller('api/elections')
export class ElectionsController {
  constructor(@Inject(ElectionsService) private readonly elections: ElectionsService) {}

  /** Pre-election periods overlapping from..to, the scheduled May polls included without anyone entering them. */
  @Get()
  @ApiQuery({ name: 'from', required: true, description: 'YYYY-MM-DD' })
  @ApiQuery({ name: 'to', required: true, description: 'YYYY-MM-DD' })
  async list(@Query('from') from?: string, @Query('to') to?: string) {
    const errors = [
      ...(from !== undefined && DATE.test(from) && isRealDate(from)
        ? []
        : [{ field: 'from', message: 'expected a date as YYYY-MM-DD' }]),
      ...(to !== undefined && DATE.test(to) && isRealDate(to)
        ? []
        : [{ field: 'to', message: 'expected a date as YYYY-MM-DD' }]),
    ];
    if (!errors.length && to! < from!) errors.push({ field: 'to', message: 'must not be before from' });
    if (!errors.length && Number(to!.slice(0, 4)) - Number(from!.slice(0, 4)) > 50) {
      errors.push({ field: 'to', message: 'a range of at most 50 years' });
    }
    if (errors.length) throw new ValidationFailed(errors);
    return (await this.elections.periods(from!, to!)).map(present);
  }

  @Post()
  @Roles('admin')
  @BodyOf(CreateElectionDto)
  async create(@Body() body: CreateElectionDto, @CurrentActor() actor: Actor) {
    return present(await this.elections.create(body, actor));
  }

  /** The councils a programme may name, with the years an admin recorded them as having no polls. */
  @Get('councils')
  async councils() {
    const noPolls = await this.elections.noPolls();
    return [...this.elections.councils()].map(([id, name]) => ({
      id,
      name,
      noPollsIn: noPolls.filter((r) => r.councilId === id).map((r) => r.year),
    }));
  }

  /** Records that councils hold no polls in a year, so that year's May poll no longer applies to their programmes. */
  @Post('no-polls')
  @Roles('admin')
  @BodyOf(NoPollsDto)
  noPolls(@Body() body: NoPollsDto, @CurrentActor() actor: Actor) {
    return this.elections.recordNoPolls(body, actor);
  }
}
