import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '../core/openapi/api-docs';
import { z } from 'zod';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Actor } from '../auth/roles';
import { reminderPolicyOverrides } from '../core/config/app-config';
import { ValidationFailed } from '../core/errors/domain-error';
import { BodyOf, schemaDto } from '../core/errors/validation';
import { OutboxStatus } from '../mail/outbox-message.entity';
import { OutboxStore } from '../mail/outbox.store';
import { ReminderPolicyService } from './reminder-policy.service';
import { ReminderRunService } from './reminder-run.service';

export class ReminderPolicyDto extends schemaDto(reminderPolicyOverrides) {}

const STATUSES: OutboxStatus[] = ['pending', 'sent', 'failed', 'permanently-failed'];

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin')
@Roles('admin')
export class RemindersAdminController {
  constructor(
    @Inject(ReminderRunService) private readonly runs: ReminderRunService,
    @Inject(OutboxStore) private readonly outbox: OutboxStore,
  ) {}

  /** The sweep and the dispatch, now: what the cron does every ten minutes. */
  @Post('reminders/run')
  @HttpCode(200)
  run() {
    return this.runs.run();
  }

  /** The outbox, newest first: what was sent, what waits for a retry, what was given up. */
  @Get('outbox')
  @ApiQuery({ name: 'status', required: false, enum: STATUSES })
  @ApiQuery({ name: 'programmeId', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 1000, default 100' })
  async list(
    @Query('status') status?: string,
    @Query('programmeId') programmeId?: string,
    @Query('limit') limit?: string,
  ) {
    if (status !== undefined && !STATUSES.includes(status as OutboxStatus)) {
      throw new ValidationFailed([{ field: 'status', message: `expected one of ${STATUSES.join(', ')}` }]);
    }
    const take = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(take) || take < 1 || take > 1000) {
      throw new ValidationFailed([{ field: 'limit', message: 'expected a whole number from 1 to 1000' }]);
    }
    const rows = await this.outbox.list({ status: status as OutboxStatus | undefined, programmeId, limit: take });
    return rows.map((m) => ({
      id: m.id,
      programmeId: m.programmeId,
      gateId: m.gateId,
      kind: m.kind,
      dueDate: m.dueDate,
      to: { name: m.recipientName, email: m.recipient },
      subject: m.subject,
      messageId: m.messageId,
      status: m.status,
      attempts: m.attempts,
      nextAttemptAt: m.status === 'pending' || m.status === 'failed' ? new Date(m.nextAttemptAt).toISOString() : null,
      sentAt: m.sentAt ? new Date(m.sentAt).toISOString() : null,
      lastError: m.lastError,
      serverResponse: m.serverResponse,
      createdAt: new Date(m.createdAt).toISOString(),
    }));
  }
}

@ApiTags('programmes')
@ApiBearerAuth()
@Controller('api/programmes')
export class ReminderPolicyController {
  constructor(@Inject(ReminderPolicyService) private readonly policies: ReminderPolicyService) {}

  @Get(':id/reminder-policy')
  get(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.policies.get(id, actor);
  }

  /** Replaces the programme's own overrides of the reminder policy; `{}` returns it to the defaults. */
  @Put(':id/reminder-policy')
  @Roles('partnerships')
  @BodyOf(ReminderPolicyDto)
  set(@Param('id') id: string, @Body() body: ReminderPolicyDto, @CurrentActor() actor: Actor) {
    return this.policies.set(id, body as z.infer<typeof reminderPolicyOverrides>, actor);
  }
}
