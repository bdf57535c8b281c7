import ical from 'node-ical';
import { DataSource } from 'typeorm';
import { TokenService } from '../../src/auth/token.service';
import { DemoSeedService } from '../../src/demo/demo-seed.service';
import { TestApp, startTestApp } from '../support/test-app';
import { signInWithToken } from '../support/web-session';

// Calendars read back with node-ical, an independent parser: what Outlook and Google get from a
// subscribed address, and that a re-forecast moves the same event (same UID, higher SEQUENCE).

// The demo seed and whole workbooks on a shared machine take more than Jest's default 5 s.
jest.setTimeout(30_000);

type Event = { uid: string; start: Date; end: Date; sequence: number; lastmodified: Date; summary: string };

function eventsOf(text: string): Map<string, Event> {
  const parsed = ical.sync.parseICS(text);
  const events = new Map<string, Event>();
  for (const value of Object.values(parsed)) {
    if (value && value.type === 'VEVENT') events.set(String(value.uid), value as unknown as Event);
  }
  return events;
}

/** node-ical gives an all-day date as local midnight. */
const day = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

function byGate(events: Map<string, Event>, gateId: string): Event {
  const found = [...events.values()].filter((e) => e.uid.startsWith(`${gateId}.`));
  expect(found).toHaveLength(1);
  return found[0];
}

