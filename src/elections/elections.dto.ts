import { z } from 'zod';
import { isoDate, line, schemaDto, slug } from '../core/errors/validation';

export class CreateElectionDto extends schemaDto(
  z
    .object({
      name: line(200),
      pollDate: isoDate,
      periodStart: isoDate,
      /** Defaults to polling day (local) or the day after, when results are declared (national). */
      periodEnd: isoDate.optional(),
      scope: z.enum(['national', 'local']),
      areas: z.array(slug).min(1).max(400).optional(),
    })
    .strict(),
) {}

export class NoPollsDto extends schemaDto(
  z
    .object({
      year: z.number().int().min(2000).max(2199),
      councils: z.array(slug).min(1).max(400),
    })
    .strict(),
) {}
