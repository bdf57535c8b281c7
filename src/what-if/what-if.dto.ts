import { z } from 'zod';
import { isoDate, line, schemaDto, slug } from '../core/errors/validation';

/** A what-if is bounded whatever it is sent: this many changes at most, one of each kind per gate. */
export const MAX_CHANGES = 30;

const election = z
  .object({
    name: line(200),
    pollDate: isoDate,
    periodStart: isoDate,
    /** The last day of the period; polling day for a local poll, the day after for a national one, when left out. */
    periodEnd: isoDate.optional(),
    /** National (the default here) applies to every programme. */
    scope: z.enum(['national', 'local']).optional(),
  })
  .strict()
  .refine((e) => e.periodStart <= e.pollDate, {
    path: ['periodStart'],
    message: 'the pre-election period must start on or before polling day',
  })
  .refine((e) => !e.periodEnd || e.periodEnd >= e.pollDate, {
    path: ['periodEnd'],
    message: 'the pre-election period must end on or after polling day',
  });

/**
 * One hypothetical change, one of: a gate's forecast moved (`gateId`, `forecastDate`); a party's
 * decision expected at a later board (`gateId`, `partyId`, `expectedOn`); a consultation of
 * another length (`gateId`, `consultationDays`); an extra election (`election`).
 */
export const whatIfChange = z
  .object({
    gateId: slug.optional(),
    forecastDate: isoDate.optional(),
    partyId: slug.optional(),
    expectedOn: isoDate.optional(),
    consultationDays: z.number().int().min(1).max(365).optional(),
    election: election.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const kinds = [c.forecastDate, c.expectedOn, c.consultationDays, c.election].filter((v) => v !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'give exactly one of forecastDate, expectedOn (with partyId), consultationDays or election',
      });
      return;
    }
    if (c.election !== undefined) {
      if (c.gateId !== undefined || c.partyId !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['gateId'], message: 'an election is not about one gate' });
      }
      return;
    }
    if (c.gateId === undefined) ctx.addIssue({ code: 'custom', path: ['gateId'], message: 'required' });
    if (c.expectedOn !== undefined && c.partyId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['partyId'], message: 'required with expectedOn' });
    }
    if (c.partyId !== undefined && c.expectedOn === undefined) {
      ctx.addIssue({ code: 'custom', path: ['expectedOn'], message: 'required with partyId' });
    }
  });

export type WhatIfChange = z.infer<typeof whatIfChange>;

export const whatIfBody = z
  .object({
    // The length is checked before any change is looked at, so a huge list costs nothing more.
    changes: z
      .array(z.unknown())
      .min(1, 'give at least one change')
      .max(MAX_CHANGES, `at most ${MAX_CHANGES} changes in one what-if`)
      .pipe(z.array(whatIfChange)),
  })
  .strict();

export class WhatIfDto extends schemaDto(whatIfBody) {}

export class SaveScenarioDto extends schemaDto(whatIfBody.extend({ name: line(120) }).strict()) {}
