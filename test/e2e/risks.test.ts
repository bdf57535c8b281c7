import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { TokenService } from '../../src/auth/token.service';
import { TestApp, startTestApp } from '../support/test-app';

jest.setTimeout(30_000);

// The risks and issues log through the API, on the database the run picks (SQLite or PostgreSQL).

const OWNER = { name: 'Rita Owen', email: 'rita.owen@example.nhs.uk' };
const WORKFORCE = {
  kind: 'risk',
  title: 'Clinical workforce not recruited in time',
  description: 'Consultant posts for the new model not filled before go-live.',
  owner: OWNER,
  likelihood: 4,
  impact: 4,
  targetScore: 6,
  mitigation: 'Joint recruitment campaign with the acute trust.',
  reviewOn: '2015-11-13',
  gateIds: ['public-consultation'],
};

describe('risks and issues', () => {
  let t: TestApp;
  let lead: string;
  let viewer: string;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-01T09:00:00Z' });
    lead = await t.tokenFor('partnerships');
    viewer = await t.tokenFor('viewer');
    const created = await t.request('POST', '/api/programmes', { token: lead, body: BETTER_CARE_TOGETHER });
    expect(created.status).toBe(201);
    id = created.body.id;
  });
  afterAll(() => t.close());

  async function rowCounts() {
    const risks = await t.request('GET', `/api/programmes/${id}/risks?status=all`, { token: lead });
    const audit = await t.request('GET', `/api/programmes/${id}/audit`, { token: lead });
    return { risks: risks.body.length as number, audit: audit.body.length as number };
  }

  it('raises a risk with its score and rating on the 5×5 matrix, and audits it', async () => {
    const res = await t.request('POST', `/api/programmes/${id}/risks`, { token: lead, body: WORKFORCE });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'risk',
      score: 16,
      rating: 'extreme',
      targetScore: 6,
      targetRating: 'moderate',
      status: 'open',
      owner: OWNER,
      reviewOn: '2015-11-13',
      gateIds: ['public-consultation'],
    });
    const audit = await t.request('GET', `/api/programmes/${id}/audit`, { token: viewer });
    const last = audit.body[audit.body.length - 1];
    expect(last).toMatchObject({ action: 'risk.raised', detail: { riskId: res.body.id } });
    expect(last.actor).toMatch(/<.+@.+>/);
  });

  it('lists open risks and issues highest score first', async () => {
    await t.request('POST', `/api/programmes/${id}/risks`, {
      token: lead,
      body: { kind: 'issue', title: 'Travel analysis late', owner: OWNER, likelihood: 5, impact: 2 },
    });
    await t.request('POST', `/api/programmes/${id}/risks`, {
      token: lead,
      body: { kind: 'risk', title: 'Judicial review', owner: OWNER, likelihood: 2, impact: 5, reviewOn: '2015-10-30' },
    });
    const list = await t.request('GET', `/api/programmes/${id}/risks`, { token: viewer });
    expect(list.status).toBe(200);
    expect(list.body.map((r: { score: number; rating: string }) => [r.score, r.rating])).toEqual([
      [16, 'extreme'],
      [10, 'high'],
      [10, 'high'],
    ]);
    // Equal scores: the earlier review first.
    expect(list.body[1].title).toBe('Judicial review');
  });

  it('keeps every change of score, owner and status with its reason and actor', async () => {
    const raised = await t.request('POST', `/api/programmes/${id}/risks`, {
      token: lead,
      body: { kind: 'risk', title: 'Estates not ready', owner: OWNER, likelihood: 3, impact: 4 },
    });
    const riskId = raised.body.id;
    t.setNow('2015-10-12T10:00:00Z');
    const rescored = await t.request('PATCH', `/api/programmes/${id}/risks/${riskId}`, {
      token: lead,
      body: { likelihood: 2, owner: { name: 'Sam Ade', email: 'Sam.Ade@example.nhs.uk' }, reason: 'Site survey done' },
    });
    expect(rescored.status).toBe(200);
    expect(rescored.body).toMatchObject({ score: 8, rating: 'high', owner: { email: 'sam.ade@example.nhs.uk' } });
    t.setNow('2015-10-20T10:00:00Z');
    const closed = await t.request('PATCH', `/api/programmes/${id}/risks/${riskId}`, {
      token: lead,
      body: { status: 'closed', reason: 'Lease signed' },
    });
    expect(closed.body).toMatchObject({ status: 'closed', closedOn: '2015-10-20' });

    const one = await t.request('GET', `/api/programmes/${id}/risks/${riskId}`, { token: viewer });
    expect(
      one.body.history.map((h: { score: number; status: string; reason: string }) => [h.score, h.status, h.reason]),
    ).toEqual([
      [12, 'open', 'Raised: Estates not ready'],
      [8, 'open', 'Site survey done'],
      [8, 'closed', 'Lease signed'],
    ]);
    expect(one.body.history[1].changes).toEqual({
      ownerName: { from: OWNER.name, to: 'Sam Ade' },
      ownerEmail: { from: OWNER.email, to: 'sam.ade@example.nhs.uk' },
      likelihood: { from: 3, to: 2 },
    });

    // Closed ones only with status=all; and the log as it stood at an earlier board.
    const open = await t.request('GET', `/api/programmes/${id}/risks`, { token: viewer });
    expect(open.body.map((r: { id: string }) => r.id)).not.toContain(riskId);
    const all = await t.request('GET', `/api/programmes/${id}/risks?status=all`, { token: viewer });
    expect(all.body.map((r: { id: string }) => r.id)).toContain(riskId);
    const then = await t.request('GET', `/api/programmes/${id}/risks?asOf=2015-10-05`, { token: viewer });
    expect(then.body.find((r: { id: string }) => r.id === riskId)).toMatchObject({
      score: 12,
      status: 'open',
      owner: OWNER,
    });
    const before = await t.request('GET', `/api/programmes/${id}/risks?asOf=2015-09-30`, { token: viewer });
    expect(before.body).toEqual([]);

    const audit = await t.request('GET', `/api/programmes/${id}/audit`, { token: viewer });
    const actions = audit.body.filter((a: { detail: { riskId?: string } }) => a.detail.riskId === riskId);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['risk.raised', 'risk.updated', 'risk.closed']);
    expect(actions[2].detail.reason).toBe('Lease signed');
  });

  describe('refuses bad input with a problem and writes nothing', () => {
    const cases: Array<[string, unknown, string]> = [
      ['a likelihood of 6', { ...WORKFORCE, likelihood: 6 }, 'likelihood'],
      ['an impact of 2.5', { ...WORKFORCE, impact: 2.5 }, 'impact'],
      ['an unknown gate id', { ...WORKFORCE, gateIds: ['public-consultation', 'no-such-gate'] }, 'gateIds.1'],
      ['a review date that is no date', { ...WORKFORCE, reviewOn: '2015-02-30' }, 'reviewOn'],
      ['a review date of words', { ...WORKFORCE, reviewOn: 'next week' }, 'reviewOn'],
      ['a review date in the past', { ...WORKFORCE, reviewOn: '2015-01-05' }, 'reviewOn'],
      ['a kind that is neither', { ...WORKFORCE, kind: 'worry' }, 'kind'],
      ['a target score off the matrix', { ...WORKFORCE, targetScore: 7 }, 'targetScore'],
      ['no owner', { ...WORKFORCE, owner: undefined }, 'owner'],
      ['an unknown field', { ...WORKFORCE, severity: 'high' }, '(body)'],
    ];
    it.each(cases)('%s', async (_name, body, field) => {
      const before = await rowCounts();
      const res = await t.request('POST', `/api/programmes/${id}/risks`, { token: lead, body });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await rowCounts()).toEqual(before);
    });

    it('a change without a reason, or with nothing to change', async () => {
      const list = await t.request('GET', `/api/programmes/${id}/risks`, { token: lead });
      const riskId = list.body[0].id;
      const before = await rowCounts();
      const noReason = await t.request('PATCH', `/api/programmes/${id}/risks/${riskId}`, {
        token: lead,
        body: { likelihood: 1 },
      });
      expect(noReason.status).toBe(422);
      expect(noReason.body.errors).toEqual([{ field: 'reason', message: expect.stringMatching(/reason/) }]);
      const nothing = await t.request('PATCH', `/api/programmes/${id}/risks/${riskId}`, {
        token: lead,
        body: { reason: 'just because' },
      });
      expect(nothing.status).toBe(422);
      const same = await t.request('PATCH', `/api/programmes/${id}/risks/${riskId}`, {
        token: lead,
        body: { likelihood: list.body[0].likelihood, reason: 'no real change' },
      });
      expect(same.status).toBe(422);
      const badScore = await t.request('PATCH', `/api/programmes/${id}/risks/${riskId}`, {
        token: lead,
        body: { impact: 0, reason: 'rescored' },
      });
      expect(badScore.status).toBe(422);
      expect(await rowCounts()).toEqual(before);
      const after = await t.request('GET', `/api/programmes/${id}/risks/${riskId}`, { token: lead });
      expect(after.body.likelihood).toBe(list.body[0].likelihood);
    });

    it('unknown programme or risk: 404', async () => {
      const ghost = '00000000-0000-4000-8000-000000000000';
      expect((await t.request('POST', `/api/programmes/${ghost}/risks`, { token: lead, body: WORKFORCE })).status).toBe(
        404,
      );
      expect((await t.request('GET', `/api/programmes/${ghost}/risks`, { token: lead })).status).toBe(404);
      const patch = await t.request('PATCH', `/api/programmes/${id}/risks/${ghost}`, {
        token: lead,
        body: { likelihood: 1, reason: 'ghost' },
      });
      expect(patch.status).toBe(404);
      expect((await t.request('GET', `/api/programmes/${id}/risks/constructor`, { token: lead })).status).toBe(404);
      expect((await t.request('GET', `/api/programmes/${id}/risks?asOf=2015-13-01`, { token: lead })).status).toBe(422);
    });
  });

  it('lets an owner change only the risks they own', async () => {
    const owner = (await t.get(TokenService).create({ ...OWNER, role: 'owner' })).token;
    const mine = await t.request('POST', `/api/programmes/${id}/risks`, {
      token: lead,
      body: { kind: 'risk', title: 'Mine', owner: OWNER, likelihood: 2, impact: 2 },
    });
    const theirs = await t.request('POST', `/api/programmes/${id}/risks`, {
      token: lead,
      body: {
        kind: 'risk',
        title: 'Theirs',
        owner: { name: 'X Y', email: 'x.y@example.nhs.uk' },
        likelihood: 2,
        impact: 2,
      },
    });
    const ok = await t.request('PATCH', `/api/programmes/${id}/risks/${mine.body.id}`, {
      token: owner,
      body: { impact: 3, reason: 'reassessed' },
    });
    expect(ok.status).toBe(200);
    const refused = await t.request('PATCH', `/api/programmes/${id}/risks/${theirs.body.id}`, {
      token: owner,
      body: { impact: 3, reason: 'reassessed' },
    });
    expect(refused.status).toBe(403);
    const byViewer = await t.request('POST', `/api/programmes/${id}/risks`, { token: viewer, body: WORKFORCE });
    expect(byViewer.status).toBe(403);
  });
});
