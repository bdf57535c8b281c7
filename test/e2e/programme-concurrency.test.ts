import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { TestApp, startTestApp } from '../support/test-app';
import { betterCareAtPartnerApprovals } from '../support/reference-programme';

// Two people recording decisions on the same programme at the same moment must both land:
// never a lost update. Fired truly concurrently through the HTTP pipeline.

describe('concurrent decisions on one programme', () => {
  let t: TestApp;
  let lead: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-27T09:00:00Z' });
    lead = await t.tokenFor('partnerships');
  });
  afterAll(() => t.close());

  it('lands every one of many simultaneous decisions, each audited once', async () => {
    const id = await betterCareAtPartnerApprovals(t, lead);
    const parties = BETTER_CARE_TOGETHER.gates['partner-approvals'].parties!;
    // Each party decides three times (deferred, deferred, approved), all 24 requests at once.
    const requests = parties.flatMap((p) =>
      ['deferred', 'not-approved', 'approved'].map((decision, i) =>
        t.request('POST', `/api/programmes/${id}/gates/partner-approvals/decisions`, {
          token: lead,
          body: { partyId: p.id, decision, decidedOn: `2015-10-2${i}` },
        }),
      ),
    );
    const results = await Promise.all(requests);
    const statuses = results.map((r) => r.status);
    // Each either landed (201) or was refused with a clear 409 (e.g. the gate completed first).
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const landed = statuses.filter((s) => s === 201).length;

    const history = await t.request('GET', `/api/programmes/${id}/gates/partner-approvals/history`, { token: lead });
    expect(history.body.decisions).toHaveLength(landed);
    const audit = await t.request('GET', `/api/programmes/${id}/audit`, { token: lead });
    const decisions = audit.body.filter((e: { action: string }) => e.action === 'decision.recorded');
    expect(decisions).toHaveLength(landed);
    // Revisions are strictly increasing, one per change: no two writers saw the same state.
    const revisions = decisions.map((e: { detail: { revision: number } }) => e.detail.revision);
    expect(new Set(revisions).size).toBe(revisions.length);

    const view = await t.request('GET', `/api/programmes/${id}`, { token: lead });
    expect(view.body.revision).toBe(1 + 2 + landed);
    // The matrix agrees with the last landed decision of each party.
    for (const party of view.body.gates.find((g: { id: string }) => g.id === 'partner-approvals').parties) {
      const last = history.body.decisions.filter((d: { partyId: string }) => d.partyId === party.id).pop();
      expect(party.decision).toBe(last?.decision);
    }
  });

  it('lands simultaneous changes to different gates of one programme', async () => {
    const id = await betterCareAtPartnerApprovals(t, lead);
    const results = await Promise.all([
      t.request('PATCH', `/api/programmes/${id}/gates/nhse-assurance`, {
        token: lead,
        body: { forecastDate: '2015-11-16', reason: 'NHS England panel moved' },
      }),
      t.request('PATCH', `/api/programmes/${id}/gates/public-consultation`, {
        token: lead,
        body: { forecastDate: '2015-12-07', reason: 'Launch event venue' },
      }),
      t.request('POST', `/api/programmes/${id}/gates/partner-approvals/decisions`, {
        token: lead,
        body: { partyId: 'leicester-city-ccg', decision: 'approved', decidedOn: '2015-10-26' },
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 201]);
    const view = await t.request('GET', `/api/programmes/${id}`, { token: lead });
    const byId = (g: string) => view.body.gates.find((x: { id: string }) => x.id === g);
    expect(byId('nhse-assurance').forecastDate).toBe('2015-11-16');
    expect(byId('public-consultation').forecastDate >= '2015-12-07').toBe(true);
    expect(byId('partner-approvals').parties[0].decision).toBe('approved');
    expect(view.body.revision).toBe(6);
  });
});
