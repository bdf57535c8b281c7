import { Page } from 'playwright-core';
import { programmeBody, readyToConsult } from '../support/programme-2027';
import { TestApp, startTestApp } from '../support/test-app';
import { Browser, checkPage, expectCleanBrowsing, launchChromium, serve, signInWithToken } from './browser';

// The "done when", through the pages in Chromium, checked with axe (WCAG 2.2 AA): with the clock at
// 15 February 2027 a v3 programme touching Leicester City Council is refused a consultation launch on
// 12 April 2027, naming the May 2027 local elections and offering the first working day after them; the admin
// records on the elections page that Leicester has no polls in 2027; the same launch is then allowed.

jest.setTimeout(240_000);

describe('the elections page in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-02-15T09:00:00Z' });
    const lead = await t.tokenFor('partnerships');
    const created = await t.request('POST', '/api/programmes', {
      token: lead,
      body: programmeBody({ councils: [] }),
    });
    id = created.body.id;
    expect(created.body.workflow.version).toBe(3);
    await readyToConsult(t, lead, id);
    base = await serve(t);
    browser = await launchChromium(base);
    page = await browser.context.newPage();
    await signInWithToken(page, base, t.adminToken);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    expectCleanBrowsing(browser);
  });

  const launch = async () => {
    await page.goto(`${base}/programmes/${id}/gates/public-consultation/start`);
    const starts = page.getByRole('group', { name: 'When did the consultation start?' });
    await starts.getByLabel('Day').fill('12');
    await starts.getByLabel('Month').fill('4');
    await starts.getByLabel('Year').fill('2027');
    const closes = page.getByRole('group', { name: 'When does it close?' });
    await closes.getByLabel('Day').fill('5');
    await closes.getByLabel('Month').fill('7');
    await closes.getByLabel('Year').fill('2027');
    await page.getByRole('button', { name: /start/i }).click();
    await page.waitForLoadState();
  };

  it('names the councils of the programme from its page', async () => {
    await page.goto(`${base}/programmes/${id}`);
    await page.getByRole('link', { name: /Councils it touches/ }).click();
    await page.waitForURL(`${base}/programmes/${id}/councils`);
    await checkPage(page, '30-programme-councils');
    await page.getByLabel('Leicester City Council').check();
    await page.getByRole('button', { name: 'Save councils' }).click();
    await page.waitForURL(/\/programmes\/[^/]+\?changed=councils/);
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('Councils saved');
    const view = await t.request('GET', `/api/programmes/${id}`, { token: t.adminToken });
    expect(view.body.councils).toEqual(['leicester-city-council']);
  });

  it('refuses a launch on 12 April 2027, naming the May 2027 local elections and the first working day after', async () => {
    await launch();
    const problem = await page.locator('.nhsuk-error-summary').textContent();
    expect(problem).toContain('Local elections 2027');
    expect(problem).toMatch(/2027-05-07|7 May 2027/);
    await checkPage(page, '31-launch-refused-for-elections');
  });

  it('lists the elections for an admin, and refuses a period that starts after its poll with the page errors', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Elections', exact: true }).click();
    await page.waitForURL(`${base}/admin/elections`);
    const may2027 = page.locator('table.cg-elections tr', { hasText: 'Local elections 2027' });
    expect(await may2027.textContent()).toMatch(/6 May 2027[\s\S]*31 Mar 2027 to 6 May 2027/);
    await checkPage(page, '32-elections');

    await page.getByLabel('Name').fill('Leicester South by-election');
    await page.getByLabel('Local (a by-election)').check();
    await page.getByLabel('Polling day').fill('2027-06-17');
    await page.getByLabel('Start of the pre-election period').fill('2027-06-30');
    await page.getByRole('button', { name: 'Add election' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain('cannot start after polling day');
    expect(await page.getByLabel('Name').inputValue()).toBe('Leicester South by-election');
    await checkPage(page, '33-elections-error');
    expect(
      (await t.request('GET', '/api/elections?from=2027-06-01&to=2027-07-31', { token: t.adminToken })).body,
    ).toEqual([]);

    await page.getByLabel('Start of the pre-election period').fill('2027-05-10');
    await page.getByRole('button', { name: 'Add election' }).click();
    await page.waitForURL(`${base}/admin/elections?done=added`);
    expect(await page.locator('table.cg-elections').textContent()).toContain('Leicester South by-election');
  });

  it('records that Leicester has no polls in 2027, and the same launch is allowed', async () => {
    await page.goto(`${base}/admin/elections`);
    await page.getByLabel('Year').fill('2027');
    await page
      .getByRole('group', { name: 'Councils with no polls that year' })
      .getByLabel('Leicester City Council')
      .check();
    await page.getByRole('button', { name: 'Record no polls' }).click();
    await page.waitForURL(`${base}/admin/elections?done=no-polls`);
    expect(await page.locator('table.cg-councils tr', { hasText: 'Leicester City Council' }).textContent()).toContain(
      '2027',
    );
    await launch();
    await page.waitForURL(new RegExp(`/programmes/${id}(\\?|#|$)`));
    const view = await t.request('GET', `/api/programmes/${id}`, { token: t.adminToken });
    expect(view.body.gates.find((g: { id: string }) => g.id === 'public-consultation')).toMatchObject({
      status: 'running',
      actualDate: '2027-04-12',
    });
    await checkPage(page, '34-launch-allowed');
  });
});
