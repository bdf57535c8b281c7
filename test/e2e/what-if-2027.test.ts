import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../../src/calendar/iso-date';
import { programmeBody, readyToConsult } from '../support/programme-2027';
import { programmeFootprint } from '../support/programme-footprint';
import { TestApp, startTestApp } from '../support/test-app';
import { signInWithToken } from '../support/web-session';

// A v3 programme in 2027 touching Leicester City Council: a slip that would push the launch into the
// pre-election period of the May 2027 local elections (31 March to 6 May, by rule) is named as such, with
// the latest safe date that avoids it; once the council is recorded as having no polls in 2027, the clash is
// gone. And the what-if asks the launch guard's own rule: for every launch date tried, the what-if names a
// clash exactly when the real launch is refused.

const person = (who: string) => ({ name: who, email: `${who.toLowerCase().replace(/ /g, '.')}@example.nhs.uk` });

/** Planned for spring 2027, every gate up to the consultation still ahead on 15 February 2027. */
const spring2027 = (councils = ['leicester-city-council']) =>
  programmeBody({
    name: 'Planned for spring 2027',
    councils,
    gates: {
      'pcbc-draft': { targetDate: '2027-02-19', owner: person('PMO') },
      'clinical-senate-review': { targetDate: '2027-02-26' },
      'partner-approvals': {
        targetDate: '2027-03-05',
        owner: person('Helen Seth'),
        parties: [{ id: 'leicester-city-council', name: 'Leicester City Council' }],
      },
      'nhse-assurance': { targetDate: '2027-03-12', parties: [{ id: 'nhse', name: 'NHS England' }] },
      'public-consultation': { targetDate: '2027-03-22', owner: person('Engagement') },
    },
  });

type Slack = {
  gateId: string;
  latestSafeDate: string | null;
  safeBefore: { name: string; periodStart: string } | null;
};
type Clash = { kind: string; gateId: string; date: string; election: { name: string } };

