import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BrowserContext, Page, chromium } from 'playwright-core';
import type { Role } from '../../src/auth/roles';
import { DemoSeedService } from '../../src/demo/demo-seed.service';
import { ProgrammeService } from '../../src/programmes/programme.service';
import { TestApp, startTestApp } from '../support/test-app';

/**
 * Debian's Chromium, driven by playwright-core: nothing is downloaded by a test tool. Without
 * it the suite fails (it never skips): `apt-get install chromium`, as .ci/run does.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOTS = resolve(__dirname, '../../test-output/screenshots');
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  /** Console errors (CSP refusals, failed loads) and script errors seen so far, from every page. */
  problems: string[];
  /** Requests for anything outside the service under test: refused, and listed here. */
  external: string[];
  close(): Promise<void>;
}

/** Starts Chromium on a fresh profile; requests to any origin but `origin` never leave the machine. */
export async function launchChromium(origin: string): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}. Install Debian's: apt-get install -y chromium`);
  }
  // A new, empty profile each run: no cache, cookies or settings from anything before.
  const profile = mkdtempSync(join(tmpdir(), 'cg-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  const problems: string[] = [];
  const external: string[] = [];
  await context.route(
    (url) => url.origin !== origin,
    (route) => {
      external.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  const watch = (page: Page) => {
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      // A refused outside request is reported in `external` instead, and a page answered with
      // an error status (a form with errors is 422) is checked by the test that asked for it.
      if (external.includes(m.location().url)) return;
      if (m.location().url === page.url() && /responded with a status of 4\d\d/.test(m.text())) return;
      problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    problems,
    external,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Every WCAG 2.2 AA violation axe finds on the page, one readable line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/**
 * Checks the page with axe and keeps a full-page screenshot of it as test output, unless
 * `BROWSER_SCREENSHOTS=off` (CI, where nobody looks at them: about half a second a page).
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  if (process.env.BROWSER_SCREENSHOTS !== 'off') {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }
  expect({ page: name, violations: await axeViolations(page) }).toEqual({ page: name, violations: [] });
}

/** Opens the test application on a free loopback port for the browser; answers its origin. */
export async function serve(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.getHttpServer().address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/** Signs in through the form with an API token and waits for the portfolio. */
export async function signInWithToken(page: Page, base: string, token: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${base}/`);
}

/**
 * The NHS font files nhsuk-frontend's CSS names (assets.nhs.uk): refused here, since tests never
 * use the network, and the pages fall back to Arial. Any other outside request is a fault.
 */
export const NHS_FONT = /^https:\/\/assets\.nhs\.uk\/fonts\/[\w-]+\.woff2?$/;

/** After each test: no CSP refusals, script errors or failed loads, and nothing fetched from elsewhere. */
export function expectCleanBrowsing(browser: Browser | undefined): void {
  expect(browser?.problems ?? []).toEqual([]);
  expect((browser?.external ?? []).filter((url) => !NHS_FONT.test(url))).toEqual([]);
}

export interface DemoInChromium {
  t: TestApp;
  browser: Browser;
  page: Page;
  base: string;
  /** Better Care Together's id. */
  bct: string;
  close(): Promise<void>;
}

/**
 * The demo data `npm start` shows, seeded with the clock at `now`, served to a fresh Chromium
 * whose one page is signed in as a person with `role`.
 */
export async function demoInChromium(now: string, role: Role): Promise<DemoInChromium> {
  const t = await startTestApp({ now });
  await t.get(DemoSeedService).seedIfEmpty();
  const bct = (await t.get(ProgrammeService).list()).find((p) => p.name === 'Better Care Together')!.id;
  const token = await t.tokenFor(role);
  const base = await serve(t);
  const browser = await launchChromium(base);
  const page = await browser.context.newPage();
  await signInWithToken(page, base, token);
  return {
    t,
    browser,
    page,
    base,
    bct,
    async close() {
      await browser.close();
      await t.close();
    },
  };
}
