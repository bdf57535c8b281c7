import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { TestApp, TestResponse, startTestApp } from '../support/test-app';
import { betterCareAtPartnerApprovals } from '../support/reference-programme';

// Refusals the service gives before, or instead of, touching the database: ids that only an own-key lookup
// tells apart from inherited properties, text that PostgreSQL cannot store, and the errors Fastify raises
// before the application sees the request. Each is problem+json, and none changes anything.

function expectProblem(res: TestResponse, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
}

describe('request refusals', () => {
  let t: TestApp;
  let lead: string;
  let id: string;
  const programme = async () => (await t.request('GET', `/api/programmes/${id}`, { token: lead })).body;
  const audit = async () => (await t.request('GET', `/api/programmes/${id}/audit`, { token: lead })).body;

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-27T09:00:00Z' });
    lead = await t.tokenFor('partnerships');
    id = await betterCareAtPartnerApprovals(t, lead, {
      'pcbc-draft': '2015-09-07',
      'clinical-senate-review': '2015-09-21',
    });
  }, 60_000);
  afterAll(() => t.close());

  describe('ids named after inherited properties', () => {
    it.each(['constructor', 'tostring', 'hasownproperty', 'valueof'])(
      "a decision for party '%s', which the gate does not list, is refused and recorded nowhere",
      async (partyId) => {
        const before = await programme();
        const res = await t.request('POST', `/api/programmes/${id}/gates/partner-approvals/decisions`, {
          token: lead,
          body: { partyId, decision: 'approved', decidedOn: '2015-10-01' },
        });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.body.code).toBe('UNKNOWN_PARTY');
        expect(await programme()).toEqual(before);
      },
    );

    it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])("gate '%s' is not found", async (gateId) => {
      const res = await t.request('POST', `/api/programmes/${id}/gates/${gateId}/complete`, {
        token: lead,
        body: { completedOn: '2015-10-01' },
      });
      expectProblem(res, 404);
    });
  });

  describe('text no database can store', () => {
    const bad = { nul: 'minute 4\u0000b', 'high surrogate': 'board \uD83D', 'low surrogate': '\uDE00 board' };

    it.each(Object.entries(bad))('a %s in free text is a 422 naming the field', async (_what, value) => {
      const before = await audit();
      const cases: Array<[string, string, Record<string, unknown>, string]> = [
        [
          'POST',
          'gates/partner-approvals/decisions',
          { partyId: 'tda', decision: 'approved-with-conditions', decidedOn: '2015-10-01', conditions: value },
          'conditions',
        ],
        [
          'POST',
          'gates/partner-approvals/decisions',
          { partyId: 'tda', decision: 'approved', decidedOn: '2015-10-01', reference: value },
          'reference',
        ],
        ['PATCH', 'gates/nhse-assurance', { forecastDate: '2015-11-20', reason: value }, 'reason'],
        ['POST', 'gates/nhse-assurance/complete', { completedOn: '2015-10-01', note: value }, 'note'],
        [
          'POST',
          'gates/public-consultation/start',
          { startsOn: '2015-10-27', closesOn: '2015-11-30', justification: value },
          'justification',
        ],
      ];
      for (const [method, path, body, field] of cases) {
        const res = await t.request(method, `/api/programmes/${id}/${path}`, { token: lead, body });
        expectProblem(res, 422);
        expect(res.body.errors).toEqual([
          { field, message: expect.stringMatching(/NUL characters or unpaired surrogate/) },
        ]);
      }
      const created = await t.request('POST', '/api/programmes', {
        token: lead,
        body: { ...BETTER_CARE_TOGETHER, name: value },
      });
      expectProblem(created, 422);
      expect(created.body.errors[0].field).toBe('name');
      expect(await audit()).toEqual(before);
    });

    it('a NUL in a path id is a 422 naming the parameter', async () => {
      const res = await t.request('POST', `/api/programmes/${id}/gates/pcbc%00/complete`, {
        token: lead,
        body: { completedOn: '2015-10-01' },
      });
      expectProblem(res, 422);
      expect(res.body.errors).toEqual([{ field: 'gateId', message: expect.stringMatching(/NUL/) }]);
      const programmeRes = await t.request('GET', `/api/programmes/${id}%00`, { token: lead });
      expectProblem(programmeRes, 422);
      expect(programmeRes.body.errors[0].field).toBe('id');
    });
  });

  describe('errors raised before the application sees the request', () => {
    it('malformed percent-encoding in the path is a 400', async () => {
      expectProblem(await t.request('GET', `/api/programmes/%E0%A4%A`, { token: lead }), 400);
      expectProblem(await t.request('GET', `/api/programmes/${id}/gates/%ED%A0%80/history`, { token: lead }), 400);
    });

    it('a path parameter over 100 characters is a 414', async () => {
      expectProblem(await t.request('GET', `/api/programmes/${'a'.repeat(101)}`, { token: lead }), 414);
    });

    it('a body that is not JSON is a 400', async () => {
      const res = await t.request('POST', '/api/programmes', {
        token: lead,
        raw: '{"name": ',
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(res, 400);
    });

    it('an empty JSON body is a 400 or a 422, never Fastify’s own answer', async () => {
      const res = await t.request('POST', '/api/programmes', {
        token: lead,
        raw: '',
        headers: { 'content-type': 'application/json' },
      });
      expect([400, 422]).toContain(res.status);
      expectProblem(res, res.status);
    });

    it('a content type the API does not read is a 415', async () => {
      const res = await t.request('POST', '/api/programmes', {
        token: lead,
        raw: 'name=x',
        headers: { 'content-type': 'text/csv' },
      });
      expectProblem(res, 415);
    });

    it('a body over the limit is a 413', async () => {
      const res = await t.request('POST', '/api/programmes', {
        token: lead,
        raw: JSON.stringify({ name: 'x'.repeat(300 * 1024) }),
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(res, 413);
    });

    it('an unknown route and a wrong method are problem+json', async () => {
      expectProblem(await t.request('GET', '/api/nope', { token: lead }), 404);
      expectProblem(await t.request('DELETE', '/api/programmes', { token: lead }), 404);
    });
  });
});
