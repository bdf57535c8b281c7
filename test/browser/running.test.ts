import { Page } from 'playwright-core';
import { TokenService } from '../../src/auth/token.service';
import { BCT_PARTIES, BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { TestApp, startTestApp } from '../support/test-app';
import { Browser, checkPage, expectCleanBrowsing, launchChromium, serve, signInWithToken } from './browser';

// Setting a programme up and running it, in Debian's Chromium, from an empty database. Each
// test signs in on a clean browser and makes its own data, so none relies on another. Every
// new page is checked with axe (WCAG 2.2 AA) and kept as a screenshot.

jest.setTimeout(300_000);

const HELEN = { name: 'Helen Seth', email: 'helen.seth@example.nhs.uk' };
const KATE = { name: 'Kate Shields', email: 'kate.shields@example.nhs.uk' };
const HEALTHWATCH = { id: 'healthwatch-leicester', name: 'Healthwatch Leicester' };
const NEW_OWNER = { name: 'Ravi Patel', email: 'ravi.patel@example.nhs.uk' };
const REFORECAST = { forecastDate: '2015-12-07', reason: 'Two boards asked for a week more to publish papers' };

/** The eight partner decisions of the journey: dated, minuted, one with conditions. */
const DECISIONS = BCT_PARTIES.map((p, i) => ({
  partyId: p.id,
  name: p.name,
  decision: i === 1 ? 'approved-with-conditions' : 'approved',
  decidedOn: `2015-10-${String(13 + i).padStart(2, '0')}`,
  reference: `Board minutes 2015/${i + 1}`,
  ...(i === 1 ? { conditions: 'Equality impact assessment to be completed before consultation starts' } : {}),
}));

describe('setting up and running a programme in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-27T09:00:00Z' });
    const service = t.get(TokenService);
    tokens.helen = (await service.create({ ...HELEN, role: 'partnerships' })).token;
    tokens.kate = (await service.create({ ...KATE, role: 'sro' })).token;
    tokens.admin = t.adminToken;
    tokens.engagement = (
      await service.create({ name: 'BCT Engagement', email: 'bct.engagement@example.nhs.uk', role: 'owner' })
    ).token;
    base = await serve(t);
    browser = await launchChromium(base);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  beforeEach(async () => {
    await browser.context.clearCookies();
    page = await browser.context.newPage();
  });

  afterEach(async () => {
    await page?.close();
    expectCleanBrowsing(browser);
  });

  const signIn = (token: string) => signInWithToken(page, base, token);

  async function fillDate(id: string, iso: string) {
    const [year, month, day] = iso.split('-');
    await page.locator(`#${id}-day`).fill(day);
    await page.locator(`#${id}-month`).fill(month);
    await page.locator(`#${id}-year`).fill(year);
  }

  async function submit(name: string) {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
  }

  /** The programme id from the page's address. */
  const programmeIdOf = (url: string) => /\/programmes\/([0-9a-f-]{36})/.exec(url)![1];

  const api = async (method: string, url: string, body?: unknown, token = tokens.helen) => {
    const res = await t.request(method, url, { token, body });
    expect(`${res.status} ${method} ${url}`).toMatch(/^20\d /);
    return res.body;
  };

  /** What GET /api/programmes/:id says, without what differs between two builds of the same programme. */
  function comparable(view: Record<string, unknown>) {
    const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = view;
    return rest;
  }

  // Long on a shared machine: some forty round trips in the browser, each page checked with axe.
  it('sets up Better Care Together entirely through the pages, runs it, and ends where the API would', async () => {
    await signIn(tokens.helen);

    // New programme: the workflow first, then the gates it has.
    await page.getByRole('link', { name: 'New programme' }).click();
    await page.waitForURL(`${base}/programmes/new`);
    await checkPage(page, 'run-01-new-programme-workflow');
    await page.getByLabel('NHS service change, version 1').check();
    await submit('Continue');
    await page.waitForURL(/workflow=nhs-service-change&version=1/);

    // A first try with mistakes: errors the NHS way, everything typed kept.
    await page.locator('#sroName').fill(KATE.name);
    await page.locator('#sroEmail').fill('kate.shields');
    await submit('Set up programme');
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain('Enter the name of the programme');
    expect(await page.locator('#sroName').inputValue()).toBe(KATE.name);
    await checkPage(page, 'run-02-new-programme-errors');

    const body = BETTER_CARE_TOGETHER;
    await page.locator('#name').fill(body.name);
    await page.locator('#sroEmail').fill(KATE.email);
    for (const gateId of [
      'pcbc-draft',
      'clinical-senate-review',
      'partner-approvals',
      'nhse-assurance',
      'public-consultation',
    ]) {
      const plan = body.gates[gateId]!;
      await fillDate(`gate-${gateId}-target`, plan.targetDate!);
      await page.locator(`#gate-${gateId}-ownerName`).fill(plan.owner!.name);
      await page.locator(`#gate-${gateId}-ownerEmail`).fill(plan.owner!.email);
    }
    // Party rows: "Add another party" is a submit button, so each row comes back from the server.
    // "Add another party" and "Remove" are submit buttons, named for their gate and row.
    const press = async (value: string) => {
      await Promise.all([page.waitForNavigation(), page.locator(`button[name="action"][value="${value}"]`).click()]);
    };
    for (const gateId of ['partner-approvals', 'nhse-assurance']) {
      const parties = body.gates[gateId]!.parties!;
      for (const [row, party] of parties.entries()) {
        if (row > 0) await press(`add:${gateId}`);
        await page.locator(`#gate-${gateId}-party-${row}-name`).fill(party.name);
        await page.locator(`#gate-${gateId}-party-${row}-id`).fill(party.id);
      }
    }
    expect(await page.getByRole('button', { name: 'Add another party to Partner board approvals' }).count()).toBe(1);
    // Remove works too: add a stray row and take it away again.
    await press('add:partner-approvals');
    await page.locator('#gate-partner-approvals-party-8-name').fill('A board added by mistake');
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: 'Remove party 9 of Partner board approvals' }).click(),
    ]);
    expect(await page.locator('#gate-partner-approvals-party-8-name').count()).toBe(0);
    expect(await page.locator('#gate-partner-approvals-party-7-name').inputValue()).toBe(BCT_PARTIES[7].name);
    expect(await page.locator('#gate-nhse-assurance-party-1-id').inputValue()).toBe('tda');
    await checkPage(page, 'run-03-new-programme-filled');
    await submit('Set up programme');
    await page.waitForURL(/\/programmes\/[0-9a-f-]{36}\?changed=created/);
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('Programme set up');
    const id = programmeIdOf(page.url());

    // The first two gates complete, then the eight partner boards decide.
    for (const [gateId, completedOn] of [
      ['pcbc-draft', '2015-09-07'],
      ['clinical-senate-review', '2015-10-05'],
    ]) {
      await page.goto(`${base}/programmes/${id}/gates/${gateId}/complete`);
      await fillDate('completedOn', completedOn);
      await submit('Mark as complete');
    }
    const decide = async (d: (typeof DECISIONS)[number]) => {
      await page.goto(`${base}/programmes/${id}`);
      await page.getByRole('link', { name: `Record decision of ${d.name} on Partner board approvals` }).click();
      await page.waitForURL(/\/decision\?party=/);
      expect(await page.getByLabel(d.name, { exact: true }).isChecked()).toBe(true);
      await page
        .getByLabel(d.decision === 'approved' ? 'Approved' : 'Approved with conditions', { exact: true })
        .check();
      await fillDate('decidedOn', d.decidedOn);
      await page.locator('#reference').fill(d.reference);
      if (d.conditions) await page.locator('#conditions').fill(d.conditions);
      await submit('Record decision');
      expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('Decision recorded');
    };
    for (const d of DECISIONS.slice(0, 7)) await decide(d);

    // A ninth party joins late: the gate now waits for it too.
    await page.goto(`${base}/programmes/${id}`);
    await page.getByRole('link', { name: 'Parties for Partner board approvals' }).click();
    await checkPage(page, 'run-04-parties');
    await page.locator('#name').fill(HEALTHWATCH.name);
    await submit('Add party');
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain(`${HEALTHWATCH.name} now decides`);
    await decide(DECISIONS[7]);
    expect(await page.locator('#gate-partner-approvals').textContent()).not.toContain('Complete');

    // ...and withdraws, with a reason: the gate completes without it.
    await page.getByRole('link', { name: 'Parties for Partner board approvals' }).click();
    await page.getByRole('link', { name: `Withdraw ${HEALTHWATCH.name}` }).click();
    await page.locator('#reason').fill('Healthwatch advises the boards; it does not approve');
    await checkPage(page, 'run-05-withdraw-party');
    await submit('Withdraw party');
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('which is now complete');
    const withdrawnCell = page
      .locator('.cg-matrix tbody tr', { has: page.getByRole('rowheader', { name: HEALTHWATCH.name }) })
      .locator('td')
      .first();
    expect(await withdrawnCell.textContent()).toContain('Withdrawn');
    expect(await withdrawnCell.textContent()).toContain('it does not approve');

    // A new owner for the assurance gate.
    await page.getByRole('link', { name: 'Change owner for NHS England and TDA assurance' }).click();
    await checkPage(page, 'run-06-owner');
    await page.locator('#name').fill(NEW_OWNER.name);
    await page.locator('#email').fill(NEW_OWNER.email);
    await submit('Save owner');
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain(`${NEW_OWNER.name} now owns`);
    await checkPage(page, 'run-07-programme-after-changes');

    // The SRO re-forecasts the consultation.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/login/);
    await signIn(tokens.kate);
    await page.goto(`${base}/programmes/${id}/gates/public-consultation/reforecast`);
    await fillDate('forecastDate', REFORECAST.forecastDate);
    await page.locator('#reason').fill(REFORECAST.reason);
    await submit('Save new forecast');
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('Forecast changed');

    // The same programme through the API, step for step, by the same people.
    const twin = (await api('POST', '/api/programmes', {
      ...body,
      gates: Object.fromEntries(Object.entries(body.gates).filter(([gateId]) => gateId !== 'decision')),
    })) as { id: string };
    const at = (path: string) => `/api/programmes/${twin.id}${path}`;
    await api('POST', at('/gates/pcbc-draft/complete'), { completedOn: '2015-09-07' });
    await api('POST', at('/gates/clinical-senate-review/complete'), { completedOn: '2015-10-05' });
    const decision = ({ name: _name, ...d }: (typeof DECISIONS)[number]) => d;
    for (const d of DECISIONS.slice(0, 7)) await api('POST', at('/gates/partner-approvals/decisions'), decision(d));
    await api('POST', at('/gates/partner-approvals/parties'), HEALTHWATCH);
    await api('POST', at('/gates/partner-approvals/decisions'), decision(DECISIONS[7]));
    await api('POST', at(`/gates/partner-approvals/parties/${HEALTHWATCH.id}/withdraw`), {
      reason: 'Healthwatch advises the boards; it does not approve',
    });
    await api('PUT', at('/gates/nhse-assurance/owner'), NEW_OWNER);
    await api('PATCH', at('/gates/public-consultation'), REFORECAST, tokens.kate);

    const fromPages = await api('GET', `/api/programmes/${id}`);
    const fromApi = await api('GET', `/api/programmes/${twin.id}`);
    expect(comparable(fromPages)).toEqual(comparable(fromApi));
    // And it is the programme the journey describes, not two equally empty ones.
    const approvals = fromPages.gates.find((g: { id: string }) => g.id === 'partner-approvals');
    expect(approvals).toMatchObject({ status: 'complete', actualDate: '2015-10-20' });
    expect(approvals.parties).toHaveLength(8);
    expect(approvals.withdrawnParties).toEqual([expect.objectContaining({ id: HEALTHWATCH.id })]);
    expect(fromPages.gates.find((g: { id: string }) => g.id === 'nhse-assurance').owner).toEqual(NEW_OWNER);
    expect(fromPages.gates.find((g: { id: string }) => g.id === 'public-consultation').forecastDate).toBe('2015-12-07');
  }, 1_200_000);

  it('changes a gate owner by keyboard alone', async () => {
    const created = await api('POST', '/api/programmes', BETTER_CARE_TOGETHER);
    await signIn(tokens.helen);
    await page.goto(`${base}/programmes/${created.id}`);
    /** Presses Tab until the focused element is the one wanted (by its text, or its id). */
    const focusOn = async (wanted: { text?: string; id?: string }) => {
      for (let i = 0; i < 200; i++) {
        // A string, run in the page: the tests are compiled without the DOM's types.
        const focused = (await page.evaluate(
          `({ id: document.activeElement?.id ?? '', text: document.activeElement?.textContent?.replace(/\\s+/g, ' ').trim() ?? '' })`,
        )) as { id: string; text: string };
        if ((wanted.id && focused.id === wanted.id) || (wanted.text && focused.text === wanted.text)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${JSON.stringify(wanted)}`);
    };
    await focusOn({ text: 'Change owner for Public consultation' });
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(page.url()).toMatch(/\/gates\/public-consultation\/owner$/);
    await focusOn({ id: 'name' });
    await page.keyboard.type(NEW_OWNER.name);
    await page.keyboard.press('Tab');
    await page.keyboard.type('ravi');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain('correct format');
    expect(await page.locator('#name').inputValue()).toBe(NEW_OWNER.name);
    await checkPage(page, 'run-08-owner-error');
    // From the error summary's link to the field it names, then put it right.
    await focusOn({ text: 'Enter an email address in the correct format, like name@example.nhs.uk' });
    await page.keyboard.press('Enter');
    await focusOn({ id: 'email' });
    await page.keyboard.press('Control+A');
    await page.keyboard.type(NEW_OWNER.email);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain(`${NEW_OWNER.name} now owns`);
    const view = await api('GET', `/api/programmes/${created.id}`);
    expect(view.gates.find((g: { id: string }) => g.id === 'public-consultation').owner).toEqual(NEW_OWNER);
  });

  it('starts a consultation with its planned window, warning when it is short, and records evidence', async () => {
    const created = await api('POST', '/api/programmes', { ...BETTER_CARE_TOGETHER, workflowVersion: 2 });
    const at = (path: string) => `/api/programmes/${created.id}${path}`;
    await api('POST', at('/gates/pcbc-draft/complete'), { completedOn: '2015-09-07' });
    await api('POST', at('/gates/clinical-senate-review/complete'), { completedOn: '2015-10-05' });
    for (const gateId of ['partner-approvals', 'nhse-assurance']) {
      for (const p of BETTER_CARE_TOGETHER.gates[gateId]!.parties!) {
        await api('POST', at(`/gates/${gateId}/decisions`), {
          partyId: p.id,
          decision: 'approved',
          decidedOn: '2015-10-20',
        });
      }
    }
    await signIn(tokens.engagement);
    await page.goto(`${base}/my-gates`);
    await checkPage(page, 'run-09-my-gates');
    await page.locator(`a[href="/programmes/${created.id}#gate-public-consultation"]`).click();
    await page.getByRole('link', { name: 'Start consultation for Public consultation' }).click();
    await fillDate('startsOn', '2015-10-26');
    await fillDate('closesOn', '2015-12-21');
    await submit('Record start');
    expect(await page.locator('#justification-error').textContent()).toContain('needs a recorded justification');
    expect(await page.locator('.nhsuk-card--warning').textContent()).toContain('shorter than the usual 12 weeks');
    await checkPage(page, 'run-10-start-consultation-short');
    await page.locator('#justification').fill('Agreed with the joint health scrutiny committee');
    await submit('Record start');
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('Consultation started');
    expect(await page.locator('.nhsuk-card--warning').textContent()).toContain('shorter than 12 weeks');

    // A second person on the same browser: the sign-in form is only shown to someone signed out.
    await browser.context.clearCookies();
    await signIn(tokens.helen);
    await page.goto(`${base}/programmes/${created.id}/gates/decision-making-business-case/evidence`);
    expect(await page.locator('main').textContent()).toContain('Still missing');
    await page.getByLabel('Equality impact assessment', { exact: true }).check();
    await fillDate('recordedOn', '2015-10-14');
    await page.locator('#reference').fill('EIA v3, BCT board 14/10/15');
    await page.locator('#link').fill('https://example.nhs.uk/bct/eia-v3.pdf');
    await checkPage(page, 'run-11-evidence');
    await submit('Record evidence');
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('Evidence recorded');
    await page.goto(`${base}/programmes/${created.id}/gates/decision-making-business-case/evidence`);
    expect(await page.locator('main').textContent()).toContain('EIA v3, BCT board 14/10/15');
  });

  it('previews a move to a newer workflow version, then makes it', async () => {
    // Pinned to the first version, as a programme of 2015 is: the page offers the newest (the 2024
    // regime, version 3) and previews the move straight there.
    const created = await api('POST', '/api/programmes', { ...BETTER_CARE_TOGETHER, workflowVersion: 1 });
    await signIn(tokens.helen);
    await page.goto(`${base}/programmes/${created.id}`);
    await page.getByRole('link', { name: 'Move to version 3 of the workflow' }).click();
    expect(await page.locator('main').textContent()).toContain('Stage 1 strategic sense check');
    await checkPage(page, 'run-12-migrate-preview');
    await submit('Move to version 3');
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('version 3');
    const view = await api('GET', `/api/programmes/${created.id}`);
    expect(view.workflow.version).toBe(3);
  });

  it('lets an admin see people, create a token shown once, and revoke it', async () => {
    await signIn(tokens.admin);
    await page.getByRole('link', { name: 'People and access' }).click();
    await page.locator('#name').fill('Nia Board');
    await page.locator('#email').fill('nia.board@example.nhs.uk');
    await page.getByLabel('viewer', { exact: true }).check();
    await submit('Create token');
    const token = (await page.locator('#new-token').textContent())!.trim();
    expect(token).toMatch(/^cg_/);
    await checkPage(page, 'run-13-people-token-created');
    expect((await t.request('GET', '/api/programmes', { token })).status).toBe(200);
    await page.goto(`${base}/admin/people`);
    expect(await page.locator('main').textContent()).not.toContain(token);
    const row = page.locator('tr', { hasText: 'nia.board@example.nhs.uk' });
    expect(await row.textContent()).toMatch(/27 Oct 2015/);
    await Promise.all([page.waitForNavigation(), row.getByRole('button', { name: /Revoke/ }).click()]);
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('Token revoked');
    expect((await t.request('GET', '/api/programmes', { token })).status).toBe(401);
  });
});
