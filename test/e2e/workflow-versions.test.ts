import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { TestApp, startTestApp } from '../support/test-app';

// A programme started on version 1 keeps working after version 2 is released, and moves to
// version 2 only when someone asks, with the step audited.

describe('workflow versions', () => {
  let t: TestApp;
  let lead: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-27T09:00:00Z' });
    lead = await t.tokenFor('partnerships');
  });
  afterAll(() => t.close());

  it('lists every version and serves each with a readable diagram', async () => {
    const all = await t.request('GET', '/api/workflows?all=true');
    expect(all.status).toBe(200);
    const versions = all.body
      .filter((w: { id: string }) => w.id === 'nhs-service-change')
      .map((w: { version: number }) => w.version);
    expect(versions).toEqual([1, 2, 3]);
    const latest = await t.request('GET', '/api/workflows');
    expect(latest.body.map((w: { id: string }) => w.id).sort()).toEqual(['nhs-service-change', 'plan-submission']);
    const v1 = await t.request('GET', '/api/workflows/nhs-service-change?version=1');
    expect(v1.body.version).toBe(1);
    expect(v1.body.diagram.format).toBe('mermaid');
    expect(v1.body.diagram.source).toContain('stateDiagram-v2');
    expect((await t.request('GET', '/api/workflows/nope')).status).toBe(404);
  });

  it('starts new programmes on the newest version unless pinned', async () => {
    const { workflowVersion: _pinned, ...unpinned } = BETTER_CARE_TOGETHER;
    const res = await t.request('POST', '/api/programmes', { token: lead, body: unpinned });
    expect(res.status).toBe(201);
    expect(res.body.workflow.version).toBe(3);
    expect(res.body.gates.map((g: { id: string }) => g.id)).toContain('stage-1-sense-check');
  });

  it('keeps a version 1 programme working, then migrates it mid-way on request', async () => {
    const created = await t.request('POST', '/api/programmes', { token: lead, body: BETTER_CARE_TOGETHER });
    const id = created.body.id;
    expect(created.body.workflow.version).toBe(1);
    for (const [gateId, completedOn] of [
      ['pcbc-draft', '2015-09-04'],
      ['clinical-senate-review', '2015-10-05'],
    ]) {
      expect(
        (
          await t.request('POST', `/api/programmes/${id}/gates/${gateId}/complete`, {
            token: lead,
            body: { completedOn },
          })
        ).status,
      ).toBe(200);
    }
    const decided = await t.request('POST', `/api/programmes/${id}/gates/partner-approvals/decisions`, {
      token: lead,
      body: { partyId: 'leicester-city-ccg', decision: 'approved', decidedOn: '2015-10-13' },
    });
    expect(decided.status).toBe(201);
    expect(decided.body.workflow.version).toBe(1);

    const viewer = await t.tokenFor('viewer');
    expect(
      (await t.request('POST', `/api/programmes/${id}/migrate`, { token: viewer, body: { toVersion: 2 } })).status,
    ).toBe(403);
    expect(
      (await t.request('POST', `/api/programmes/${id}/migrate`, { token: lead, body: { toVersion: 1 } })).status,
    ).toBe(422);

    const migrated = await t.request('POST', `/api/programmes/${id}/migrate`, { token: lead, body: { toVersion: 2 } });
    expect(migrated.status).toBe(200);
    expect(migrated.body.workflow.version).toBe(2);
    const gate = (gid: string) => migrated.body.gates.find((g: { id: string }) => g.id === gid);
    expect(gate('pcbc-draft')).toMatchObject({
      status: 'complete',
      actualDate: '2015-09-04',
      baselineDate: '2015-09-04',
    });
    expect(gate('partner-approvals').parties.find((p: { id: string }) => p.id === 'leicester-city-ccg').decision).toBe(
      'approved',
    );
    expect(gate('consultation-analysis')).toMatchObject({ status: 'not-started', baselineDate: null });

    // It carries on under version 2.
    const next = await t.request('POST', `/api/programmes/${id}/gates/partner-approvals/decisions`, {
      token: lead,
      body: { partyId: 'west-leicestershire-ccg', decision: 'approved', decidedOn: '2015-10-20' },
    });
    expect(next.status).toBe(201);
    const audit = await t.request('GET', `/api/programmes/${id}/audit`, { token: lead });
    const step = audit.body.find((e: { action: string }) => e.action === 'programme.migrated');
    expect(step.detail).toMatchObject({ before: { workflow: { version: 1 } }, after: { workflow: { version: 2 } } });
  });
});
