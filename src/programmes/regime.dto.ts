import { z } from 'zod';
import { email, isoDate, line, schemaDto } from '../core/errors/validation';

const text = (max: number) => z.string().trim().min(1).max(max);

export class CallInRequestDto extends schemaDto(
  z.object({ requestedBy: line(200), requestedOn: isoDate, grounds: text(4000) }).strict(),
) {}

export class CallInOutcomeDto extends schemaDto(
  z.object({ outcome: z.enum(['called-in', 'not-called-in']), decidedOn: isoDate }).strict(),
) {}

export class CallInDecisionDto extends schemaDto(z.object({ decision: text(4000), decidedOn: isoDate }).strict()) {}

export class DischargeConditionDto extends schemaDto(
  z.object({ dischargedOn: isoDate, evidence: text(4000) }).strict(),
) {}

export class UpdateConditionDto extends schemaDto(
  z
    .object({
      owner: z
        .object({ name: line(200), email })
        .strict()
        .optional(),
      dueDate: isoDate.optional(),
    })
    .strict()
    .refine((b) => b.owner || b.dueDate, { message: 'give an owner, a due date or both' }),
) {}

export class ScrutinyDto extends schemaDto(
  z
    .object({
      committee: line(200),
      proposedDecisionDate: isoDate,
      commentsDueDate: isoDate,
      reason: text(2000).optional(),
    })
    .strict()
    .refine((b) => b.commentsDueDate <= b.proposedDecisionDate, {
      path: ['commentsDueDate'],
      message: 'comments must be due no later than the proposed decision date',
    }),
) {}

export class NotificationSentDto extends schemaDto(z.object({ sentOn: isoDate }).strict()) {}
