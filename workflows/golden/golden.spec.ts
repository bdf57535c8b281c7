// Programmes persisted by released versions must keep working with the current code. If an upgrade (of this
// code, of a definition, or of XState) cannot restore one of these files and move it on, CI fails here, before
// any production database meets it. Never edit or regenerate a golden file to make this pass.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEvent, inspectProgramme, runEvents, type PersistedProgramme } from '../engine';
import { listDefinitions, getDefinition } from '../registry';
import type { CallInEvent, GateStatus, ProgrammeInput, WorkflowEvent } from '../types';

interface GoldenFile {
  name: string;
  definitionId: string;
  definitionVersion: number;
  input: ProgrammeInput;
  events: Array<WorkflowEvent | CallInEvent>;
  next: WorkflowEvent;
  statuses: Record<string, GateStatus>;
  persisted: PersistedProgramme;
}

const files = readdirSync(__dirname).filter((f) => f.endsWith('.json'));
const goldens = files.map((f) => [f, JSON.parse(readFileSync(join(__dirname, f), 'utf8')) as GoldenFile] as const);

describe('golden snapshots', () => {
  it('exist for every released workflow version, fresh and part-way through', () => {
    for (const def of listDefinitions()) {
      const mine = goldens.filter(([, g]) => g.definitionId === def.id && g.definitionVersion === def.version);
      expect(mine.map(([f]) => f)).toEqual(expect.arrayContaining([`${def.id}.v${def.version}.fresh.json`]));
      expect(mine.length).toBeGreaterThanOrEqual(2);
    }
  });

  describe.each(goldens)('%s', (_file, golden) => {
    const def = getDefinition(golden.definitionId, golden.definitionVersion);

    it('is still a released definition', () => {
      expect(def).toBeDefined();
      expect(golden.persisted).toMatchObject({
        definitionId: golden.definitionId,
        definitionVersion: golden.definitionVersion,
      });
    });

    it('restores with the current code to the same gate statuses', () => {
      expect(inspectProgramme(def!, golden.persisted).statuses).toEqual(golden.statuses);
    });

    it('accepts a further event', () => {
      const result = applyEvent(def!, golden.persisted, golden.next);
      if (!result.ok) throw new Error(`${golden.next.type} refused: ${result.refusal.code}: ${result.refusal.reason}`);
      expect(result.persisted.definitionVersion).toBe(golden.definitionVersion);
    });

    it('is what replaying its events with the current code gives', () => {
      const replayed = runEvents(def!, golden.input, golden.events);
      expect(inspectProgramme(def!, replayed)).toEqual(inspectProgramme(def!, golden.persisted));
    });
  });
});
