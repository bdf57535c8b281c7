import { z } from 'zod';
import { DECISIONS } from '../../workflows/types';
import { email, isoDate, line, schemaDto, slug, text } from '../core/errors/validation';

const person = z.object({ name: line(200), email }).strict();
const party = z.object({ id: slug, name: line(200) }).strict();

const gatePlan = z
  .object({
    targetDate: isoDate.optional(),
    owner: person.optional(),
    parties: z.array(party).max(50).optional(),
  })
  .strict();

export class CreateProgrammeDto extends schemaDto(
  z
    .object({
      name: line(200),
      workflow: slug,
      /** Pin to a released version; the newest when left out. */
      workflowVersion: z.number().int().min(1).optional(),
      sro: person,
      gates: z.record(slug, gatePlan).default({}),
      /** The councils the programme touches (ids from GET /api/elections/councils): which local polls matter. */
      councils: z.array(slug).max(100).optional(),
      /** A substantial variation of services: the health scrutiny consultation and, since 2024, the Secretary of State's notification. */
      substantialVariation: z.boolean().optional(),
    })
    .strict(),
) {}

export class RecordDecisionDto extends schemaDto(
  z
    .object({
      partyId: slug,
      decision: z.enum(DECISIONS as [string, ...string[]]),
      decidedOn: isoDate,
      reference: line(200).optional(),
      conditions: text().trim().min(1).max(4000).optional(),
      /** Who must discharge the conditions (each line of `conditions` is one); the gate's owner when left out. */
      conditionsOwner: person.optional(),
      conditionsDueDate: isoDate.optional(),
    })
    .strict()
    .refine((d) => d.decision !== 'approved-with-conditions' || !!d.conditions, {
      path: ['conditions'],
      message: 'conditions are required when the decision is approved-with-conditions',
    }),
) {}

export class CompleteGateDto extends schemaDto(
  z.object({ completedOn: isoDate, note: text().trim().min(1).max(4000).optional() }).strict(),
) {}

export class ReforecastDto extends schemaDto(
  z
    .object({
      forecastDate: isoDate,
      reason: text().trim().min(3, 'a reason of at least 3 characters is required').max(2000),
    })
    .strict(),
) {}

export class StartConsultationDto extends schemaDto(
  z
    .object({
      startsOn: isoDate,
      closesOn: isoDate,
      justification: text().trim().min(3).max(4000).optional(),
    })
    .strict(),
) {}

/** A link to evidence: http(s) only, so that a page never renders a `javascript:` address. */
const link = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'expected a web address starting http:// or https://');

export class RecordEvidenceDto extends schemaDto(
  z
    .object({
      itemId: slug,
      recordedOn: isoDate,
      /** Where to find it: a document or minute reference, a link, or both. */
      reference: line(200).optional(),
      link: link.optional(),
      note: text().trim().min(1).max(4000).optional(),
    })
    .strict(),
) {}

export class SetPartiesDto extends schemaDto(z.object({ parties: z.array(party).min(1).max(50) }).strict()) {}

/** `PUT …/gates/:gateId/owner`: the gate's new owner. */
export class SetOwnerDto extends schemaDto(person) {}

/** `POST …/gates/:gateId/parties`: a party that joins an approval gate after it was set up. */
export class AddPartyDto extends schemaDto(party) {}

/** `POST …/gates/:gateId/parties/:partyId/withdraw`: its decision is no longer needed. */
export class WithdrawPartyDto extends schemaDto(
  z.object({ reason: z.string().trim().min(3, 'a reason of at least 3 characters is required').max(2000) }).strict(),
) {}

export class MigrateProgrammeDto extends schemaDto(z.object({ toVersion: z.number().int().min(2) }).strict()) {}

export class SetCouncilsDto extends schemaDto(z.object({ councils: z.array(slug).max(100) }).strict()) {}
