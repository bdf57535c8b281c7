import fc from 'fast-check';
import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { TestApp, startTestApp } from '../support/test-app';

// Random payloads thrown at every write endpoint: the service answers each with a
// problem+json 4xx or a success, never a 500, and a rejected request changes nothing.

describe('write endpoints under random input', () => {
  let t: TestApp;
  let lead: string;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-27T09:00:00Z' });
    lead = await t.tokenFor('partnerships');
    const created = await t.request('POST', '/api/programmes', { token: lead, body: BETTER_CARE_TOGETHER });
    id = created.body.id;
    await t.request('POST', `/api/programmes/${id}/gates/pcbc-draft/complete`, {
      token: lead,
      body: { completedOn: '2015-09-07' },
    });
  });
  afterAll(() => t.close());

  const date = fc.oneof(
    fc
      .date({ min: new Date('2014-01-01'), max: new Date('2016-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    fc.constantFrom('2015-02-30', '2015-13-01', '15-10-01', '', '2015-10-27T00:00:00Z', '0000-00-00'),
    fc.string(),
  );
  const anyValue = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), date, fc.object());
  const gateId = fc.constantFrom(
    'pcbc-draft',
    'clinical-senate-review',
    'partner-approvals',
    'public-consultation',
    'nope',
    '..',
    '%00',
  );
  const partyId = fc.constantFrom('leicester-city-ccg', 'rutland-county-council', 'nhse', 'unknown-party', 'A B', '');
  const decision = fc.constantFrom('approved', 'approved-with-conditions', 'not-approved', 'deferred', 'maybe', '');

  const payload = fc.oneof(
    fc.record(
      {
        partyId,
        decision,
        decidedOn: date,
        reference: fc.option(fc.string(), { nil: undefined }),
        conditions: fc.option(fc.string(), { nil: undefined }),
      },
      { requiredKeys: [] },
    ),
    fc.record({ completedOn: date, note: fc.option(fc.string(), { nil: undefined }) }, { requiredKeys: [] }),
    fc.record({ forecastDate: date, reason: fc.option(fc.string(), { nil: undefined }) }, { requiredKeys: [] }),
    fc.dictionary(fc.string(), anyValue),
    anyValue,
  );
  const endpoint = fc.constantFrom(
    ['POST', 'decisions'],
    ['POST', 'complete'],
    ['PATCH', ''],
    ['POST', 'start'],
    ['POST', 'evidence'],
    ['PUT', 'parties'],
  );

  it('never answers 500 and never changes anything when it refuses', async () => {
    await fc.assert(
      fc.asyncProperty(endpoint, gateId, payload, async ([method, action], gate, body) => {
        const before = await t.request('GET', `/api/programmes/${id}`, { token: lead });
        const url = `/api/programmes/${id}/gates/${encodeURIComponent(gate)}${action ? `/${action}` : ''}`;
        const res = await t.request(method, url, { token: lead, body });
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers['content-type']).toContain('application/problem+json');
          expect(res.body).toMatchObject({
            type: expect.any(String),
            title: expect.any(String),
            status: res.status,
            detail: expect.any(String),
          });
          const after = await t.request('GET', `/api/programmes/${id}`, { token: lead });
          expect(after.body).toEqual(before.body);
        }
      }),
      { numRuns: 250 },
    );
  }, 120_000);

  it('refuses programme bodies it cannot make sense of, creating nothing', async () => {
    const before = await t.request('GET', '/api/programmes', { token: lead });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record(
            {
              name: anyValue,
              workflow: fc.constantFrom('nhs-service-change', 'nope', ''),
              sro: anyValue,
              gates: anyValue,
            },
            { requiredKeys: [] },
          ),
          fc.constant({ ...BETTER_CARE_TOGETHER, gates: { 'pcbc-draft': { targetDate: '2015-02-30' } } }),
          fc.constant({ ...BETTER_CARE_TOGETHER, extra: true }),
          fc.constant({ ...BETTER_CARE_TOGETHER, gates: { 'no-such-gate': {} } }),
          fc.constant({ ...BETTER_CARE_TOGETHER, gates: { 'pcbc-draft': { parties: [{ id: 'x', name: 'X' }] } } }),
        ),
        async (body) => {
          const res = await t.request('POST', '/api/programmes', { token: lead, body });
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(res.headers['content-type']).toContain('application/problem+json');
        },
      ),
      { numRuns: 150 },
    );
    const after = await t.request('GET', '/api/programmes', { token: lead });
    expect(after.body).toHaveLength(before.body.length);
  }, 60_000);

  it('answers impossible dates with the field named', async () => {
    const res = await t.request('POST', `/api/programmes/${id}/gates/clinical-senate-review/complete`, {
      token: lead,
      body: { completedOn: '2015-02-30' },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'completedOn', message: 'is not a real calendar date' }]);
  });

  it('answers unknown programmes and gates with 404', async () => {
    const gate = await t.request('POST', `/api/programmes/${id}/gates/no-such-gate/complete`, {
      token: lead,
      body: { completedOn: '2015-10-01' },
    });
    expect(gate.status).toBe(404);
    const programme = await t.request('GET', '/api/programmes/00000000-0000-0000-0000-000000000000', { token: lead });
    expect(programme.status).toBe(404);
  });
});
