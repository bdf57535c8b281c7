import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '../../core/openapi/api-docs';
import { z } from 'zod';
import { AuditService } from '../../audit/audit.service';
import { CurrentActor } from '../../auth/auth.decorators';
import { Actor, actorLabel } from '../../auth/roles';
import { Clock } from '../../core/clock/clock';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { BodyOf, schemaDto } from '../../core/errors/validation';
import { MailPreferenceEntity } from './mail-preference.entity';

export class MailPreferencesDto extends schemaDto(
  z
    .object({ monthlyPack: z.boolean().optional(), weeklyDigest: z.boolean().optional() })
    .strict()
    .refine((b) => b.monthlyPack !== undefined || b.weeklyDigest !== undefined, {
      path: ['(body)'],
      message: 'give monthlyPack, weeklyDigest or both',
    }),
) {}

/** The caller's own choice of scheduled mail: the monthly pack and the weekly digest, each on or off. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/me/mail-preferences')
export class MailPreferencesController {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  async get(@CurrentActor() actor: Actor) {
    const row = await this.uow.read.getRepository(MailPreferenceEntity).findOneBy({ email: actor.email.toLowerCase() });
    return {
      email: actor.email.toLowerCase(),
      monthlyPack: row?.monthlyPack ?? true,
      weeklyDigest: row?.weeklyDigest ?? true,
    };
  }

  @Put()
  @BodyOf(MailPreferencesDto)
  async set(@CurrentActor() actor: Actor, @Body() body: MailPreferencesDto) {
    const email = actor.email.toLowerCase();
    return this.uow.run(async (em) => {
      const before = await em.findOneBy(MailPreferenceEntity, { email });
      const after = {
        email,
        monthlyPack: body.monthlyPack ?? before?.monthlyPack ?? true,
        weeklyDigest: body.weeklyDigest ?? before?.weeklyDigest ?? true,
        updatedBy: actorLabel(actor),
        updatedAt: this.clock.now(),
      };
      await em.save(MailPreferenceEntity, after);
      await this.audit.append(em, {
        programmeId: null,
        actor: actorLabel(actor),
        action: 'mail-preferences.set',
        detail: {
          before: { monthlyPack: before?.monthlyPack ?? true, weeklyDigest: before?.weeklyDigest ?? true },
          after: { monthlyPack: after.monthlyPack, weeklyDigest: after.weeklyDigest },
        },
      });
      return { email, monthlyPack: after.monthlyPack, weeklyDigest: after.weeklyDigest };
    });
  }
}
