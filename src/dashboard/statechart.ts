import { GateKind, GateStatus, WorkflowDefinition } from '../../workflows/types';
import { KIND_TEXT, STATUS_TEXT } from './labels';

// The workflow drawn as boxes and arrows, server-side: gates in dependency order (a gate sits
// one layer below the deepest gate it waits for), an arrow for every dependency. Geometry
// only; statechart.njk draws it, and the text alternative is built from the same data.

export interface ChartBox {
  id: string;
  title: string;
  lines: string[];
  caption: string;
  kind: GateKind;
  status: GateStatus;
  x: number;
  y: number;
  layer: number;
}

export interface ChartEdge {
  from: string;
  to: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Statechart {
  width: number;
  height: number;
  box: { width: number; height: number };
  boxes: ChartBox[];
  edges: ChartEdge[];
  /** One sentence per gate: what it is and when it opens, for people who cannot see the picture. */
  steps: string[];
}

export const CHART = { width: 720, boxWidth: 250, boxHeight: 72, gap: 36, margin: 12, lineChars: 30 };

export function layers(def: WorkflowDefinition): Map<string, number> {
  const depth = new Map<string, number>();
  const visit = (id: string, trail: string[]): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (trail.includes(id)) throw new Error(`dependency cycle through ${id}`);
    const gate = def.gates.find((g) => g.id === id);
    const d = gate?.dependsOn.length ? 1 + Math.max(...gate.dependsOn.map((p) => visit(p, [...trail, id]))) : 0;
    depth.set(id, d);
    return d;
  };
  for (const g of def.gates) visit(g.id, []);
  return depth;
}

export function buildStatechart(def: WorkflowDefinition, statuses: Record<string, GateStatus>): Statechart {
  const { boxWidth, boxHeight, gap, margin } = CHART;
  const depth = layers(def);
  const layerCount = Math.max(0, ...depth.values()) + 1;
  const widest = Math.max(
    1,
    ...[...Array(layerCount).keys()].map((l) => def.gates.filter((g) => depth.get(g.id) === l).length),
  );
  // Wide enough for the widest layer; the SVG scales down to the column.
  const width = Math.max(CHART.width, widest * (boxWidth + gap / 2) - gap / 2 + 2 * margin);
  const centre = new Map<string, number>();
  const boxes: ChartBox[] = [];
  for (let layer = 0; layer < layerCount; layer++) {
    const inLayer = def.gates.filter((g) => depth.get(g.id) === layer);
    // Each gate wants to sit under the gates it waits for; then they are spread so none overlap.
    const wanted = inLayer.map((g) => {
      const parents = g.dependsOn.map((p) => centre.get(p)!).filter((c) => c !== undefined);
      return parents.length ? parents.reduce((a, b) => a + b, 0) / parents.length : width / 2;
    });
    const placed = spread(wanted, boxWidth + gap / 2, margin + boxWidth / 2, width - margin - boxWidth / 2);
    inLayer.forEach((g, i) => {
      centre.set(g.id, placed[i]);
      const status = statuses[g.id] ?? 'not-started';
      boxes.push({
        id: g.id,
        title: g.title,
        lines: wrap(g.title, CHART.lineChars),
        caption: `${KIND_TEXT[g.kind]}: ${STATUS_TEXT[status].toLowerCase()}`,
        kind: g.kind,
        status,
        x: placed[i] - boxWidth / 2,
        y: margin + layer * (boxHeight + gap),
        layer,
      });
    });
  }
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const edges = def.gates.flatMap((g) =>
    g.dependsOn.map((p) => {
      const from = byId.get(p)!;
      const to = byId.get(g.id)!;
      return {
        from: p,
        to: g.id,
        x1: from.x + boxWidth / 2,
        y1: from.y + boxHeight,
        x2: to.x + boxWidth / 2,
        y2: to.y,
      };
    }),
  );
  const title = (id: string) => def.gates.find((g) => g.id === id)?.title ?? id;
  const steps = def.gates.map((g) => {
    const opens = g.dependsOn.length
      ? `opens when ${listOf(g.dependsOn.map(title))} ${g.dependsOn.length > 1 ? 'are' : 'is'} complete`
      : 'opens at the start';
    return `${g.title} (${KIND_TEXT[g.kind].toLowerCase()}, ${STATUS_TEXT[statuses[g.id] ?? 'not-started'].toLowerCase()}): ${opens}.`;
  });
  if (def.callIn) {
    steps.push(
      'Call-in by the Secretary of State, beside every gate and at any stage: a request pauses the gates not yet ' +
        'complete until the outcome; if the proposal is called in they stay paused until the decision is recorded.',
    );
  }
  return {
    width,
    height: 2 * margin + layerCount * boxHeight + (layerCount - 1) * gap,
    box: { width: boxWidth, height: boxHeight },
    boxes,
    edges,
    steps,
  };
}

/** Positions as close to the wanted ones as a minimum distance apart and the bounds allow. */
export function spread(wanted: number[], minGap: number, lo: number, hi: number): number[] {
  const order = wanted.map((w, i) => ({ w, i })).sort((a, b) => a.w - b.w || a.i - b.i);
  const placed = order.map((o) => o.w);
  for (let k = 1; k < placed.length; k++) placed[k] = Math.max(placed[k], placed[k - 1] + minGap);
  // Pulled back inside the right edge, then the left, keeping the gaps.
  const overflow = placed.length ? placed[placed.length - 1] - hi : 0;
  if (overflow > 0) for (let k = 0; k < placed.length; k++) placed[k] -= overflow;
  const underflow = placed.length ? lo - placed[0] : 0;
  if (underflow > 0) for (let k = 0; k < placed.length; k++) placed[k] += underflow;
  const result = new Array<number>(wanted.length);
  order.forEach((o, k) => (result[o.i] = Math.round(placed[k])));
  return result;
}

/** Splits a title into at most two lines of about `max` characters, at spaces. */
export function wrap(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const words = text.split(' ');
  let first = '';
  while (words.length && (first ? `${first} ${words[0]}` : words[0]).length <= max) {
    first = first ? `${first} ${words.shift()}` : words.shift()!;
  }
  if (!first) first = words.shift()!;
  const rest = words.join(' ');
  return rest ? [first, rest.length > max ? `${rest.slice(0, max - 1)}…` : rest] : [first];
}

function listOf(items: string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
