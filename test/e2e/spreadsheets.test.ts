import { randomBytes } from 'node:crypto';
import { unzipSync, zipSync } from 'fflate';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { DemoSeedService } from '../../src/demo/demo-seed.service';
import { TestApp, startTestApp } from '../support/test-app';

// Workbooks read back from the bytes served over HTTP with exceljs; CSV parsed by hand. The
// round trip of the brief: the demo programme as of 30 October 2015 exported, one cell made an
// impossible date and refused naming that cell, then imported unchanged as an equal programme.

// The demo seed and whole workbooks on a shared machine take more than Jest's default 5 s.
jest.setTimeout(30_000);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function download(t: TestApp, url: string, token: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, type: String(res.headers['content-type']), bytes: res.rawPayload };
}

async function upload(t: TestApp, bytes: Buffer, token: string, type = XLSX) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/programmes/import',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    payload: bytes,
  });
  return { status: res.statusCode, type: String(res.headers['content-type']), body: JSON.parse(res.body) };
}

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

function headerIndex(sheet: ExcelJS.Worksheet, header: string): number {
  const values = sheet.getRow(1).values as unknown[];
  const index = values.indexOf(header);
  expect(index).toBeGreaterThan(0);
  return index;
}

function rowOf(sheet: ExcelJS.Worksheet, column: string, value: string): number {
  const index = headerIndex(sheet, column);
  for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(index).value === value) return r;
  throw new Error(`no row with ${column} = ${value}`);
}

/** The programme as GET answers it, without what names this copy rather than describes it. */
function comparable(programme: Record<string, unknown>) {
  const { id: _id, createdAt: _c, updatedAt: _u, revision: _r, ...rest } = programme;
  return rest;
}

