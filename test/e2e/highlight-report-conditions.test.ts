import { TestApp, startTestApp } from '../support/test-app';
import { programmeBody } from '../support/programme-2027';
import { signInWithToken } from '../support/web-session';
import { docxText, flat, pdfText } from '../support/document-text';

jest.setTimeout(60_000);

// "Conditions still open" in the highlight report: on nhs-service-change v3 each condition of an
// approval is an item discharged with evidence, and one discharged on or before the report's
// asOf is no longer open; on v2 (no items) every approval with conditions in force is listed,
// and the report says so. The documents are read back with pdf-parse and mammoth.

const TRAVEL = 'Publish the travel-time analysis before consultation';
const EQUALITY = 'Complete the equality impact assessment';

describe('conditions still open in the highlight report', () => {
  let t: TestApp;
  let lead: string;
  let v3: string;
  let v2: string;
  let travelId: number;

  const report = async (id: string, asOf: string) => {
    const res = await t.request('GET', `/api/programmes/${id}/report?asOf=${asOf}`, { token: lead });
    expect(res.status).toBe(200);
    return res.body as { conditionsTracked: boolean; openConditions: Array<Record<string, unknown>> };
  };
  const file = async (id: string, asOf: string, format: 'pdf' | 'docx') => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/programmes/${id}/report?asOf=${asOf}&format=${format}`,
      headers: { authorization: `Bearer ${lead}` },
    });
    expect(res.statusCode).toBe(200);
    return flat(format === 'pdf' ? (await pdfText(res.rawPayload)).text : await docxText(res.rawPayload));
  };
  const step = async (id: string, path: string, body: unknown) => {
    const res = await t.request('POST', `/api/programmes/${id}/${path}`, { token: lead, body });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${res.text}`);
    return res.body;
  };

  beforeAll(async () => {
    // Set up in September 2026, so that reports as of the winter are of a programme that existed.
    t = await startTestApp({ now: '2026-09-01T09:00:00Z' });
    lead = await t.tokenFor('partnerships');
    const create = async (overrides: Record<string, unknown>) => {
      const res = await t.request('POST', '/api/programmes', { token: lead, body: programmeBody(overrides) });
      expect(res.status).toBe(201);
      return res.body as { id: string; workflow: { version: number } };
    };
    const three = await create({ name: 'Conditions tracked' });
    const two = await create({ name: 'Conditions as text', workflowVersion: 2 });
    expect([three.workflow.version, two.workflow.version]).toEqual([3, 2]);
    v3 = three.id;
    v2 = two.id;
    t.setNow('2027-02-15T09:00:00Z');
    for (const id of [v3, v2]) {
      await step(id, 'gates/pcbc-draft/complete', { completedOn: '2026-10-01' });
      await step(id, 'gates/clinical-senate-review/complete', { completedOn: '2026-11-02' });
      await step(id, 'gates/partner-approvals/decisions', {
        partyId: 'leicester-city-council',
        decision: 'approved',
        decidedOn: '2026-12-01',
      });
      await step(id, 'gates/nhse-assurance/decisions', {
        partyId: 'nhse',
        decision: 'approved-with-conditions',
        decidedOn: '2027-01-15',
        conditions: `1. ${TRAVEL}\n2. ${EQUALITY}`,
        conditionsDueDate: '2027-02-26',
      });
    }
    const view = (await t.request('GET', `/api/programmes/${v3}`, { token: lead })).body;
    expect(view.conditions.map((c: { text: string }) => c.text)).toEqual([TRAVEL, EQUALITY]);
    travelId = view.conditions[0].id;
    await step(v3, `conditions/${travelId}/discharge`, {
      dischargedOn: '2027-02-10',
      evidence: 'Published on the ICB website',
    });
  });
  afterAll(() => t.close());

  it('lists no condition before the decision that set it', async () => {
    const before = await report(v3, '2027-01-14');
    expect(before.conditionsTracked).toBe(true);
    expect(before.openConditions).toEqual([]);
  });

  it('lists each condition item as open the day before its discharge, with its owner and due date', async () => {
    const before = await report(v3, '2027-02-09');
    expect(before.openConditions).toEqual([
      expect.objectContaining({ partyName: 'NHS England', conditions: TRAVEL, conditionId: travelId }),
      expect.objectContaining({ partyName: 'NHS England', conditions: EQUALITY, dueDate: '2027-02-26' }),
    ]);
  });

  it('no longer lists a condition discharged on or before asOf, in JSON, PDF and Word', async () => {
    for (const asOf of ['2027-02-10', '2027-02-15']) {
      const after = await report(v3, asOf);
      expect([asOf, after.openConditions.map((c) => c.conditions)]).toEqual([asOf, [EQUALITY]]);
    }
    for (const format of ['pdf', 'docx'] as const) {
      const before = await file(v3, '2027-02-09', format);
      expect(before).toContain(`NHS England (15 Jan 2027): ${TRAVEL}`);
      const after = await file(v3, '2027-02-15', format);
      expect(after).toContain('Conditions still open');
      expect(after).toContain('tracked until it is discharged with evidence; these were not discharged by 15 Feb 2027');
      expect(after).toContain(`NHS England (15 Jan 2027): ${EQUALITY} (`);
      expect(after).toContain('due 26 Feb 2027');
      expect(after).not.toContain(`: ${TRAVEL}`);
    }
  });

  it('on v2, which keeps conditions only as text, lists the decision with its conditions and says why', async () => {
    const r = await report(v2, '2027-02-15');
    expect(r.conditionsTracked).toBe(false);
    expect(r.openConditions).toEqual([
      expect.objectContaining({ partyName: 'NHS England', conditions: `1. ${TRAVEL}\n2. ${EQUALITY}` }),
    ]);
    expect(r.openConditions[0]).not.toHaveProperty('conditionId');
    const words = await file(v2, '2027-02-15', 'pdf');
    expect(words).toContain('workflow (version 2) does not track conditions one by one');
    expect(words).toContain(TRAVEL);
    const page = await t.app.inject({
      method: 'GET',
      url: `/programmes/${v2}/report?asOf=2027-02-15`,
      headers: { cookie: (await signInWithToken(t, lead)).cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('does not track conditions one by one');
  });
});
