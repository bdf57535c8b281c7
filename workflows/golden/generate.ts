// Writes the golden snapshots: programmes persisted by each released workflow version at a few interesting
// points, with one further event that must still be accepted. Run once per new version:
//   npx ts-node --transpile-only workflows/golden/generate.ts
// Existing files are never overwritten (pass --force only if a golden file was wrong when first written):
// a golden file records what production databases hold, and the code must keep reading it.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { inspectProgramme, runEvents } from '../engine';
import { getDefinition } from '../registry';
import { BCT_CONSULTATION_RUNNING, BCT_INPUT, BCT_PARTNER_DECISIONS, PLAN_IN_REVIEW, PLAN_INPUT } from '../scenarios';
import type { CallInEvent, ProgrammeInput, WorkflowEvent } from '../types';

export interface GoldenCase {
  name: string;
  description: string;
  definitionId: string;
  definitionVersion: number;
  input: ProgrammeInput;
  events: Array<WorkflowEvent | CallInEvent>;
  next: WorkflowEvent;
}

const consultationStatuses = (version: number): GoldenCase[] => [
  {
    name: `nhs-service-change.v${version}.fresh`,
    description: 'A programme just created: only the gates without dependencies are open.',
    definitionId: 'nhs-service-change',
    definitionVersion: version,
    input: BCT_INPUT,
    events: [],
    next: { type: 'gate.complete', gateId: 'pcbc-draft', completedOn: '2015-09-04' },
  },
  {
    name: `nhs-service-change.v${version}.partner-decisions`,
    description: 'Partner board approvals under way: five approved, one with conditions, one deferred, one to meet.',
    definitionId: 'nhs-service-change',
    definitionVersion: version,
    input: BCT_INPUT,
    events: BCT_PARTNER_DECISIONS,
    next: {
      type: 'gate.decide',
      gateId: 'partner-approvals',
      partyId: 'leicester-city-council',
      decision: 'approved',
      decidedOn: '2015-10-22',
    },
  },
  {
    name: `nhs-service-change.v${version}.consultation-running`,
    description: 'Public consultation running for 12 weeks from 30 November 2015.',
    definitionId: 'nhs-service-change',
    definitionVersion: version,
    input: BCT_INPUT,
    events: BCT_CONSULTATION_RUNNING,
    next: { type: 'consultation.close', gateId: 'public-consultation', closedOn: '2016-02-22' },
  },
];

export const GOLDEN_CASES: GoldenCase[] = [
  ...consultationStatuses(1),
  ...consultationStatuses(2),
  ...consultationStatuses(3),
  {
    name: 'nhs-service-change.v3.notification-skipped',
    description:
      'Health scrutiny consultation begun in 2015, before the 2024 regime: the Secretary of State notification skipped with the reason.',
    definitionId: 'nhs-service-change',
    definitionVersion: 3,
    input: BCT_INPUT,
    events: [
      { type: 'gate.complete', gateId: 'health-scrutiny-consultation', completedOn: '2015-06-01' },
      {
        type: 'gate.skip',
        gateId: 'secretary-of-state-notification',
        skippedOn: '2015-06-01',
        reason: 'The reg. 23 consultation began on 2015-06-01, before 31 January 2024',
      },
    ],
    next: { type: 'gate.complete', gateId: 'pcbc-draft', completedOn: '2015-09-04' },
  },
  {
    name: 'nhs-service-change.v3.called-in-decided',
    description:
      'Called in by the Secretary of State after the PCBC, and decided: the call-in region back beside the gates, which go on.',
    definitionId: 'nhs-service-change',
    definitionVersion: 3,
    input: BCT_INPUT,
    events: [
      { type: 'gate.complete', gateId: 'pcbc-draft', completedOn: '2015-09-04' },
      { type: 'callIn.request', requestedOn: '2015-09-10' },
      { type: 'callIn.outcome', outcome: 'called-in', decidedOn: '2015-09-20' },
      { type: 'callIn.decision', decidedOn: '2015-10-01' },
    ],
    next: { type: 'gate.complete', gateId: 'clinical-senate-review', completedOn: '2015-10-05' },
  },
  {
    name: 'plan-submission.v1.fresh',
    description: 'A plan cycle just created.',
    definitionId: 'plan-submission',
    definitionVersion: 1,
    input: PLAN_INPUT,
    events: [],
    next: { type: 'gate.complete', gateId: 'outline-plan', completedOn: '2014-04-04' },
  },
  {
    name: 'plan-submission.v1.in-review',
    description: 'Draft submitted; NHS England has deferred its view while local discussion runs.',
    definitionId: 'plan-submission',
    definitionVersion: 1,
    input: PLAN_INPUT,
    events: PLAN_IN_REVIEW,
    next: { type: 'gate.complete', gateId: 'discussion-and-review', completedOn: '2014-09-01' },
  },
];

export async function generate(directory: string, force: boolean): Promise<string[]> {
  const written: string[] = [];
  for (const golden of GOLDEN_CASES) {
    const file = join(directory, `${golden.name}.json`);
    if (existsSync(file) && !force) continue;
    const def = getDefinition(golden.definitionId, golden.definitionVersion);
    if (!def) throw new Error(`No definition ${golden.definitionId} v${golden.definitionVersion}`);
    const persisted = runEvents(def, golden.input, golden.events);
    const { statuses } = inspectProgramme(def, persisted);
    // Formatted as the repository's Prettier would, so `npm run lint` stays green.
    const text = await format(JSON.stringify({ ...golden, statuses, persisted }), {
      ...(await resolveConfig(file)),
      parser: 'json',
    });
    writeFileSync(file, text);
    written.push(file);
  }
  return written;
}

if (require.main === module) {
  generate(__dirname, process.argv.includes('--force')).then(
    (written) =>
      console.log(written.length ? `Wrote ${written.join(', ')}` : 'All golden files exist; nothing written.'),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
