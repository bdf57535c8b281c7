import { z } from 'zod';
import { email, isoDate, line, schemaDto, slug } from '../core/errors/validation';
import { RISK_KINDS, RISK_STATUSES, isMatrixScore } from './risk-rating';

const person = z.object({ name: line(200), email }).strict();
const scale = z
  .number({ message: 'expected a whole number from 1 to 5' })
  .int('expected a whole number from 1 to 5')
  .min(1, 'must be from 1 to 5')
  .max(5, 'must be from 1 to 5');
const targetScore = z
  .number()
  .int()
  .refine(isMatrixScore, 'must be a score the 5×5 matrix can give (likelihood × impact)');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const gateIds = z.array(slug).max(30);

export class CreateRiskDto extends schemaDto(
  z
    .object({
      kind: z.enum(RISK_KINDS),
      title: line(200),
      description: text(4000).optional(),
      owner: person,
      likelihood: scale,
      impact: scale,
      targetScore: targetScore.optional(),
      mitigation: text(4000).optional(),
      reviewOn: isoDate.optional(),
      gateIds: gateIds.optional(),
    })
    .strict(),
) {}

export class UpdateRiskDto extends schemaDto(
  z
    .object({
      title: line(200).optional(),
      description: text(4000).nullable().optional(),
      owner: person.optional(),
      likelihood: scale.optional(),
      impact: scale.optional(),
      targetScore: targetScore.nullable().optional(),
      mitigation: text(4000).nullable().optional(),
      reviewOn: isoDate.nullable().optional(),
      gateIds: gateIds.optional(),
      status: z.enum(RISK_STATUSES).optional(),
      reason: z
        .string({ message: 'a reason is required' })
        .trim()
        .min(3, 'a reason of at least 3 characters is required')
        .max(2000),
    })
    .strict()
    .refine((b) => Object.keys(b).some((k) => k !== 'reason'), {
      path: ['(body)'],
      message: 'nothing to change: give at least one field besides the reason',
    }),
) {}
