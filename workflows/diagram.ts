// A Mermaid `stateDiagram-v2` picture of a workflow, for people: gate titles, what each gate waits for, the
// approval gates' independent party decisions drawn as a fork and join, and how a consultation starts and closes.
// Drawn from the definition (the same data the machine is built from) so the picture cannot disagree with it.
import { describeLength } from './dates';
import { gateTitle } from './definition';
import { listOf } from './guards';
import type { GateDefinition, WorkflowDefinition } from './types';

export interface DiagramOptions {
  /** A programme's actual parties per approval gate; without them each approval shows placeholder parties. */
  parties?: Record<string, Array<string | { id: string; name: string }>>;
}

// Mermaid ids may not contain hyphens, spaces or colons; labels may not contain colons or semicolons.
// Gate ids are hyphenated words, so '__' between gate and state can never collide with another gate's id.
const node = (...parts: string[]) => parts.map((p) => p.replace(/[^A-Za-z0-9]/g, '_')).join('__');
const label = (text: string) => text.replace(/[:;]/g, ',').replace(/\s+/g, ' ').trim();
const quoted = (text: string) => `"${label(text).replace(/"/g, "'")}"`;

function placeholderParties(gate: GateDefinition): Array<{ id: string; name: string }> {
  const kind = gate.partyKind ?? 'party';
  return [
    { id: 'party-1', name: `${kind} 1` },
    { id: 'party-2', name: `${kind} 2` },
    { id: 'party-n', name: `… ${kind} n` },
  ];
}

function opening(def: WorkflowDefinition, gate: GateDefinition): string {
  return gate.dependsOn.length
    ? `when ${listOf(gate.dependsOn.map((d) => gateTitle(def, d)))} complete`
    : 'at once (no dependencies)';
}

function approvalOpen(gate: GateDefinition, id: (s: string) => string, options: DiagramOptions): string[] {
  const given = options.parties?.[gate.id];
  const parties = given?.length
    ? given.map((p) => (typeof p === 'string' ? { id: p, name: p } : p))
    : placeholderParties(gate);
  const lines = [
    `state ${quoted('Open - one decision per party, any order')} as ${id('open')} {`,
    `  state ${id('fork')} <<fork>>`,
    `  state ${id('join')} <<join>>`,
    `  [*] --> ${id('fork')}`,
  ];
  parties.forEach((party, i) => {
    const p = id(`party${i + 1}`);
    lines.push(
      `  state ${quoted(`${party.name} decides (gate.decide)`)} as ${p}`,
      `  ${id('fork')} --> ${p}`,
      `  ${p} --> ${p} : deferred or not approved, may decide again`,
      `  ${p} --> ${id('join')} : approved or approved with conditions`,
    );
  });
  lines.push(`  ${id('join')} --> [*]`, '}');
  return lines;
}

function region(def: WorkflowDefinition, gate: GateDefinition, options: DiagramOptions): string[] {
  const id = (state: string) => node(gate.id, state);
  const states =
    gate.kind === 'approval'
      ? approvalOpen(gate, id, options)
      : [
          `state "Open" as ${id('open')}`,
          ...(gate.kind === 'consultation' ? [`state "Running" as ${id('running')}`] : []),
        ];
  const transitions =
    gate.kind === 'approval'
      ? [`${id('open')} --> ${id('complete')} : every party approved (automatic)`]
      : gate.kind === 'consultation'
        ? [
            `${id('open')} --> ${id('running')} : consultation.start (${describeLength(def.consultation?.normalLengthDays ?? 84)} unless justified, not in a pre-election period)`,
            `${id('running')} --> ${id('complete')} : consultation.close (not before the advertised closing date)`,
          ]
        : [
            `${id('open')} --> ${id('complete')} : gate.complete${gate.evidence?.length ? ' (once all evidence is recorded)' : ''}`,
          ];
  return [
    `state ${quoted(`${gate.title} (${gate.kind})`)} as ${node(gate.id)} {`,
    ...[
      `state "Not started" as ${id('waiting')}`,
      ...states,
      `state "Complete" as ${id('complete')}`,
      `[*] --> ${id('waiting')}`,
      `${id('waiting')} --> ${id('open')} : opens ${opening(def, gate)}`,
      ...transitions,
      `${id('complete')} --> [*]`,
    ].flatMap((line) => line.split('\n').map((l) => `  ${l}`)),
    '}',
  ];
}

function notes(gate: GateDefinition): string[] {
  const lines: string[] = [];
  if (gate.kind === 'approval') {
    lines.push(
      `One decision per ${gate.partyKind ?? 'party'}, in any order and independently.`,
      'A later decision supersedes an earlier one (deferred, then approved).',
      'Completes by itself once every party has approved or approved with conditions.',
    );
  }
  if (gate.evidence?.length)
    lines.push('Evidence needed before completion', ...gate.evidence.map((e) => `- ${e.title}`));
  return lines.length ? [`note right of ${node(gate.id)}`, ...lines.map((l) => `  ${label(l)}`), 'end note'] : [];
}

/** The call-in region (workflows with `callIn`): beside every gate, pausing those not complete. */
function callInRegion(): string[] {
  const id = (state: string) => node('call-in', state);
  return [
    `state ${quoted('Call-in by the Secretary of State (at any stage)')} as ${node('call-in')} {`,
    ...[
      `state "No call-in" as ${id('none')}`,
      `state "Requested - gates not complete paused" as ${id('requested')}`,
      `state "Called in - with the Secretary of State, gates paused" as ${id('called_in')}`,
      `state "Not called in" as ${id('not_called_in')}`,
      `state "Decided" as ${id('decided')}`,
      `[*] --> ${id('none')}`,
      `${id('none')} --> ${id('requested')} : callIn.request`,
      `${id('requested')} --> ${id('called_in')} : callIn.outcome (called in)`,
      `${id('requested')} --> ${id('not_called_in')} : callIn.outcome (not called in)`,
      `${id('called_in')} --> ${id('decided')} : callIn.decision`,
      `${id('not_called_in')} --> ${id('requested')} : callIn.request`,
      `${id('decided')} --> ${id('requested')} : callIn.request`,
      `${id('none')} --> [*] : every gate complete`,
      `${id('not_called_in')} --> [*] : every gate complete`,
      `${id('decided')} --> [*] : every gate complete`,
    ].map((l) => `  ${l}`),
    '}',
    `note right of ${node('call-in')}`,
    `  ${label('An outcome needs a request first; a decision needs the proposal called in.')}`,
    `  ${label('While requested or called in, every gate not complete is paused and its reminders held.')}`,
    'end note',
  ];
}

/** Mermaid `stateDiagram-v2` text for a workflow definition. */
export function toMermaid(def: WorkflowDefinition, options: DiagramOptions = {}): string {
  const lines = [
    `%% ${label(def.title)}, version ${def.version} (${def.id})`,
    '%% Every gate is a region of one parallel statechart, drawn in dependency order.',
    '%% An arrow between two gates means the second opens only when the first is complete.',
  ];
  for (const gate of def.gates) lines.push(...region(def, gate, options), ...notes(gate));
  if (def.callIn) lines.push(...callInRegion());
  for (const gate of def.gates) {
    for (const dep of gate.dependsOn) lines.push(`${node(dep)} --> ${node(gate.id)} : then`);
  }
  return ['stateDiagram-v2', ...lines.map((l) => `  ${l}`)].join('\n') + '\n';
}
