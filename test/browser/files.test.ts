import ical from 'node-ical';
import { Page } from 'playwright-core';
import { ProgrammeService } from '../../src/programmes/programme.service';
import type { TestApp } from '../support/test-app';
import { checkPage, DemoInChromium, demoInChromium, expectCleanBrowsing } from './browser';

// The ways to spreadsheets and calendars from the pages, in Chromium with axe: the links on the
// programme page, making and revoking a calendar address, and importing a tracker workbook
// through the upload form (a refusal listing the cells, then an import that creates a programme).

jest.setTimeout(90_000);

describe('spreadsheet and calendar pages in Chromium', () => {
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

  it('links the workbook, CSV and calendar from the programme page, and serves them to the session', async () => {
    await page.goto(`${base}/programmes/${bct}`);
    const workbook = page.getByRole('link', { name: 'Download the tracker workbook (Excel)' });
    const href = await workbook.getAttribute('href');
    const xlsx = await page.request.get(`${base}${href}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const ics = await page.request.get(
      `${base}${await page.getByRole('link', { name: /calendar file/ }).getAttribute('href')}`,
    );
    expect(ics.headers()['content-type']).toMatch(/^text\/calendar/);
    await expect(page.getByRole('link', { name: 'Download the gates as CSV' }).count()).resolves.toBe(1);
    const template = await page.request.get(
      `${base}${await page.getByRole('link', { name: /blank tracker template/ }).getAttribute('href')}`,
    );
    expect(template.status()).toBe(200);
    await expect(page.getByRole('link', { name: 'Import a programme from a tracker workbook' }).count()).resolves.toBe(
      1,
    );
  });

  it('makes a calendar address to subscribe to, shows it once, and revokes it', async () => {
    await page.goto(`${base}/programmes/${bct}`);
    await page.getByRole('link', { name: 'Subscribe to the gates in Outlook or Google Calendar' }).click();
    await page.waitForURL(/\/calendar-feeds\?programme=/);
    await expect(page.getByLabel('What should the calendar show?').inputValue()).resolves.toBe(bct);
    await checkPage(page, 'files-01-calendar-feeds');

    await page.getByRole('button', { name: 'Make a calendar address' }).click();
    const url = (await page.locator('.cg-feed-url').textContent())!.trim();
    expect(url).toMatch(/\/api\/calendar-feeds\/calendar\.ics\?key=cgf_/);
    await checkPage(page, 'files-02-calendar-feed-made');

    // What Outlook does: fetch the address with no cookie and no header.
    const feedUrl = `${base}${new URL(url).pathname}${new URL(url).search}`;
    const anonymous = await fetch(feedUrl);
    expect(anonymous.status).toBe(200);
    const events = Object.values(ical.sync.parseICS(await anonymous.text())).filter((e) => e?.type === 'VEVENT');
    expect(events).toHaveLength(5);

    await page.goto(`${base}/calendar-feeds`);
    await expect(page.locator('.cg-feed-url').count()).resolves.toBe(0); // shown once only
    await page.getByRole('button', { name: /^Revoke/ }).click();
    await page.waitForURL(/revoked=1/);
    await expect(page.getByText('Revoked 2015-10-30').count()).resolves.toBe(1);
    await checkPage(page, 'files-03-calendar-feed-revoked');
    expect((await fetch(feedUrl)).status).toBe(410);
  });

  it('imports a tracker through the upload form: every bad cell listed first, then a new programme', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Import a programme from a tracker workbook' }).click();
    await page.waitForURL(`${base}/programmes/import`);
    await checkPage(page, 'files-04-import');

    await page.getByLabel(/Tracker workbook/).setInputFiles({
      name: 'tracker.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from('not a workbook at all'),
    });
    await page.getByRole('button', { name: 'Import programme' }).click();
    await page.waitForLoadState();
    await expect(page.getByText('The workbook could not be imported').count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: /not an Excel workbook/ }).count()).resolves.toBe(1);
    await checkPage(page, 'files-05-import-refused');

    const exported = await page.request.get(`${base}/api/programmes/${bct}/export.xlsx`);
    await page.getByLabel(/Tracker workbook/).setInputFiles({
      name: 'bct.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await exported.body(),
    });
    await page.getByRole('button', { name: 'Import programme' }).click();
    await page.waitForURL((u) => /\/programmes\/[0-9a-f-]{36}$/.test(u.pathname) && !u.pathname.endsWith(bct));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Better Care Together');
    expect((await t.get(ProgrammeService).list()).filter((p) => p.name === 'Better Care Together')).toHaveLength(2);
  });
});
