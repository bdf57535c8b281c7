import JSZip from 'jszip';
import { DemoSeedService } from '../../src/demo/demo-seed.service';
import { TokenService } from '../../src/auth/token.service';
import { TestApp, startTestApp } from '../support/test-app';
import { FORM, PageSession, csrfTokenIn, signInWithToken } from '../support/web-session';
import { docxText, flat, pdfText } from '../support/document-text';
import { CONDITIONS, OCTOBER_DECISIONS, SEVEN_GATES } from '../support/board-report-facts';

jest.setTimeout(60_000);

// Done when: the demo Better Care Together programme, as of 30 October 2015, yields a highlight
// report whose PDF and Word text list the seven gates with their dates, the partner decisions
// of October with the conditions, and the top risks entered through the page. The documents
// are read back with pdf-parse and mammoth, never compared with the service's own output.

const RISKS: Array<Record<string, string>> = [
  {
    kind: 'risk',
    title: 'Judicial review of the consultation',
    ownerName: 'Kate Shields',
    ownerEmail: 'kate.shields@example.nhs.uk',
    likelihood: '3',
    impact: '5',
    mitigation: 'Legal review of the consultation document',
    'reviewOn[day]': '13',
    'reviewOn[month]': '11',
    'reviewOn[year]': '2015',
  },
  {
    kind: 'issue',
    title: 'UHL board deferred its decision',
    ownerName: 'Helen Seth',
    ownerEmail: 'helen.seth@example.nhs.uk',
    likelihood: '5',
    impact: '4',
    mitigation: 'Extraordinary board meeting requested',
    gateIds: 'partner-approvals',
  },
  {
    kind: 'risk',
    title: 'Purdah before the May elections',
    ownerName: 'Helen Seth',
    ownerEmail: 'helen.seth@example.nhs.uk',
    likelihood: '2',
    impact: '3',
  },
];