describe('what if, in 2027, near the May local elections (nhs-service-change v3)', () => {
  let t: TestApp;
  let dir: string;
  let lead: string;
  let sro: string;
  let id: string;

  beforeAll(async () => {
    // A period configured by hand (elections.periods), beside the rule's and those an admin enters.
    dir = mkdtempSync(join(tmpdir(), 'cg-what-if-2027-'));
    const overlay = join(dir, 'config.json');
    writeFileSync(
      overlay,
      JSON.stringify({
        elections: {
          periods: [
            { name: 'Configured referendum', pollDate: '2027-09-23', periodStart: '2027-09-01', scope: 'national' },
          ],
        },
      }),
    );
    t = await startTestApp({ now: '2027-02-15T09:00:00Z', env: { CONFIG_FILE: overlay } });
    lead = await t.tokenFor('partnerships');
    sro = await t.tokenFor('sro');
    const created = await t.request('POST', '/api/programmes', { token: lead, body: spring2027() });
    expect(created.status).toBe(201);
    expect(created.body.workflow.version).toBe(3);
    expect(created.body.councils).toEqual(['leicester-city-council']);
    id = created.body.id;
    const elections = [
      { name: 'Imagined general election', pollDate: '2027-06-24', periodStart: '2027-06-01', scope: 'national' },
      {
        name: 'Rutland by-election',
        pollDate: '2027-07-22',
        periodStart: '2027-07-01',
        scope: 'local',
        areas: ['rutland-county-council'],
      },
      {
        name: 'Leicester by-election',
        pollDate: '2027-08-19',
        periodStart: '2027-08-02',
        scope: 'local',
        areas: ['leicester-city-council'],
      },
    ];
    for (const body of elections) {
      expect((await t.request('POST', '/api/elections', { token: t.adminToken, body })).status).toBe(201);
    }
  }, 60_000);
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = (programmeId: string, changes: unknown[]) =>
    t.request('POST', `/api/programmes/${programmeId}/what-if`, { token: sro, body: { changes } });
  const slackOf = (body: { slack: Slack[] }, gateId: string) => body.slack.find((s) => s.gateId === gateId)!;

  it('names the May 2027 pre-election period a slip runs into, and the latest safe dates', async () => {
    const asIs = await ask(id, [{ gateId: 'pcbc-draft', forecastDate: '2027-02-19' }]);
    expect(asIs.status).toBe(200);
    expect(asIs.body.programme.workflow.version).toBe(3);
    expect(asIs.body.clashes.filter((c: Clash) => c.kind === 'launch')).toEqual([]);
    const consultation = slackOf(asIs.body, 'public-consultation');
    expect(consultation).toMatchObject({ latestSafeDate: '2027-03-30' });
    expect(consultation.safeBefore).toMatchObject({ name: 'Local elections 2027', periodStart: '2027-03-31' });
    // Six working days before the launch (12 -> 22 March), Good Friday and Easter Monday (26 and 29 March) not
    // counted: NHS England by 18 March at the latest.
    expect(slackOf(asIs.body, 'nhse-assurance').latestSafeDate).toBe('2027-03-18');

    const slipped = await ask(id, [{ gateId: 'nhse-assurance', forecastDate: '2027-03-26' }]);
    expect(slipped.status).toBe(200);
    expect(slipped.body.clashes.filter((c: Clash) => c.kind === 'launch')).toEqual([
      expect.objectContaining({
        kind: 'launch',
        gateId: 'public-consultation',
        date: '2027-04-07',
        firstWorkingDayAfter: '2027-05-07',
        election: expect.objectContaining({ name: 'Local elections 2027', pollDate: '2027-05-06' }),
      }),
    ]);
    expect(slipped.body.refusals).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'PRE_ELECTION_PERIOD', gateId: 'public-consultation' })]),
    );
  });

  it('names a launch clash exactly when the real launch guard refuses it, whatever the period', async () => {
    // Ready to consult, its consultation planned early enough that a what-if may put the launch on any date ahead.
    const ready = async () => {
      const body = programmeBody();
      body.gates['public-consultation'].targetDate = '2027-02-16';
      const created = await t.request('POST', '/api/programmes', { token: lead, body });
      expect(created.status).toBe(201);
      await readyToConsult(t, lead, created.body.id);
      return created.body.id as string;
    };
    const tried: Array<[string, string | null]> = [];
    let programmeId = await ready();
    // Before, inside and after: the May poll by rule, a national period entered by an admin, a local one for
    // another council (not ours), a local one for ours, and the configured one.
    for (const startsOn of [
      '2027-03-30',
      '2027-03-31',
      '2027-05-06',
      '2027-05-07',
      '2027-06-10',
      '2027-07-08',
      '2027-08-10',
      '2027-09-06',
    ]) {
      const whatIf = await ask(programmeId, [{ gateId: 'public-consultation', forecastDate: startsOn }]);
      expect(whatIf.status).toBe(200);
      const clash = whatIf.body.clashes.find((c: Clash) => c.kind === 'launch' && c.date === startsOn) as
        Clash | undefined;
      const refusal = whatIf.body.refusals.find((r: { code: string }) => r.code === 'PRE_ELECTION_PERIOD');
      const real = await t.request('POST', `/api/programmes/${programmeId}/gates/public-consultation/start`, {
        token: lead,
        body: { startsOn, closesOn: addDays(startsOn, 84) },
      });
      tried.push([startsOn, clash?.election.name ?? null]);
      if (real.status === 409) {
        expect(real.body.code).toBe('PRE_ELECTION_PERIOD');
        expect(clash).toBeDefined();
        expect(refusal).toBeDefined();
        expect(real.body.detail).toContain(clash!.election.name);
      } else {
        expect(real.status).toBe(200);
        expect(clash).toBeUndefined();
        expect(refusal).toBeUndefined();
        programmeId = await ready(); // that one is consulting now
      }
    }
    // The test means something only if both answers occurred, for the reasons expected.
    expect(tried).toEqual([
      ['2027-03-30', null],
      ['2027-03-31', 'Local elections 2027'],
      ['2027-05-06', 'Local elections 2027'],
      ['2027-05-07', null],
      ['2027-06-10', 'Imagined general election'],
      ['2027-07-08', null],
      ['2027-08-10', 'Leicester by-election'],
      ['2027-09-06', 'Configured referendum'],
    ]);
  }, 120_000);

  it('has no clash once Leicester City Council is recorded as having no polls in 2027, and the next period is the one to avoid', async () => {
    // A programme that touches Rutland too still runs into the May poll: every council must have none.
    const both = await t.request('POST', '/api/programmes', {
      token: lead,
      body: spring2027(['leicester-city-council', 'rutland-county-council']),
    });
    expect(both.status).toBe(201);
    const recorded = await t.request('POST', '/api/elections/no-polls', {
      token: t.adminToken,
      body: { year: 2027, councils: ['leicester-city-council'] },
    });
    expect(recorded.status).toBeLessThan(300);

    const slipped = await ask(id, [{ gateId: 'nhse-assurance', forecastDate: '2027-03-26' }]);
    expect(slipped.status).toBe(200);
    expect(slipped.body.consultation.after.startsOn).toBe('2027-04-07');
    expect(slipped.body.clashes.filter((c: Clash) => c.election.name === 'Local elections 2027')).toEqual([]);
    expect(slipped.body.refusals.filter((r: { code: string }) => r.code === 'PRE_ELECTION_PERIOD')).toEqual([]);
    // The next period the launch could run into is the entered general election, not May 2027.
    const consultation = slackOf(slipped.body, 'public-consultation');
    expect(consultation.safeBefore).toMatchObject({ name: 'Imagined general election', periodStart: '2027-06-01' });
    expect(consultation.latestSafeDate).toBe('2027-05-31');

    const other = await ask(both.body.id, [{ gateId: 'nhse-assurance', forecastDate: '2027-03-26' }]);
    expect(other.body.clashes.filter((c: Clash) => c.kind === 'launch')).toEqual([
      expect.objectContaining({ kind: 'launch', election: expect.objectContaining({ name: 'Local elections 2027' }) }),
    ]);
  });

  it('names the open conditions of NHS England assurance among the refused steps; no hypothetical change discharges them', async () => {
    const created = await t.request('POST', '/api/programmes', { token: lead, body: programmeBody() });
    const pid: string = created.body.id;
    await readyToConsult(t, lead, pid, 'approved-with-conditions');
    const [condition] = (await t.request('GET', `/api/programmes/${pid}`, { token: lead })).body.conditions;
    const text = 'Publish the travel-time analysis before consultation';
    expect(condition).toMatchObject({ gateId: 'nhse-assurance', status: 'open', text });
    const before = await programmeFootprint(t, pid);

    const res = await ask(pid, [{ gateId: 'public-consultation', forecastDate: '2027-05-10' }]);
    expect(res.status).toBe(200);
    const conditionsRefusal = {
      gateId: 'public-consultation',
      step: 'launch',
      code: 'CONDITIONS_OPEN',
      reason: expect.stringContaining(`"${text}" (condition ${condition.id})`),
      conditions: [{ id: condition.id, gateId: 'nhse-assurance', text }],
    };
    expect(res.body.refusals[0]).toEqual(conditionsRefusal);
    // The real launch is refused in the same words.
    const real = await t.request('POST', `/api/programmes/${pid}/gates/public-consultation/start`, {
      token: lead,
      body: { startsOn: '2027-05-10', closesOn: '2027-08-02' },
    });
    expect(real.status).toBe(409);
    expect(real.body.code).toBe('CONDITIONS_OPEN');
    expect(res.body.refusals[0].reason).toBe(real.body.detail);

    // Whatever a what-if is sent, the condition stays open: there is no change that discharges one, and the
    // gate and the decision it came from cannot be changed by a what-if either.
    for (const changes of [
      [{ conditionId: condition.id, dischargedOn: '2027-02-15' }],
      [{ gateId: 'nhse-assurance', dischargedOn: '2027-02-15' }],
      [{ gateId: 'nhse-assurance', forecastDate: '2027-02-20' }],
      [{ gateId: 'nhse-assurance', partyId: 'nhse', expectedOn: '2027-02-20' }],
    ]) {
      const refused = await ask(pid, changes);
      expect(refused.status).toBe(422);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const withOthers = await ask(pid, [
      { gateId: 'public-consultation', consultationDays: 98 },
      { election: { name: 'Imagined by-election', pollDate: '2027-06-24', periodStart: '2027-06-01' } },
    ]);
    expect(withOthers.status).toBe(200);
    expect(withOthers.body.refusals[0]).toEqual(conditionsRefusal);
    expect(await programmeFootprint(t, pid)).toEqual(before);

    // On the page, among what would be refused.
    const session = await signInWithToken(t, sro);
    const page = await t.app.inject({
      method: 'GET',
      url: `/programmes/${pid}/what-if?${new URLSearchParams({
        'forecast-public-consultation[day]': '10',
        'forecast-public-consultation[month]': '5',
        'forecast-public-consultation[year]': '2027',
      })}`,
      headers: { cookie: session.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`&quot;${text}&quot; (condition ${condition.id})`);

    // Discharged for real, it no longer refuses.
    const discharged = await t.request('POST', `/api/programmes/${pid}/conditions/${condition.id}/discharge`, {
      token: lead,
      body: { dischargedOn: '2027-02-15', evidence: 'Published on the ICB website, 15 February 2027' },
    });
    expect(discharged.status).toBe(200);
    const after = await ask(pid, [{ gateId: 'public-consultation', forecastDate: '2027-05-10' }]);
    expect(after.body.refusals.filter((r: { code: string }) => r.code === 'CONDITIONS_OPEN')).toEqual([]);
  });
});
