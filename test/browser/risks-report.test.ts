import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { docxText, flat, pdfText } from '../support/document-text';
import type { TestApp } from '../support/test-app';
import { checkPage, DemoInChromium, demoInChromium, expectCleanBrowsing, SCREENSHOTS } from './browser';
import { CONDITIONS, OCTOBER_DECISIONS, SEVEN_GATES } from '../support/board-report-facts';

// Done when, through the pages in Chromium with axe (WCAG 2.2 AA): Better Care Together as of
// 30 October 2015 (APP_NOW), its top risks entered on the risk log page, one re-scored with a
// reason and one closed; the top risks on the programme page; the highlight report page, which
// prints as a board paper, and its PDF and Word downloaded from the page's links and read back
// with pdf-parse and mammoth: the seven gates with their dates, October's partner decisions
// with the conditions, and the risks entered through the page.

jest.setTimeout(180_000);

interface RiskForm {
  kind: 'Risk' | 'Issue';
  title: string;
  owner: [string, string];
  likelihood: string;
  impact: string;
  mitigation?: string;
  review?: [string, string, string];
  gate?: string;
}
const RISKS: RiskForm[] = [
  {
    kind: 'Issue',
    title: 'UHL board deferred its decision',
    owner: ['Helen Seth', 'helen.seth@example.nhs.uk'],
    likelihood: '5',
    impact: '4',
    mitigation: 'Extraordinary board meeting requested',
    gate: 'Partner board approvals',
  },
  {
    kind: 'Risk',
    title: 'Judicial review of the consultation',
    owner: ['Kate Shields', 'kate.shields@example.nhs.uk'],
    likelihood: '3',
    impact: '5',
    mitigation: 'Legal review of the consultation document',
    review: ['13', '11', '2015'],
  },
  {
    kind: 'Risk',
    title: 'Workforce for the new model not recruited',
    owner: ['Helen Seth', 'helen.seth@example.nhs.uk'],
    likelihood: '4',
    impact: '4',
  },
  {
    kind: 'Risk',
    title: 'Purdah before the May elections',
    owner: ['Helen Seth', 'helen.seth@example.nhs.uk'],
    likelihood: '2',
    impact: '3',
  },
];
const RESCORED = 'Workforce for the new model not recruited';
const CLOSED = 'Purdah before the May elections';