describe('calendars', () => {
  let t: TestApp;
  let bct: string;
  let lead: string;
  let helen: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-30T09:00:00Z' });
    await t.get(DemoSeedService).seedIfEmpty();
    const list = await t.request('GET', '/api/programmes', { token: t.adminToken });
    bct = list.body.find((p: { name: string }) => p.name === 'Better Care Together').id;
    lead = await t.tokenFor('partnerships');
    helen = (
      await t.get(TokenService).create({ name: 'Helen Seth', email: 'helen.seth@example.nhs.uk', role: 'owner' })
    ).token;
  });
  afterAll(() => t.close());

  const feedCount = async () => Number((await t.get(DataSource).query('SELECT COUNT(*) AS n FROM calendar_feed'))[0].n);

  it('subscribed by URL, without a header, shows every dated gate; a re-forecast moves the same event', async () => {
    const created = await t.request('POST', '/api/me/calendar-feeds', { token: lead, body: { programmeId: bct } });
    expect(created.status).toBe(201);
    expect(created.body.url).toMatch(/\/api\/calendar-feeds\/calendar\.ics\?key=cgf_/);
    const path = new URL(created.body.url).pathname + new URL(created.body.url).search;

    const first = await t.request('GET', path);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/^text\/calendar/);
    const before = eventsOf(first.text);
    // The five gates with dates; the DMBC and the decision have none yet.
    expect([...before.keys()].map((uid) => uid.split('.')[0]).sort()).toEqual(
      ['clinical-senate-review', 'nhse-assurance', 'partner-approvals', 'pcbc-draft', 'public-consultation'].sort(),
    );
    for (const uid of before.keys()) expect(uid).toContain(bct);
    const pcbc = byGate(before, 'pcbc-draft');
    expect(day(pcbc.start)).toBe('2015-09-07'); // the actual, not the 4 September target
    expect((pcbc.start as Date & { dateOnly?: boolean }).dateOnly).toBe(true);
    const consultation = byGate(before, 'public-consultation');
    // The PCBC's three-day slip was carried along: forecasts as recorded, one working day on.
    expect(day(consultation.start)).toBe('2015-12-01');
    expect(day(consultation.end)).toBe('2016-02-24'); // 12 weeks, as one event
    const nhse = byGate(before, 'nhse-assurance');
    expect(day(nhse.start)).toBe('2015-11-10');

    t.setNow('2015-10-30T11:00:00Z');
    const moved = await t.request('PATCH', `/api/programmes/${bct}/gates/nhse-assurance`, {
      token: lead,
      body: { forecastDate: '2015-11-23', reason: 'TDA board moved to 23 November' },
    });
    expect(moved.status).toBe(200);

    const after = eventsOf((await t.request('GET', path)).text);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const nhseAfter = byGate(after, 'nhse-assurance');
    expect(nhseAfter.uid).toBe(nhse.uid);
    expect(day(nhseAfter.start)).toBe('2015-11-23');
    expect(Number(nhseAfter.sequence)).toBe(Number(nhse.sequence) + 1);
    expect(nhseAfter.lastmodified.toISOString()).toBe('2015-10-30T11:00:00.000Z');
    // The consultation moves with it, and says so; the gates behind it do not.
    const consultationAfter = byGate(after, 'public-consultation');
    expect(day(consultationAfter.start) > '2015-12-01').toBe(true);
    expect(Number(consultationAfter.sequence)).toBe(Number(consultation.sequence) + 1);
    expect(byGate(after, 'pcbc-draft').sequence).toBe(pcbc.sequence);
  });

  it('shows an overdue gate on the date as recorded, which the programme page shows beside the projection', async () => {
    // 30 October: the partner board approvals, last forecast for 27 October, are not complete.
    const view = (await t.request('GET', `/api/programmes/${bct}`, { token: lead })).body;
    const approvals = view.gates.find((g: { id: string }) => g.id === 'partner-approvals');
    expect(approvals).toMatchObject({ forecastDate: '2015-10-30', recordedForecastDate: '2015-10-27' });
    const events = eventsOf((await t.request('GET', `/api/programmes/${bct}/calendar.ics`, { token: lead })).text);
    expect(day(byGate(events, 'partner-approvals').start)).toBe(approvals.recordedForecastDate);
    // Gates on their recorded date carry no second date, on the API or the page.
    const onTime = view.gates.filter((g: { recordedForecastDate?: string }) => !g.recordedForecastDate);
    for (const g of onTime.filter(
      (g: { status: string; forecastDate: string | null }) => g.status !== 'complete' && g.forecastDate,
    )) {
      expect([g.id, day(byGate(events, g.id).start)]).toEqual([g.id, g.forecastDate]);
    }
    const session = await signInWithToken(t, lead);
    const page = await t.app.inject({ method: 'GET', url: `/programmes/${bct}`, headers: { cookie: session.cookie } });
    const row = page.body.slice(page.body.indexOf('id="gate-partner-approvals"'));
    expect(row.slice(0, row.indexOf('</tr>'))).toMatch(
      /30 Oct 2015.*projected; recorded 27 Oct 2015, the date in calendars/s,
    );
    expect(page.body.match(/the date in calendars/g)).toHaveLength(1);
  });

  it('answers the same events on the API with a token, and the gates a person owns on their own calendar', async () => {
    const programme = await t.request('GET', `/api/programmes/${bct}/calendar.ics`, { token: t.adminToken });
    expect(programme.status).toBe(200);
    expect(eventsOf(programme.text).size).toBe(5);

    const mine = await t.request('GET', '/api/me/calendar.ics', { token: helen });
    expect(mine.status).toBe(200);
    const uids = [...eventsOf(mine.text).keys()].filter((uid) => uid.includes(bct)).map((uid) => uid.split('.')[0]);
    expect(uids.sort()).toEqual(['nhse-assurance', 'partner-approvals']);

    const feed = await t.request('POST', '/api/me/calendar-feeds', { token: helen, body: {} });
    expect(feed.status).toBe(201);
    expect(feed.body.kind).toBe('owner');
    const url = new URL(feed.body.url);
    const viaFeed = await t.request('GET', url.pathname + url.search);
    expect([...eventsOf(viaFeed.text).keys()].sort()).toEqual([...eventsOf(mine.text).keys()].sort());
  });

  it('keeps only the hash of the secret, and a revoked address answers 410 problem+json', async () => {
    const created = await t.request('POST', '/api/me/calendar-feeds', { token: lead, body: { programmeId: bct } });
    const url = new URL(created.body.url);
    const key = url.searchParams.get('key')!;
    const rows = await t.get(DataSource).query('SELECT secret_hash FROM calendar_feed');
    expect(JSON.stringify(rows)).not.toContain(key);

    const listed = await t.request('GET', '/api/me/calendar-feeds', { token: lead });
    expect(listed.body.map((f: { id: string }) => f.id)).toContain(created.body.id);
    expect(JSON.stringify(listed.body)).not.toContain(key);

    // Somebody else may not revoke it.
    const other = await t.request('DELETE', `/api/me/calendar-feeds/${created.body.id}`, { token: helen });
    expect(other.status).toBe(403);
    expect((await t.request('GET', url.pathname + url.search)).status).toBe(200);

    expect((await t.request('DELETE', `/api/me/calendar-feeds/${created.body.id}`, { token: lead })).status).toBe(204);
    const revoked = await t.request('GET', url.pathname + url.search);
    expect(revoked.status).toBe(410);
    expect(revoked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(revoked.text).not.toContain(key);

    const audit = await t.request('GET', `/api/programmes/${bct}/audit`, { token: t.adminToken });
    const actions = audit.body.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['calendar-feed.created', 'calendar-feed.revoked']));
  });

  it('refuses bad requests with problem+json and writes nothing', async () => {
    const count = await feedCount();
    const unknownKey = await t.request('GET', '/api/calendar-feeds/calendar.ics?key=cgf_nothing');
    expect(unknownKey.status).toBe(404);
    expect(unknownKey.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await t.request('GET', '/api/calendar-feeds/calendar.ics')).status).toBe(404);

    const bad = await t.request('POST', '/api/me/calendar-feeds', { token: lead, body: { programmeId: 'nope' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'programmeId' })]);
    const missing = await t.request('POST', '/api/me/calendar-feeds', {
      token: lead,
      body: { programmeId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(missing.status).toBe(404);
    const scoped = await t.tokenFor('viewer', bct);
    const others = await t.request('GET', '/api/programmes', { token: t.adminToken });
    const plan = others.body.find((p: { id: string }) => p.id !== bct).id;
    const elsewhere = await t.request('POST', '/api/me/calendar-feeds', { token: scoped, body: { programmeId: plan } });
    expect(elsewhere.status).toBe(403);
    expect((await t.request('DELETE', '/api/me/calendar-feeds/not-a-feed', { token: lead })).status).toBe(404);
    expect(await feedCount()).toBe(count);

    expect((await t.request('GET', `/api/programmes/${plan}/calendar.ics`, { token: scoped })).status).toBe(403);
    expect((await t.request('GET', '/api/programmes/nope/calendar.ics', { token: lead })).status).toBe(404);
  });
});