describe('the highlight report of Better Care Together as of 30 October 2015', () => {
  let t: TestApp;
  let id: string;
  let lead: string;
  let session: PageSession;

  async function file(url: string, token = lead) {
    const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    return {
      status: res.statusCode,
      type: String(res.headers['content-type']),
      bytes: res.rawPayload,
      headers: res.headers,
    };
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-30T09:00:00Z' });
    await t.get(DemoSeedService).seedIfEmpty();
    lead = (
      await t.get(TokenService).create({ name: 'Helen Seth', email: 'helen.seth@example.nhs.uk', role: 'partnerships' })
    ).token;
    const list = await t.request('GET', '/api/programmes', { token: lead });
    id = list.body.find((p: { name: string }) => p.name === 'Better Care Together').id;
    session = await signInWithToken(t, lead);
    // The top risks are entered through the page, as a programme office would.
    for (const risk of RISKS) {
      const form = await t.app.inject({
        method: 'GET',
        url: `/programmes/${id}/risks/new`,
        headers: { cookie: session.cookie },
      });
      expect(form.statusCode).toBe(200);
      const res = await t.app.inject({
        method: 'POST',
        url: `/programmes/${id}/risks/new`,
        headers: { cookie: session.cookie, ...FORM },
        payload: new URLSearchParams({ _csrf: csrfTokenIn(form.body), ...risk }).toString(),
      });
      expect(`${res.statusCode} ${res.headers.location}`).toMatch(
        new RegExp(`^303 /programmes/${id}/risks\\?changed=added`),
      );
    }
  });
  afterAll(() => t.close());

  it('shows the risks entered on the log and the top ones on the programme page', async () => {
    const log = await t.app.inject({
      method: 'GET',
      url: `/programmes/${id}/risks`,
      headers: { cookie: session.cookie },
    });
    expect(log.body).toContain('UHL board deferred its decision');
    const page = await t.app.inject({ method: 'GET', url: `/programmes/${id}`, headers: { cookie: session.cookie } });
    const top = page.body.slice(page.body.indexOf('id="risks"'));
    expect(top.indexOf('UHL board deferred its decision')).toBeLessThan(
      top.indexOf('Judicial review of the consultation'),
    );
    expect(top.indexOf('Judicial review of the consultation')).toBeLessThan(
      top.indexOf('Purdah before the May elections'),
    );
  });

  it('answers JSON with the fields of the contract', async () => {
    const res = await t.request('GET', `/api/programmes/${id}/report?asOf=2015-10-30`, { token: lead });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ programme: { id, name: 'Better Care Together', rag: 'red' }, asOf: '2015-10-30' });
    expect(res.body.programme.ragReason).toMatch(/Partner board approvals/);
    expect(res.body.milestones).toHaveLength(7);
    expect(Object.keys(res.body.milestones[0])).toEqual(
      expect.arrayContaining(['gateId', 'title', 'baselineDate', 'forecastDate', 'actualDate', 'rag']),
    );
    expect(res.body.decisions.map((d: { partyId: string }) => d.partyId)).toHaveLength(4);
    expect(res.body.risks.map((r: { score: number }) => r.score)).toEqual([20, 15, 6]);
    expect(res.body.lookAhead.map((i: { title: string }) => i.title)).toEqual(
      expect.arrayContaining(['NHS England and TDA assurance', 'Review: Judicial review of the consultation']),
    );
  });

  it('writes a PDF whose text lists the seven gates, the October decisions with conditions, and the top risks', async () => {
    const pdf = await file(`/api/programmes/${id}/report?asOf=2015-10-30&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/better-care-together-highlight-report-2015-10-30\.pdf/);
    const { text, info } = await pdfText(pdf.bytes);
    const lines = text.split('\n');
    for (const [gate, date] of SEVEN_GATES) {
      const line = lines.find((l) => l.startsWith(gate));
      expect([gate, line]).toEqual([gate, expect.stringContaining(date)]);
    }
    const all = flat(text);
    for (const [date, party, decision] of OCTOBER_DECISIONS) {
      expect(all).toContain(date);
      expect(all).toContain(party);
      expect(all).toContain(decision);
    }
    expect(all).toContain(CONDITIONS);
    for (const risk of RISKS) expect(all).toContain(risk.title);
    expect(all).toMatch(/20 extreme Issue: UHL board deferred its decision Helen Seth/);
    expect(String(info.CreationDate)).toMatch(/^D:20151030/);
  });

  it('writes a Word document with the same', async () => {
    const docx = await file(`/api/programmes/${id}/report?asOf=2015-10-30&format=docx`);
    expect(docx.status).toBe(200);
    expect(docx.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const text = await docxText(docx.bytes);
    const cells = text.split('\n').filter((l) => l.trim());
    for (const [gate, date] of SEVEN_GATES) {
      const at = cells.indexOf(gate);
      expect([gate, at]).not.toEqual([gate, -1]);
      if (date) expect(cells[at + 1]).toBe(date);
    }
    const all = flat(text);
    for (const [, party, decision] of OCTOBER_DECISIONS) {
      expect(all).toContain(party);
      expect(all).toContain(decision);
    }
    expect(all).toContain(CONDITIONS);
    for (const risk of RISKS) expect(all).toContain(risk.title);
  });

  it('gives the same bytes for the same asOf, whenever it is made', async () => {
    const pdf1 = await file(`/api/programmes/${id}/report?asOf=2015-10-30&format=pdf`);
    const docx1 = await file(`/api/programmes/${id}/report?asOf=2015-10-30&format=docx`);
    t.setNow('2015-11-03T10:17:00Z');
    try {
      const pdf2 = await file(`/api/programmes/${id}/report?asOf=2015-10-30&format=pdf`);
      const docx2 = await file(`/api/programmes/${id}/report?asOf=2015-10-30&format=docx`);
      expect(pdf2.bytes.equals(pdf1.bytes)).toBe(true);
      expect(docx2.bytes.equals(docx1.bytes)).toBe(true);
      // The dates inside are the report's, not the moment it was made.
      const zip = await JSZip.loadAsync(docx2.bytes);
      const core = await zip.file('docProps/core.xml')!.async('string');
      expect(core).toMatch(/<dcterms:created[^>]*>2015-10-30T00:00:00Z</);
      expect(core).toMatch(/<dcterms:modified[^>]*>2015-10-30T00:00:00Z</);
      const later = await file(`/api/programmes/${id}/report?asOf=2015-11-03&format=pdf`);
      expect(later.bytes.equals(pdf1.bytes)).toBe(false);
    } finally {
      t.setNow('2015-10-30T09:00:00Z');
    }
  });

  it('shows the report as a page, and the portfolio over every programme the reader may see', async () => {
    const page = await t.app.inject({
      method: 'GET',
      url: `/programmes/${id}/report?asOf=2015-10-30`,
      headers: { cookie: session.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(CONDITIONS);
    const json = await t.request('GET', '/api/programmes/report?asOf=2015-10-30', { token: lead });
    expect(json.body.programmes.map((p: { programme: { name: string } }) => p.programme.name)).toEqual(
      expect.arrayContaining(['Better Care Together', 'LLR 5-year strategic plan 2014/15-2019/20']),
    );
    const scoped = await t.tokenFor('viewer', id);
    const mine = await t.request('GET', '/api/programmes/report', { token: scoped });
    expect(mine.body.programmes.map((p: { programme: { id: string } }) => p.programme.id)).toEqual([id]);
    const pdf = await file('/api/programmes/report?asOf=2015-10-30&format=pdf');
    const { text } = await pdfText(pdf.bytes);
    expect(flat(text)).toContain('Portfolio highlight report');
    expect(flat(text)).toContain('LLR 5-year strategic plan');
    const docx = await file('/api/programmes/report?asOf=2015-10-30&format=docx', scoped);
    const words = flat(await docxText(docx.bytes));
    expect(words).toContain('Better Care Together');
    expect(words).not.toContain('LLR 5-year strategic plan');
  });

  describe('refuses bad input with a problem', () => {
    it.each([
      ['an asOf before the programme existed', '?asOf=2015-10-29', 'asOf', /did not exist before 2015-10-30/],
      ['an asOf after today', '?asOf=2015-11-02', 'asOf', /after today/],
      ['an asOf that is no date', '?asOf=2015-02-30', 'asOf', /YYYY-MM-DD/],
      ['an unknown format', '?format=xls', 'format', /pdf/],
    ])('%s', async (_name, query, field, message) => {
      const res = await t.request('GET', `/api/programmes/${id}/report${query}`, { token: lead });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
    });

    it('an unknown programme: 404; on the page, an error page', async () => {
      const ghost = '00000000-0000-4000-8000-000000000000';
      expect((await t.request('GET', `/api/programmes/${ghost}/report`, { token: lead })).status).toBe(404);
      const page = await t.app.inject({
        method: 'GET',
        url: `/programmes/${id}/report?asOf=2014-01-01`,
        headers: { cookie: session.cookie },
      });
      expect(page.statusCode).toBe(422);
      expect(page.body).toContain('did not exist before');
    });
  });
});
