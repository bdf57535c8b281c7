import { DemoSeedService } from '../../src/demo/demo-seed.service';
import { programmeFootprint } from '../support/programme-footprint';
import { TestApp, startTestApp } from '../support/test-app';
import { FORM, PageSession, signInWithToken } from '../support/web-session';

// The what-if page over HTTP, without JavaScript: the GET form, both timelines, what moved
// and why, the re-forecast form filled in, saving a scenario, errors the NHS way.

describe('the what-if page', () => {
  let t: TestApp;
  let id: string;
  let sro: PageSession;
  let viewer: PageSession;

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-27T09:00:00Z' });
    await t.get(DemoSeedService).seedIfEmpty();
    const list = await t.request('GET', '/api/programmes', { token: t.adminToken });
    id = list.body.find((p: { name: string }) => p.name === 'Better Care Together').id;
    sro = await signInWithToken(t, await t.tokenFor('sro'));
    viewer = await signInWithToken(t, await t.tokenFor('viewer'));
  }, 60_000);
  afterAll(() => t.close());

  const get = (url: string, session: PageSession) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
  const ask = new URLSearchParams({
    party: 'partner-approvals:university-hospitals-of-leicester',
    'partyOn[day]': '16',
    'partyOn[month]': '11',
    'partyOn[year]': '2015',
  }).toString();

  it('marks the critical path on the programme page and links to the what-if', async () => {
    const res = await get(`/programmes/${id}`, viewer);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('class="cg-critical"');
    expect(res.body).toMatch(/No slack on Partner board approvals, NHS England and TDA assurance, Public consultation/);
    expect(res.body).toContain(`href="/programmes/${id}/what-if"`);
  });

  it('answers the form by GET with both timelines, what moved and why, and writes nothing', async () => {
    const before = await programmeFootprint(t, id);
    const res = await get(`/programmes/${id}/what-if?${ask}`, sro);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="as-is-title"');
    expect(res.body).toContain('id="would-be-title"');
    expect(res.body).toMatch(/The consultation would start on 21 Dec(ember)? 2015 instead of 1 Dec(ember)? 2015/);
    expect(res.body).toMatch(/Carried from Partner board approvals: it keeps its planned gap of 10 working days/);
    expect(res.body).toContain('+14 working days');
    // Handed on to the real re-forecast form, filled in.
    const link = /href="([^"]*partner-approvals\/reforecast\?[^"]*)"/.exec(res.body)![1].replace(/&amp;/g, '&');
    const form = await get(link, sro);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/name="forecastDate\[day\]"[^>]*value="16"/);
    expect(form.body).toMatch(/decision expected on 16 Nov/);
    expect(await programmeFootprint(t, id)).toEqual(before);
  });

  it('shows errors the NHS way and keeps what was typed', async () => {
    const res = await get(
      `/programmes/${id}/what-if?${new URLSearchParams({ 'forecast-nhse-assurance[day]': '31', 'forecast-nhse-assurance[month]': '11', 'forecast-nhse-assurance[year]': '2015' })}`,
      sro,
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('href="#forecast-nhse-assurance-day"');
    expect(res.body).toMatch(/must be a real date/);
    expect(res.body).toMatch(/name="forecast-nhse-assurance\[day\]"[^>]*value="31"/);
  });

  it('saves a named scenario for the SRO, shows it again, and does not offer saving to a viewer', async () => {
    const page = await get(`/programmes/${id}/what-if?${ask}`, sro);
    const changes = /name="changes" value="([^"]*)"/.exec(page.body)![1].replace(/&quot;/g, '"');
    const saved = await t.app.inject({
      method: 'POST',
      url: `/programmes/${id}/what-if/scenarios`,
      headers: { ...FORM, cookie: sro.cookie },
      payload: new URLSearchParams({ _csrf: sro.csrfToken, name: 'Option A', changes }).toString(),
    });
    expect(saved.statusCode).toBe(303);
    const shown = await get(String(saved.headers.location), sro);
    expect(shown.body).toContain('Scenario saved');
    expect(shown.body).toContain('What if: Option A');
    expect(shown.body).toContain('id="would-be-title"');
    const noName = await t.app.inject({
      method: 'POST',
      url: `/programmes/${id}/what-if/scenarios`,
      headers: { ...FORM, cookie: sro.cookie },
      payload: new URLSearchParams({ _csrf: sro.csrfToken, name: '', changes }).toString(),
    });
    expect(noName.statusCode).toBe(422);
    expect(noName.body).toContain('Enter a name for the scenario');
    const forViewer = await get(`/programmes/${id}/what-if?${ask}`, viewer);
    expect(forViewer.statusCode).toBe(200);
    expect(forViewer.body).not.toContain('Save scenario');
    expect(forViewer.body).toContain('Option A');
  });
});
