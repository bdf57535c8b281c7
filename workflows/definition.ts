// Helpers over a WorkflowDefinition, and the checks that make a definition safe to run. A definition is
// data written by hand, so every mistake that would otherwise surface as a stuck programme (a dependency
// on a gate that does not exist, a cycle, a consultation gate without consultation rules) fails loudly
// when the machine is built instead.
import type { GateDefinition, GateKind, WorkflowDefinition } from './types';

export class DefinitionError extends Error {
  constructor(def: Pick<WorkflowDefinition, 'id' | 'version'>, problem: string) {
    super(`Workflow definition ${def.id} v${def.version} is invalid: ${problem}`);
    this.name = 'DefinitionError';
  }
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function findGate(def: WorkflowDefinition, gateId: string): GateDefinition | undefined {
  return def.gates.find((g) => g.id === gateId);
}

export function gateTitle(def: WorkflowDefinition, gateId: string): string {
  return findGate(def, gateId)?.title ?? gateId;
}

/** Gates that name `gateId` in their `dependsOn`. */
export function dependentsOf(def: WorkflowDefinition, gateId: string): GateDefinition[] {
  return def.gates.filter((g) => g.dependsOn.includes(gateId));
}

export function describeKind(kind: GateKind): string {
  return kind === 'task' ? 'a task gate' : kind === 'approval' ? 'an approval gate' : 'a consultation gate';
}

export function validateDefinition(def: WorkflowDefinition): void {
  const fail = (problem: string): never => {
    throw new DefinitionError(def, problem);
  };
  if (!ID.test(def.id)) fail(`id '${def.id}' must be lower-case words joined by hyphens`);
  if (!Number.isInteger(def.version) || def.version < 1) fail('version must be a positive whole number');
  if (def.gates.length === 0) fail('it has no gates');
  const seen = new Set<string>();
  for (const gate of def.gates) {
    if (!ID.test(gate.id)) fail(`gate id '${gate.id}' must be lower-case words joined by hyphens`);
    if (seen.has(gate.id)) fail(`gate '${gate.id}' appears twice`);
    // Listing gates in dependency order keeps definitions readable and rules out cycles in one pass.
    for (const dep of gate.dependsOn) {
      if (!seen.has(dep)) {
        fail(
          findGate(def, dep)
            ? `gate '${gate.id}' depends on '${dep}', which must be listed before it`
            : `gate '${gate.id}' depends on unknown gate '${dep}'`,
        );
      }
    }
    if (new Set(gate.dependsOn).size !== gate.dependsOn.length) fail(`gate '${gate.id}' repeats a dependency`);
    const items = (gate.evidence ?? []).map((e) => e.id);
    if (new Set(items).size !== items.length) fail(`gate '${gate.id}' repeats an evidence item`);
    if (gate.kind === 'approval' && !gate.partyKind) fail(`approval gate '${gate.id}' needs a partyKind`);
    if (gate.kind === 'consultation' && !def.consultation)
      fail(`consultation gate '${gate.id}' needs consultation rules`);
    if (gate.skippable && gate.kind !== 'task') fail(`only task gates may be skippable ('${gate.id}')`);
    for (const req of gate.requiresConditionsDischarged ?? []) {
      if (!seen.has(req)) fail(`gate '${gate.id}' requires the conditions of '${req}', which must be listed before it`);
      if (findGate(def, req)?.kind !== 'approval')
        fail(`gate '${gate.id}' requires conditions of '${req}', not an approval gate`);
    }
    if (gate.closesItself) {
      if (gate.kind !== 'task' || !gate.dependsOn.includes(gate.closesItself.monthsAfter)) {
        fail(
          `gate '${gate.id}' closes itself after '${gate.closesItself.monthsAfter}', which must be a dependency of a task gate`,
        );
      }
    }
    seen.add(gate.id);
  }
}
