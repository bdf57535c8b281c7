import { runEvents } from './engine';
import { getDefinition, latestDefinitions, listDefinitions } from './registry';
import { BCT_CONSULTATION_RUNNING, BCT_INPUT } from './scenarios';

describe('registry', () => {
  it('lists every released version', () => {
    expect(listDefinitions().map((d) => `${d.id}@${d.version}`)).toEqual([
      'nhs-service-change@1',
      'nhs-service-change@2',
      'nhs-service-change@3',
      'plan-submission@1',
    ]);
  });

  it('gives the newest version of each workflow', () => {
    expect(latestDefinitions().map((d) => `${d.id}@${d.version}`)).toEqual([
      'nhs-service-change@3',
      'plan-submission@1',
    ]);
  });

  it('finds a definition by id and version, the newest when version is omitted, undefined when unknown', () => {
    expect(getDefinition('nhs-service-change')?.version).toBe(3);
    expect(getDefinition('nhs-service-change', 1)?.version).toBe(1);
    expect(getDefinition('nhs-service-change', 4)).toBeUndefined();
    expect(getDefinition('nope')).toBeUndefined();
  });

  it('freezes released definitions so nobody edits one in memory', () => {
    const def = getDefinition('nhs-service-change', 1)!;
    expect(Object.isFrozen(def.gates[0].dependsOn)).toBe(true);
    expect(() => (def.gates as unknown[]).push({})).toThrow();
  });
});

describe.each([1, 2, 3])('nhs-service-change v%i', (version) => {
  const def = getDefinition('nhs-service-change', version)!;
  const contract = [
    'pcbc-draft',
    'clinical-senate-review',
    'partner-approvals',
    'nhse-assurance',
    'public-consultation',
  ];

  it('keeps the public contract: the five gates, kinds and dependency order, and a 12-week norm', () => {
    const gates = Object.fromEntries(def.gates.map((g) => [g.id, g]));
    expect(contract.map((id) => gates[id]?.kind)).toEqual(['task', 'task', 'approval', 'approval', 'consultation']);
    contract.slice(1).forEach((id, i) => expect(gates[id].dependsOn).toEqual([contract[i]]));
    expect(gates['pcbc-draft'].dependsOn).toEqual([]);
    expect(def.consultation?.normalLengthDays).toBe(84);
  });

  it('lets the first five gates complete without any evidence', () => {
    for (const id of contract) expect(def.gates.find((g) => g.id === id)!.evidence ?? []).toEqual([]);
    const persisted = runEvents(def, BCT_INPUT, BCT_CONSULTATION_RUNNING);
    expect(persisted.definitionVersion).toBe(version);
  });

  it('asks for the five tests and an equality impact assessment before the DMBC completes', () => {
    const dmbc = def.gates.find((g) => g.id === 'decision-making-business-case')!;
    expect(dmbc.evidence!.map((e) => e.id)).toEqual(
      expect.arrayContaining([
        'test-public-engagement',
        'test-patient-choice',
        'test-clinical-evidence',
        'test-commissioner-support',
        'test-bed-closure',
        'equality-impact-assessment',
      ]),
    );
  });

  it('has no gate that blocks PCBC drafting', () => {
    const sense = def.gates.find((g) => g.id === 'stage-1-sense-check');
    if (sense) expect(def.gates.filter((g) => g.dependsOn.includes(sense.id))).toEqual([]);
  });
});

describe('plan-submission v1', () => {
  const def = getDefinition('plan-submission', 1)!;
  const gate = (id: string) => def.gates.find((g) => g.id === id)!;

  it('runs NHS England review and local discussion side by side after the draft', () => {
    expect(def.gates.map((g) => `${g.id}:${g.kind}`)).toEqual([
      'outline-plan:task',
      'draft-plan:task',
      'discussion-and-review:task',
      'nhse-assurance-review:approval',
      'hwb-presentations:approval',
      'final-plan:task',
    ]);
    expect(gate('nhse-assurance-review').dependsOn).toEqual(['draft-plan']);
    expect(gate('discussion-and-review').dependsOn).toEqual(['draft-plan']);
    expect(gate('final-plan').dependsOn).toEqual(['nhse-assurance-review', 'hwb-presentations']);
  });
});
