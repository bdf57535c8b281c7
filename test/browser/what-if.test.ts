import { Page } from 'playwright-core';
import type { TestApp } from '../support/test-app';
import { checkPage, DemoInChromium, demoInChromium, expectCleanBrowsing } from './browser';

// The SRO's what-if in Chromium, checked with axe (WCAG 2.2 AA): from the programme page's
// critical path, through the form, to the two timelines, then on to the re-forecast form.

jest.setTimeout(240_000);

describe('the what-if page in Chromium', () => {
  let demo: DemoInChromium;
  let t: TestApp;
  let page: Page;
  let base: string;
  let bct: string;

  beforeAll(async () => {
    demo = await demoInChromium('2015-10-27T09:00:00Z', 'sro');
    ({ t, page, base, bct } = demo);
  });

  afterAll(async () => {
    await demo?.close();
  });

  afterEach(() => expectCleanBrowsing(demo?.browser));

  it('marks the critical path on the programme timeline', async () => {
    await page.goto(`${base}/programmes/${bct}`);
    const timeline = page.locator('svg.cg-timeline__svg');
    expect(await timeline.locator('rect.cg-critical').count()).toBe(3);
    expect(await timeline.locator('.cg-timeline__gate--critical').allTextContents()).toEqual([
      'Partner board approvals',
      'NHS England and TDA assurance',
      'Public consultation',
    ]);
    expect(await page.locator('#critical-path').isVisible()).toBe(true);
    await checkPage(page, '20-programme-critical-path');
  });

  it('asks "what if the last partner decision comes on 16 November?" and shows both timelines', async () => {
    await page.getByRole('link', { name: /What if a gate slips/ }).click();
    await page.waitForURL(`${base}/programmes/${bct}/what-if`);
    await checkPage(page, '21-what-if-form');
    await page
      .getByLabel('Whose decision comes later?')
      .selectOption('partner-approvals:university-hospitals-of-leicester');
    const when = page.getByRole('group', { name: 'When is the decision expected?' });
    await when.getByLabel('Day').fill('16');
    await when.getByLabel('Month').fill('11');
    await when.getByLabel('Year').fill('2015');
    await page.getByRole('button', { name: 'Show what would happen' }).click();
    await page.waitForURL(/\/what-if\?/);
    expect(await page.locator('.nhsuk-inset-text').textContent()).toMatch(/would start on 21 Dec(ember)? 2015/);
    expect(await page.locator('svg.cg-timeline__svg').count()).toBe(2);
    const moves = page.locator('#moves + table tbody tr');
    expect(await moves.count()).toBe(3);
    expect(await moves.nth(2).textContent()).toContain('+14 working days');
    await checkPage(page, '22-what-if-answer');
  });

  it('hands the re-forecast on to the real form, filled in, and discards nothing by itself', async () => {
    await page.getByRole('link', { name: /Re-forecast Partner board approvals to 16 Nov 2015/ }).click();
    await page.waitForURL(/partner-approvals\/reforecast\?/);
    const date = page.getByRole('group', { name: 'What is the new forecast date?' });
    expect(await date.getByLabel('Day').inputValue()).toBe('16');
    expect(await page.getByLabel('Why has the forecast changed?').inputValue()).toMatch(/decision expected on 16 Nov/);
    await checkPage(page, '23-reforecast-filled-in');
    const programme = await t.request('GET', `/api/programmes/${bct}`, { token: t.adminToken });
    expect(programme.body.consultation.forecastStart).toBe('2015-12-01');
  });
});