describe('spreadsheets', () => {
  let t: TestApp;
  let bct: string;
  let lead: string;
  const programmeCount = async () =>
    Number((await t.get(DataSource).query('SELECT COUNT(*) AS n FROM programme'))[0].n);

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-30T09:00:00Z' });
    await t.get(DemoSeedService).seedIfEmpty();
    const list = await t.request('GET', '/api/programmes', { token: t.adminToken });
    bct = list.body.find((p: { name: string }) => p.name === 'Better Care Together').id;
    lead = await t.tokenFor('partnerships');
    const risk = await t.request('POST', `/api/programmes/${bct}/risks`, {
      token: lead,
      body: {
        kind: 'risk',
        title: 'UHL board defers again',
        owner: { name: 'Helen Seth', email: 'helen.seth@example.nhs.uk' },
        likelihood: 3,
        impact: 4,
        reviewOn: '2015-11-06',
      },
    });
    expect(risk.status).toBe(201);
  });
  afterAll(() => t.close());

  it('exports the portfolio with real date cells, a frozen header row and filters on every sheet', async () => {
    const res = await download(t, '/api/programmes/export.xlsx', lead);
    expect(res.status).toBe(200);
    expect(res.type).toBe(XLSX);
    const workbook = await load(res.bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Programmes',
      'Gates',
      'Parties',
      'Decisions',
      'Evidence',
      'Risks',
      'Audit',
    ]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
    }
    const gates = workbook.getWorksheet('Gates')!;
    const pcbc = gates.getRow(rowOf(gates, 'Gate id', 'pcbc-draft'));
    const baseline = pcbc.getCell(headerIndex(gates, 'Baseline date'));
    expect(baseline.type).toBe(ExcelJS.ValueType.Date);
    expect((baseline.value as Date).toISOString().slice(0, 10)).toBe('2015-09-04');
    expect((pcbc.getCell(headerIndex(gates, 'Actual date')).value as Date).toISOString().slice(0, 10)).toBe(
      '2015-09-07',
    );
    expect(gates.getRow(1).font?.bold).toBe(true);
    // Both demo programmes, seven and six gates.
    expect(gates.rowCount).toBe(1 + 7 + 6);

    const decisions = workbook.getWorksheet('Decisions')!;
    const decidedOn = decisions.getRow(2).getCell(headerIndex(decisions, 'Decided on'));
    expect(decidedOn.type).toBe(ExcelJS.ValueType.Date);

    const risks = workbook.getWorksheet('Risks')!;
    expect(risks.getRow(2).getCell(headerIndex(risks, 'Title')).value).toBe('UHL board defers again');
    expect(risks.getRow(2).getCell(headerIndex(risks, 'Score')).value).toBe(12);
    expect(risks.getRow(2).getCell(headerIndex(risks, 'Review on')).type).toBe(ExcelJS.ValueType.Date);

    const audit = workbook.getWorksheet('Audit')!;
    expect(audit.getRow(2).getCell(headerIndex(audit, 'At (UTC)')).type).toBe(ExcelJS.ValueType.Date);
  });

  it('exports one sheet as CSV, for the portfolio and for one programme', async () => {
    const res = await t.request('GET', `/api/programmes/${bct}/export.csv?sheet=decisions`, { token: lead });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Programme,Gate id,Party id,Party,Decision,Decided on,Reference,Conditions,In force,Recorded by,Recorded at (UTC)',
    );
    expect(lines).toHaveLength(1 + 4);
    expect(res.text).toContain('approved-with-conditions,2015-10-20');

    const portfolio = await t.request('GET', '/api/programmes/export.csv', { token: lead });
    expect(portfolio.text.trimEnd().split('\r\n')).toHaveLength(1 + 13);
    const bad = await t.request('GET', '/api/programmes/export.csv?sheet=__proto__', { token: lead });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'sheet' })]);
  });

  it('refuses the exported workbook with one impossible date, naming that cell, and imports it unchanged as an equal programme', async () => {
    const exported = await download(t, `/api/programmes/${bct}/export.xlsx`, lead);
    expect(exported.status).toBe(200);
    const before = await programmeCount();

    const workbook = await load(exported.bytes);
    const gates = workbook.getWorksheet('Gates')!;
    const row = rowOf(gates, 'Gate id', 'nhse-assurance');
    const column = headerIndex(gates, 'Forecast date');
    const original = gates.getRow(row).getCell(column).value;
    gates.getRow(row).getCell(column).value = '2015-02-30';
    const broken = await upload(t, Buffer.from(await workbook.xlsx.writeBuffer()), lead);
    expect(broken.status).toBe(422);
    expect(broken.type).toMatch(/^application\/problem\+json/);
    const letter = gates.getRow(row).getCell(column).address.replace(/\d+$/, '');
    expect(broken.body.errors).toEqual([
      expect.objectContaining({ field: `Gates!${letter}${row}`, sheet: 'Gates', row, column: letter }),
    ]);
    expect(broken.body.errors[0].message).toMatch(/Forecast date: '2015-02-30' is not a real calendar date/);
    expect(await programmeCount()).toBe(before);

    gates.getRow(row).getCell(column).value = original;
    const imported = await upload(t, exported.bytes, lead);
    expect(imported.status).toBe(201);
    expect(await programmeCount()).toBe(before + 1);
    const copy = await t.request('GET', `/api/programmes/${imported.body.id}`, { token: lead });
    const source = await t.request('GET', `/api/programmes/${bct}`, { token: lead });
    expect(copy.body.id).not.toBe(source.body.id);
    expect(comparable(copy.body)).toEqual(comparable(source.body));

    const audit = await t.request('GET', `/api/programmes/${imported.body.id}/audit`, { token: lead });
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['programme.imported']);
    expect(audit.body[0].actor).toMatch(/^Test partnerships/);
  });

  it('imports a filled-in template, and names every bad cell of one that is wrong', async () => {
    const template = await download(t, '/api/programmes/import-template.xlsx?workflow=plan-submission', lead);
    expect(template.status).toBe(200);
    const workbook = await load(template.bytes);
    const programmes = workbook.getWorksheet('Programmes')!;
    programmes.getRow(2).getCell(headerIndex(programmes, 'Programme')).value = 'Imported plan';
    programmes.getRow(2).getCell(headerIndex(programmes, 'SRO name')).value = 'Kate Shields';
    programmes.getRow(2).getCell(headerIndex(programmes, 'SRO email')).value = 'not-an-address';
    const gates = workbook.getWorksheet('Gates')!;
    const outline = rowOf(gates, 'Gate id', 'outline-plan');
    gates.getRow(outline).getCell(headerIndex(gates, 'Baseline date')).value = new Date(Date.UTC(2014, 3, 4));
    gates.getRow(outline).getCell(headerIndex(gates, 'Actual date')).value = '31/02/2014';
    gates.addRow([]).getCell(headerIndex(gates, 'Gate id')).value = 'no-such-gate';
    const before = await programmeCount();
    const refused = await upload(t, Buffer.from(await workbook.xlsx.writeBuffer()), lead);
    expect(refused.status).toBe(422);
    const fields = refused.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toHaveLength(3);
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Programmes!E2$/),
        expect.stringMatching(new RegExp(`^Gates![A-Z]+${outline}$`)),
        expect.stringMatching(new RegExp(`^Gates!B${gates.rowCount}$`)),
      ]),
    );
    expect(await programmeCount()).toBe(before);

    programmes.getRow(2).getCell(headerIndex(programmes, 'SRO email')).value = 'kate.shields@example.nhs.uk';
    gates.getRow(outline).getCell(headerIndex(gates, 'Actual date')).value = '04/04/2014';
    gates.spliceRows(gates.rowCount, 1);
    const created = await upload(t, Buffer.from(await workbook.xlsx.writeBuffer()), lead);
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('Imported plan');
    const gate = created.body.gates.find((g: { id: string }) => g.id === 'outline-plan');
    expect(gate).toMatchObject({ status: 'complete', baselineDate: '2014-04-04', actualDate: '2014-04-04' });
  });

  it('refuses what is not a workbook, one too large, and a step the workflow does not allow, writing nothing', async () => {
    const before = await programmeCount();
    const text = await upload(t, Buffer.from('Gate,Date\npcbc-draft,2015-09-04\n'), lead);
    expect(text.status).toBe(415);
    expect(text.type).toMatch(/^application\/problem\+json/);
    expect(text.body.code).toBe('NOT_A_WORKBOOK');

    const json = await t.request('POST', '/api/programmes/import', { token: lead, body: { name: 'x' } });
    expect(json.status).toBe(415);

    const huge = await upload(t, Buffer.alloc(20 * 1024 * 1024, 1), lead);
    expect(huge.status).toBe(413);
    expect(huge.type).toMatch(/^application\/problem\+json/);

    // 20 MB of a real workbook: the exported one with 20 MB of pictures' worth of bytes stored in it.
    const parts = unzipSync((await download(t, `/api/programmes/${bct}/export.xlsx`, lead)).bytes);
    const stored = zipSync({ ...parts, 'xl/media/image1.bin': randomBytes(20 * 1024 * 1024) }, { level: 0 });
    expect(stored.length).toBeGreaterThan(20 * 1024 * 1024);
    const twentyMb = await upload(t, Buffer.from(stored), lead);
    expect([twentyMb.status, twentyMb.type]).toEqual([413, expect.stringMatching(/^application\/problem\+json/)]);
    // And a small upload that unpacks to 20 MB: refused before it is unpacked.
    const packed = zipSync({ ...parts, 'xl/media/image1.bin': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    expect(packed.length).toBeLessThan(1024 * 1024);
    const inflating = await upload(t, Buffer.from(packed), lead);
    expect(inflating.status).toBe(413);
    expect(inflating.body).toMatchObject({
      code: 'WORKBOOK_TOO_LARGE',
      detail: expect.stringMatching(/unpacks to 20\.\d MiB/),
    });
    expect(await programmeCount()).toBe(before);

    // Completing the clinical senate review before the PCBC draft: the workflow refuses it.
    const exported = await download(t, `/api/programmes/${bct}/export.xlsx`, lead);
    const workbook = await load(exported.bytes);
    const gates = workbook.getWorksheet('Gates')!;
    const pcbc = rowOf(gates, 'Gate id', 'pcbc-draft');
    gates.getRow(pcbc).getCell(headerIndex(gates, 'Actual date')).value = null;
    gates.getRow(pcbc).getCell(headerIndex(gates, 'Status')).value = null;
    const refused = await upload(t, Buffer.from(await workbook.xlsx.writeBuffer()), lead);
    expect(refused.status).toBe(422);
    const senate = rowOf(gates, 'Gate id', 'clinical-senate-review');
    expect(refused.body.errors[0].field).toMatch(new RegExp(`^Gates![A-Z]+${senate}$`));
    expect(await programmeCount()).toBe(before);

    const viewer = await t.tokenFor('viewer');
    expect((await upload(t, exported.bytes, viewer)).status).toBe(403);
    const scoped = await t.tokenFor('partnerships', bct);
    expect((await upload(t, exported.bytes, scoped)).status).toBe(403);
    expect(await programmeCount()).toBe(before);
  });
});
