import { join } from 'node:path';
import { Page } from 'playwright-core';
import { TokenService } from '../../src/auth/token.service';
import { DemoSeedService } from '../../src/demo/demo-seed.service';
import { ProgrammeService } from '../../src/programmes/programme.service';
import { TestApp, startTestApp } from '../support/test-app';
import {
  Browser,
  checkPage,
  expectCleanBrowsing,
  launchChromium,
  SCREENSHOTS,
  serve,
  signInWithToken,
} from './browser';

// The pages in a real browser (Debian's Chromium): sign in, read the reference programme,
// change it through the forms and see the pages change. Every page visited is checked with
// axe against WCAG 2.2 AA and kept as a screenshot under test-output/screenshots/.

jest.setTimeout(60_000);

describe('pages in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  let bct: string;
  let plan: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-27T09:00:00Z' });
    // The demo data `npm start` shows a newcomer, seeded the same way.
    await t.get(DemoSeedService).seedIfEmpty();
    const programmes = await t.get(ProgrammeService).list();
    bct = programmes.find((p) => p.name === 'Better Care Together')!.id;
    plan = programmes.find((p) => p.workflow.id === 'plan-submission')!.id;
    tokens.partnerships = await t.tokenFor('partnerships');
    tokens.viewer = await t.tokenFor('viewer');
    const helen = { name: 'Helen Seth', email: 'helen.seth@example.nhs.uk', role: 'owner' as const };
    tokens.owner = (await t.get(TokenService).create(helen)).token;
    base = await serve(t);
    browser = await launchChromium(base);
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    expectCleanBrowsing(browser);
  });

  const signIn = (token: string) => signInWithToken(page, base, token);

  async function signOut() {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/login\?signed-out/);
  }

  /** The cell of the approvals matrix for a party and an approval gate's column. */
  function matrixCell(party: string, column: number) {
    return page
      .locator('.cg-matrix tbody tr', { has: page.getByRole('rowheader', { name: party }) })
      .locator('td')
      .nth(column);
  }

  it('signs in through the form and shows the portfolio', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL(`${base}/login`);
    await checkPage(page, '01-sign-in');
    await signIn(tokens.partnerships);
    expect(await page.locator('h1').textContent()).toBe('Programmes');
    const row = page.locator('.cg-portfolio tbody tr', { hasText: 'Better Care Together' });
    expect(await row.locator('.nhsuk-tag').textContent()).toBe('Red');
    expect(await row.textContent()).toContain('Partner board approvals');
    expect(await row.textContent()).toContain('later than the target of 30 Nov 2015');
    expect(await page.locator('.cg-portfolio tbody tr').count()).toBe(2);
    await checkPage(page, '02-portfolio');
  });

  it('shows the reference programme: headline, timeline, gates, approvals, changes and workflow', async () => {
    await page.getByRole('link', { name: 'Better Care Together' }).click();
    await page.waitForURL(`${base}/programmes/${bct}`);
    expect(await page.locator('h1').textContent()).toContain('Better Care Together');
    const headline = await page.locator('.cg-headline').textContent();
    expect(headline).toContain('Red');
    expect(headline).toContain('Kate Shields');

    const timeline = page.locator('svg.cg-timeline__svg');
    expect(await timeline.isVisible()).toBe(true);
    expect(await timeline.getAttribute('role')).toBe('img');
    expect(await timeline.locator('.cg-timeline__label--today').textContent()).toBe('Today, 27 Oct 2015');
    expect(await timeline.locator('.cg-window').count()).toBe(1);
    expect(await timeline.locator('.cg-timeline__gate').allTextContents()).toContain('Partner board approvals');

    const gates = page.locator('.cg-gates tbody tr');
    expect(await gates.count()).toBe(7);
    const approvals = page.locator('#gate-partner-approvals');
    expect(await approvals.locator('.nhsuk-tag').textContent()).toBe('Red');
    expect(await approvals.textContent()).toContain('26 Oct 2015 has passed');

    expect(await matrixCell('Leicester City CCG', 0).textContent()).toContain('Approved');
    expect(await matrixCell('Leicester City CCG', 0).textContent()).toContain(
      '13 Oct 2015, LC CCG Board 13/10/15 item 7',
    );
    expect(await matrixCell('East Leicestershire and Rutland CCG', 0).textContent()).toContain(
      'Equality impact assessment to be completed before consultation starts',
    );
    expect(await matrixCell('Rutland County Council', 0).textContent()).toContain('Awaiting decision');
    expect(await matrixCell('Rutland County Council', 2).textContent()).toContain('Not asked');

    expect(await page.locator('.cg-audit tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('svg.cg-chart__svg .cg-chart__box').count()).toBe(7);
    expect(await page.locator('.cg-chart__box--complete').count()).toBe(2);
    await checkPage(page, '03-programme');
  });

  it('prints the programme page without navigation, forms or links to act on', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('.nhsuk-header__account').isVisible()).toBe(false);
      expect(await page.locator('.nhsuk-back-link').isVisible()).toBe(false);
      expect(await page.getByRole('link', { name: /Record a decision/ }).isVisible()).toBe(false);
      expect(await page.locator('svg.cg-timeline__svg').isVisible()).toBe(true);
      expect(await page.locator('.cg-matrix').isVisible()).toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, '04-programme-print.png'), fullPage: true });
      // The board-pack page as Chromium prints it, on A4.
      const pdf = await page.pdf({ path: join(SCREENSHOTS, '04-programme-print.pdf'), format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(20_000);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('records a decision through the form: errors the NHS way, nothing lost, then the page changes', async () => {
    await page
      .getByRole('link', { name: 'Record decision of Rutland County Council on Partner board approvals' })
      .click();
    await page.waitForURL(/\/gates\/partner-approvals\/decision\?party=rutland-county-council$/);
    expect(await page.getByLabel('Rutland County Council').isChecked()).toBe(true);
    await checkPage(page, '05-decision-form');

    await page.getByLabel('Approved with conditions').check();
    await page.getByLabel('Day').fill('26');
    await page.getByLabel('Month').fill('10');
    await page.getByLabel('Year').fill('2015');
    await page.getByLabel('Minute reference (optional)').fill('RCC Cabinet 26/10/15 item 4');
    await page.getByRole('button', { name: 'Record decision' }).click();

    const summary = page.locator('.nhsuk-error-summary');
    expect(await summary.locator('h2').textContent()).toContain('There is a problem');
    expect(await page.title()).toMatch(/^Error: /);
    const link = summary.getByRole('link', { name: 'Enter the conditions of the approval' });
    expect(await link.getAttribute('href')).toBe('#conditions');
    expect(await page.locator('#conditions-error').textContent()).toContain('Enter the conditions of the approval');
    // Nothing typed is lost.
    expect(await page.getByLabel('Rutland County Council').isChecked()).toBe(true);
    expect(await page.getByLabel('Approved with conditions').isChecked()).toBe(true);
    expect(await page.getByLabel('Day').inputValue()).toBe('26');
    expect(await page.getByLabel('Minute reference (optional)').inputValue()).toBe('RCC Cabinet 26/10/15 item 4');
    await checkPage(page, '06-decision-form-errors');

    await link.click();
    await page.locator('#conditions').fill('Transport plan for Rutland residents before consultation');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.waitForURL(
      `${base}/programmes/${bct}?changed=decision&gate=partner-approvals&party=rutland-county-council`,
    );

    const banner = page.locator('.nhsuk-notification-banner--success');
    expect(await banner.textContent()).toContain('Decision recorded');
    expect(await banner.textContent()).toContain('Rutland County Council: approved with conditions on 26 Oct 2015');
    const cell = await matrixCell('Rutland County Council', 0).textContent();
    expect(cell).toContain('Approved with conditions');
    expect(cell).toContain('26 Oct 2015, RCC Cabinet 26/10/15 item 4');
    expect(cell).toContain('Transport plan for Rutland residents before consultation');
    expect(await page.locator('.cg-audit tbody tr').first().textContent()).toContain(
      'Rutland County Council approved with conditions on 26 Oct 2015',
    );
    await checkPage(page, '07-programme-after-decision');
  });

  it('works without JavaScript: re-forecasting with every script blocked', async () => {
    await page.route('**/*.js', (route) => route.abort());
    try {
      await page.goto(`${base}/programmes/${bct}/gates/nhse-assurance/reforecast`);
      await page.getByLabel('Day').fill('1');
      await page.getByLabel('Month').fill('10');
      await page.getByLabel('Year').fill('2015');
      await page.getByRole('button', { name: 'Save new forecast' }).click();
      expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
        'New forecast date must be today or in the future',
      );
      expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
        'Enter the reason for the new forecast',
      );
      expect(await page.getByLabel('Day').inputValue()).toBe('1');
      await checkPage(page, '08-reforecast-errors');

      await page.getByLabel('Day').fill('16');
      await page.getByLabel('Month').fill('11');
      await page.getByLabel('Why has the forecast changed?').fill('NHS England assurance panel moved to 16 November');
      await page.getByRole('button', { name: 'Save new forecast' }).click();
      await page.waitForURL(/changed=reforecast/);
      expect(await page.locator('.nhsuk-notification-banner--success').textContent()).toContain(
        'NHS England and TDA assurance is now forecast for 16 Nov 2015',
      );
      expect(await page.locator('#gate-nhse-assurance').textContent()).toContain('16 Nov 2015');
      expect(await page.locator('#gate-nhse-assurance').textContent()).toContain('9 Nov 2015');
    } finally {
      await page.unroute('**/*.js');
      // Aborted script loads are reported as console errors; they were the point here.
      browser.problems.length = 0;
    }
  });

  it('completes a gate through the form', async () => {
    await page.goto(`${base}/programmes/${plan}`);
    await page.getByRole('link', { name: 'Mark complete for Local discussion and review' }).click();
    await checkPage(page, '09-complete-form');
    await page.getByLabel('Day').fill('12');
    await page.getByLabel('Month').fill('9');
    await page.getByLabel('Year').fill('2014');
    await page.getByRole('button', { name: 'Mark as complete' }).click();
    await page.waitForURL(/changed=complete/);
    expect(await page.locator('.nhsuk-notification-banner--success').textContent()).toContain(
      'is complete as of 12 Sept 2014',
    );
    await checkPage(page, '10-plan-after-complete');
  });

  it('shows a viewer everything and offers no forms', async () => {
    await signOut();
    await signIn(tokens.viewer);
    await page.goto(`${base}/programmes/${bct}`);
    expect(await page.locator('.cg-matrix').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: /Record|Re-forecast|Mark complete/ }).count()).toBe(0);
    expect(await page.getByRole('columnheader', { name: 'Actions' }).count()).toBe(0);
    await checkPage(page, '11-programme-viewer');
    const refused = await page.goto(`${base}/programmes/${bct}/gates/partner-approvals/decision`);
    expect(refused?.status()).toBe(403);
    await checkPage(page, '12-forbidden');
  });

  it('offers a gate owner forms for their own gates only', async () => {
    await signOut();
    await signIn(tokens.owner);
    await page.goto(`${base}/programmes/${bct}`);
    const links = await page.locator('.cg-actions a').allTextContents();
    expect(links).toEqual(['Re-forecast for Partner board approvals', 'Re-forecast for NHS England and TDA assurance']);
    await checkPage(page, '13-programme-owner');
  });
});
