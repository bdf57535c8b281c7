import { toMermaid } from './diagram';
import { getDefinition, listDefinitions } from './registry';

interface Parsed {
  declared: Set<string>;
  transitions: Array<{ from: string; to: string; label?: string }>;
  composites: Map<string, string>; // id -> quoted title
  forks: string[];
  joins: string[];
  notes: Map<string, string>;
}

// A small reader for the subset of Mermaid syntax toMermaid writes, strict enough to catch malformed output.
function parse(text: string): Parsed {
  const lines = text.trimEnd().split('\n');
  expect(lines[0]).toBe('stateDiagram-v2');
  const parsed: Parsed = {
    declared: new Set(),
    transitions: [],
    composites: new Map(),
    forks: [],
    joins: [],
    notes: new Map(),
  };
  let depth = 0;
  let note: { id: string; text: string[] } | undefined;
  for (const raw of lines.slice(1)) {
    const line = raw.trim();
    if (note) {
      if (line === 'end note') {
        parsed.notes.set(note.id, note.text.join('\n'));
        note = undefined;
      } else note.text.push(line);
      continue;
    }
    let m: RegExpMatchArray | null;
    if (line.startsWith('%%') || line === '') continue;
    if (line === '}') depth--;
    else if ((m = line.match(/^state "([^"]*)" as ([A-Za-z0-9_]+)( \{)?$/))) {
      parsed.declared.add(m[2]);
      if (m[3]) {
        depth++;
        parsed.composites.set(m[2], m[1]);
      }
    } else if ((m = line.match(/^state ([A-Za-z0-9_]+) <<(fork|join)>>$/))) {
      parsed.declared.add(m[1]);
      (m[2] === 'fork' ? parsed.forks : parsed.joins).push(m[1]);
    } else if ((m = line.match(/^(\[\*\]|[A-Za-z0-9_]+) --> (\[\*\]|[A-Za-z0-9_]+)(?: : ([^:;]+))?$/))) {
      parsed.transitions.push({ from: m[1], to: m[2], label: m[3] });
    } else if ((m = line.match(/^note right of ([A-Za-z0-9_]+)$/))) {
      note = { id: m[1], text: [] };
    } else throw new Error(`Unexpected diagram line: ${raw}`);
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
  expect(note).toBeUndefined();
  return parsed;
}

describe.each(listDefinitions().map((d) => [`${d.id} v${d.version}`, d] as const))('toMermaid(%s)', (_name, def) => {
  const parsed = parse(toMermaid(def));
  const id = (gateId: string) => gateId.replace(/-/g, '_');

  it('draws every gate as a titled region with its states, and declares every state it links', () => {
    for (const gate of def.gates) {
      expect(parsed.composites.get(id(gate.id))).toBe(`${gate.title} (${gate.kind})`);
      expect(parsed.transitions).toContainEqual({ from: '[*]', to: `${id(gate.id)}__waiting`, label: undefined });
    }
    for (const t of parsed.transitions) {
      for (const end of [t.from, t.to]) if (end !== '[*]') expect(parsed.declared).toContain(end);
    }
  });

  it('draws each dependency as an arrow between gates, and says when each gate opens', () => {
    const edges = parsed.transitions.filter((t) => t.label === 'then');
    expect(edges).toHaveLength(def.gates.reduce((n, g) => n + g.dependsOn.length, 0));
    for (const gate of def.gates) {
      for (const dep of gate.dependsOn) expect(edges).toContainEqual({ from: id(dep), to: id(gate.id), label: 'then' });
      const opens = parsed.transitions.find((t) => t.from === `${id(gate.id)}__waiting`)!;
      for (const dep of gate.dependsOn) expect(opens.label).toContain(def.gates.find((g) => g.id === dep)!.title);
    }
  });

  it('shows approval decisions as parallel work: a fork and join per approval gate, and a note', () => {
    const approvals = def.gates.filter((g) => g.kind === 'approval');
    expect(parsed.forks).toEqual(approvals.map((g) => `${id(g.id)}__fork`));
    expect(parsed.joins).toEqual(approvals.map((g) => `${id(g.id)}__join`));
    for (const gate of approvals) {
      const branches = parsed.transitions.filter((t) => t.from === `${id(gate.id)}__fork`);
      expect(branches.length).toBeGreaterThanOrEqual(2);
      expect(parsed.composites.get(`${id(gate.id)}__open`)).toMatch(/one decision per party, any order/);
      expect(parsed.notes.get(id(gate.id))).toMatch(/in any order/);
    }
  });

  it('shows how a consultation starts and closes, and lists required evidence', () => {
    for (const gate of def.gates.filter((g) => g.kind === 'consultation')) {
      const labels = parsed.transitions.filter((t) => t.from.startsWith(id(gate.id))).map((t) => t.label ?? '');
      expect(labels.some((l) => l.startsWith('consultation.start (12 weeks'))).toBe(true);
      expect(labels.some((l) => l.startsWith('consultation.close'))).toBe(true);
    }
    for (const gate of def.gates.filter((g) => g.evidence?.length)) {
      for (const item of gate.evidence!) expect(parsed.notes.get(id(gate.id))).toContain(`- ${item.title}`);
    }
  });
});

describe('toMermaid with a programme’s parties', () => {
  it('draws one branch per actual party, by name', () => {
    const def = getDefinition('nhs-service-change', 1)!;
    const text = toMermaid(def, {
      parties: {
        'nhse-assurance': [
          { id: 'nhse', name: 'NHS England' },
          { id: 'tda', name: 'NHS Trust Development Authority' },
        ],
      },
    });
    const parsed = parse(text);
    expect(parsed.transitions.filter((t) => t.from === 'nhse_assurance__fork')).toHaveLength(2);
    expect(text).toContain('state "NHS Trust Development Authority decides (gate.decide)" as nhse_assurance__party2');
  });
});