describe('risks and the highlight report through the pages in Chromium', () => {
  let demo: DemoInChromium;
  let t: TestApp;
  let page: Page;
  let base: string;
  let bct: string;

  beforeAll(async () => {
    demo = await demoInChromium('2015-10-30T09:00:00Z', 'partnerships');
    ({ t, page, base, bct } = demo);
  });

  afterAll(async () => {
    await demo?.close();
  });

  afterEach(() => expectCleanBrowsing(demo?.browser));

  /** The row of the open risks table for a title. */
  const openRow = (title: string) =>
    page.locator('#open + table tr', { has: page.getByRole('link', { name: title, exact: true }) });

  it('enters the top risks on the risk log page, refusing a risk with no title first', async () => {
    await page.goto(`${base}/programmes/${bct}`);
    await page.getByRole('link', { name: 'All risks and issues, and add one' }).click();
    await page.waitForURL(`${base}/programmes/${bct}/risks`);
    await checkPage(page, 'risks-01-empty-log');

    await page.getByRole('button', { name: 'Add a risk or issue' }).click();
    await page.waitForURL(/\/risks\/new$/);
    await checkPage(page, 'risks-02-add-form');
    // Nothing typed but a likelihood: the NHS error summary, the form kept, nothing written.
    await page.getByLabel('Likelihood').selectOption('3');
    await page.getByRole('button', { name: 'Add to the log' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/There is a problem/);
    await expect(page.getByLabel('Likelihood').inputValue()).resolves.toBe('3');
    await checkPage(page, 'risks-03-add-form-errors');

    for (const risk of RISKS) {
      if (!page.url().endsWith('/risks/new')) {
        await page.getByRole('button', { name: 'Add a risk or issue' }).click();
        await page.waitForURL(/\/risks\/new$/);
      }
      await page.getByRole('radio', { name: risk.kind, exact: true }).check();
      await page.getByLabel('Title', { exact: true }).fill(risk.title);
      await page.getByLabel("Owner's name").fill(risk.owner[0]);
      await page.getByLabel("Owner's email address").fill(risk.owner[1]);
      await page.getByLabel('Likelihood').selectOption(risk.likelihood);
      await page.getByLabel('Impact').selectOption(risk.impact);
      if (risk.mitigation) await page.getByLabel('Mitigation (optional)').fill(risk.mitigation);
      if (risk.review) {
        await page.getByLabel('Day', { exact: true }).fill(risk.review[0]);
        await page.getByLabel('Month', { exact: true }).fill(risk.review[1]);
        await page.getByLabel('Year', { exact: true }).fill(risk.review[2]);
      }
      if (risk.gate) await page.getByRole('checkbox', { name: risk.gate }).check();
      await page.getByRole('button', { name: 'Add to the log' }).click();
      await page.waitForURL(/\/risks\?changed=added/);
      await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain(risk.title);
    }
    await expect(page.locator('#open + table tbody tr').count()).resolves.toBe(RISKS.length);
    await checkPage(page, 'risks-04-log');
  });

  it('re-scores one with a reason and closes another, and keeps both in the history', async () => {
    await openRow(RESCORED).getByRole('link').click();
    await page.waitForURL(/\/risks\/[\w-]+$/);
    await checkPage(page, 'risks-05-change-form');
    // A change without a reason is refused on the page.
    await page.getByLabel('Likelihood').selectOption('2');
    await page.getByRole('button', { name: 'Save the change' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/reason/i);
    await page.getByLabel('Why are you making this change?').fill('Recruitment campaign filled 20 of 24 posts');
    await page.getByRole('button', { name: 'Save the change' }).click();
    await page.waitForURL(/\/risks\?changed=/);
    await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toMatch(/score 8, high/);

    await openRow(CLOSED).getByRole('link').click();
    await page.waitForURL(/\/risks\/[\w-]+$/);
    await page.getByRole('radio', { name: 'Closed', exact: true }).check();
    await page.getByLabel('Why are you making this change?').fill('No elections affect the timetable');
    await page.getByRole('button', { name: 'Save the change' }).click();
    await page.waitForURL(/\/risks\?changed=/);
    await expect(page.locator('#open + table tbody tr').count()).resolves.toBe(RISKS.length - 1);
    await expect(page.getByText(CLOSED).count()).resolves.toBeGreaterThan(0); // listed as closed
    await checkPage(page, 'risks-06-log-after-changes');

    const history = await t.request('GET', `/api/programmes/${bct}/risks?status=all`, { token: t.adminToken });
    const rescored = history.body.find((r: { title: string }) => r.title === RESCORED);
    const one = await t.request('GET', `/api/programmes/${bct}/risks/${rescored.id}`, { token: t.adminToken });
    expect(one.body.history.map((h: { score: number; reason: string }) => [h.score, h.reason])).toEqual([
      [16, `Raised: ${RESCORED}`],
      [8, 'Recruitment campaign filled 20 of 24 posts'],
    ]);
  });

  it('shows the top risks on the programme page, highest score first, without the closed one', async () => {
    await page.goto(`${base}/programmes/${bct}`);
    const top = page.locator('#risks + table');
    const text = flat((await top.textContent()) ?? '');
    expect(text.indexOf('UHL board deferred its decision')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('UHL board deferred its decision')).toBeLessThan(
      text.indexOf('Judicial review of the consultation'),
    );
    expect(text.indexOf('Judicial review of the consultation')).toBeLessThan(text.indexOf(RESCORED));
    expect(text).not.toContain(CLOSED);
    await checkPage(page, 'risks-07-programme-top-risks');
  });

  it('opens the highlight report page, which prints as a board paper', async () => {
    await page.goto(`${base}/programmes/${bct}`);
    await page.getByRole('link', { name: 'Monthly highlight report' }).click();
    await page.waitForURL(new RegExp(`/programmes/${bct}/report`));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Better Care Together');
    await expect(page.getByText('Highlight report as of 30 Oct 2015').count()).resolves.toBeGreaterThan(0);
    await checkPage(page, 'report-01-highlight-report');

    // As a board paper: the controls go, the report stays.
    await page.emulateMedia({ media: 'print' });
    try {
      await expect(page.getByRole('link', { name: 'PDF' }).isVisible()).resolves.toBe(false);
      await expect(page.getByLabel('Report as of').isVisible()).resolves.toBe(false);
      await expect(page.getByRole('link', { name: 'Back to Better Care Together' }).isVisible()).resolves.toBe(false);
      await expect(page.getByRole('heading', { name: 'Milestones' }).isVisible()).resolves.toBe(true);
      await expect(page.getByText(CONDITIONS).first().isVisible()).resolves.toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, 'report-02-printed.png'), fullPage: true });
      const paper = await page.pdf({ format: 'A4' });
      expect((await pdfText(paper)).pages).toBeGreaterThanOrEqual(1);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  /** Clicks a download link on the report page and answers the bytes of the file saved. */
  async function download(name: string): Promise<{ bytes: Buffer; file: string }> {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name, exact: true }).click(),
    ]);
    const path = await file.path();
    return { bytes: readFileSync(path), file: file.suggestedFilename() };
  }

  function expectReport(all: string) {
    for (const [, party, decision] of OCTOBER_DECISIONS) {
      expect(all).toContain(party);
      expect(all).toContain(decision);
    }
    expect(all).toContain(CONDITIONS);
    expect(all).toMatch(/20 extreme Issue: UHL board deferred its decision Helen Seth/);
    // Highest score first: the issue (20), the judicial review (15), the re-scored risk (8, was 16).
    const at = (text: string) => all.indexOf(text);
    expect(at('Judicial review of the consultation')).toBeGreaterThan(at('UHL board deferred its decision'));
    expect(at('Workforce for the new')).toBeGreaterThan(at('Judicial review of the consultation'));
    expect(all).toMatch(/15 extreme/);
    expect(all).toMatch(/8 high/);
    expect(all).not.toMatch(/16 extreme/);
    expect(all).not.toContain(CLOSED);
  }

  it('downloads the PDF from the page link, with the gates, October decisions with conditions, and the risks', async () => {
    await page.goto(`${base}/programmes/${bct}/report?asOf=2015-10-30`);
    const { bytes, file } = await download('PDF');
    expect(file).toBe('better-care-together-highlight-report-2015-10-30.pdf');
    const { text } = await pdfText(bytes);
    const lines = text.split('\n');
    for (const [gate, date] of SEVEN_GATES) {
      const line = lines.find((l) => l.startsWith(gate));
      expect([gate, line]).toEqual([gate, expect.stringContaining(date)]);
    }
    const all = flat(text);
    for (const [date] of OCTOBER_DECISIONS) expect(all).toContain(date);
    expectReport(all);
  });

  it('downloads the Word document from the page link, with the same', async () => {
    await page.goto(`${base}/programmes/${bct}/report?asOf=2015-10-30`);
    const { bytes, file } = await download('Word');
    expect(file).toBe('better-care-together-highlight-report-2015-10-30.docx');
    const text = await docxText(bytes);
    const cells = text.split('\n').filter((l) => l.trim());
    for (const [gate, date] of SEVEN_GATES) {
      const at = cells.indexOf(gate);
      expect([gate, at]).not.toEqual([gate, -1]);
      if (date) expect([gate, cells[at + 1]]).toEqual([gate, date]);
    }
    expectReport(flat(text));
  });
});
