import { nhsServiceChangeV1 } from '../../workflows/definitions/nhs-service-change.v1';
import { planSubmissionV1 } from '../../workflows/definitions/plan-submission.v1';
import { WorkflowDefinition } from '../../workflows/types';
import { CHART, buildStatechart, layers, spread, wrap } from './statechart';

describe('buildStatechart', () => {
  it('draws a chain as one box per layer with an arrow between each', () => {
    const chart = buildStatechart(nhsServiceChangeV1, { 'pcbc-draft': 'complete', 'clinical-senate-review': 'open' });
    expect(chart.boxes).toHaveLength(7);
    expect(chart.boxes.map((b) => b.layer)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(new Set(chart.boxes.map((b) => b.x)).size).toBe(1);
    expect(chart.edges).toHaveLength(6);
    expect(chart.edges[0]).toMatchObject({ from: 'pcbc-draft', to: 'clinical-senate-review' });
    expect(chart.edges[0].y1).toBe(chart.boxes[0].y + CHART.boxHeight);
    expect(chart.edges[0].y2).toBe(chart.boxes[1].y);
    expect(chart.boxes[0]).toMatchObject({ status: 'complete', caption: 'Task: complete' });
    expect(chart.boxes[2]).toMatchObject({ status: 'not-started', caption: 'Approval: not started' });
    expect(chart.height).toBe(2 * CHART.margin + 7 * CHART.boxHeight + 6 * CHART.gap);
  });

  it('puts parallel gates side by side without overlap, and a join under both', () => {
    const chart = buildStatechart(planSubmissionV1, {});
    const box = (id: string) => chart.boxes.find((b) => b.id === id)!;
    expect(box('discussion-and-review').layer).toBe(2);
    expect(box('nhse-assurance-review').layer).toBe(2);
    expect(Math.abs(box('discussion-and-review').x - box('nhse-assurance-review').x)).toBeGreaterThanOrEqual(
      CHART.boxWidth,
    );
    expect(box('hwb-presentations').x).toBe(box('discussion-and-review').x);
    expect(box('final-plan').layer).toBe(4);
    expect(chart.edges.filter((e) => e.to === 'final-plan')).toHaveLength(2);
    for (const b of chart.boxes) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + CHART.boxWidth).toBeLessThanOrEqual(chart.width);
    }
  });

  it('says the same in words: what each gate is and when it opens', () => {
    const chart = buildStatechart(planSubmissionV1, { 'outline-plan': 'complete' });
    expect(chart.steps[0]).toBe('Outline plan submitted (task, complete): opens at the start.');
    expect(chart.steps[5]).toBe(
      'Final plan submitted (task, not started): opens when NHS England assurance review and Health and wellbeing board presentations are complete.',
    );
  });

  it('widens for a layer with more gates than fit', () => {
    const wide: WorkflowDefinition = {
      ...planSubmissionV1,
      gates: ['a', 'b', 'c', 'd'].map((id) => ({ id, title: id, kind: 'task', description: '', dependsOn: [] })),
    };
    const chart = buildStatechart(wide, {});
    expect(chart.width).toBeGreaterThan(CHART.width);
    const xs = chart.boxes.map((b) => b.x).sort((p, q) => p - q);
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThanOrEqual(CHART.boxWidth);
  });
});

describe('layers', () => {
  it('puts a gate one below the deepest gate it waits for, and refuses a cycle', () => {
    expect(Object.fromEntries(layers(planSubmissionV1))).toEqual({
      'outline-plan': 0,
      'draft-plan': 1,
      'discussion-and-review': 2,
      'nhse-assurance-review': 2,
      'hwb-presentations': 3,
      'final-plan': 4,
    });
    const cyclic: WorkflowDefinition = {
      ...planSubmissionV1,
      gates: [
        { id: 'a', title: 'A', kind: 'task', description: '', dependsOn: ['b'] },
        { id: 'b', title: 'B', kind: 'task', description: '', dependsOn: ['a'] },
      ],
    };
    expect(() => layers(cyclic)).toThrow('dependency cycle');
  });
});

describe('spread and wrap', () => {
  it('keeps wanted positions apart and inside the bounds', () => {
    expect(spread([100, 100], 50, 0, 1000)).toEqual([100, 150]);
    expect(spread([990, 990], 50, 0, 1000)).toEqual([950, 1000]);
    expect(spread([300, 100], 50, 0, 1000)).toEqual([300, 100]);
  });

  it('splits long titles in two at a space, and shortens a third line away', () => {
    expect(wrap('Public consultation', 30)).toEqual(['Public consultation']);
    expect(wrap('Health and wellbeing board presentations', 30)).toEqual([
      'Health and wellbeing board',
      'presentations',
    ]);
    expect(wrap('a'.repeat(10) + ' ' + 'b'.repeat(40), 30)).toEqual(['a'.repeat(10), 'b'.repeat(29) + '…']);
  });
});
