import { TestApp, startTestApp } from '../support/test-app';
import { programmeBody, readyToConsult } from '../support/programme-2027';

// Pre-election periods as data: scheduled May polls by rule, periods an admin enters, councils recorded as
// having no polls; the guard on a consultation launch and the amber warning on a consultation running into one.

describe('elections as data', () => {
  let t: TestApp;
  let lead: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-02-15T09:00:00Z' });
    lead = await t.tokenFor('partnerships');
  });
  afterAll(() => t.close());

  it('lists the scheduled May polls without anyone entering them, with the configured periods', async () => {
    const res = await t.request('GET', '/api/elections?from=2027-01-01&to=2027-12-31', { token: lead });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        id: 'local-2027',
        name: 'Local elections 2027',
        pollDate: '2027-05-06',
        periodStart: '2027-03-31',
        periodEnd: '2027-05-06',
        scope: 'local',
        source: 'rule',
      },
    ]);
    const old = await t.request('GET', '/api/elections?from=2015-04-01&to=2015-04-30', { token: lead });
    expect(old.body.map((e: { name: string }) => e.name)).toEqual(['General election 2015', 'Local elections 2015']);
  });

  it('refuses a bad range or bad election with a problem and writes nothing', async () => {
    for (const query of ['from=2027-01-01', 'from=2027-02-30&to=2027-03-01', 'from=2027-03-01&to=2027-01-01']) {
      const res = await t.request('GET', `/api/elections?${query}`, { token: lead });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const bad = [
      [{ name: 'X', pollDate: '2027-06-10', periodStart: '2027-06-11', scope: 'national' }, 'periodStart'],
      [{ name: 'X', pollDate: '2027-13-10', periodStart: '2027-05-11', scope: 'national' }, 'pollDate'],
      [{ name: 'X', pollDate: 'soon', periodStart: '2027-05-11', scope: 'national' }, 'pollDate'],
      [
        { name: 'X', pollDate: '2027-06-10', periodStart: '2027-05-11', scope: 'local', areas: ['atlantis'] },
        'areas.0',
      ],
    ] as const;
    for (const [body, field] of bad) {
      const res = await t.request('POST', '/api/elections', { token: t.adminToken, body });
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const unknown = await t.request('POST', '/api/elections/no-polls', {
      token: t.adminToken,
      body: { year: 2027, councils: ['atlantis'] },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: 'councils.0', message: "unknown council 'atlantis'" }]);
    const created = await t.request('POST', '/api/programmes', {
      token: lead,
      body: programmeBody({ councils: ['atlantis'] }),
    });
    expect(created.status).toBe(422);
    const after = await t.request('GET', '/api/elections?from=2027-01-01&to=2027-12-31', { token: lead });
    expect(after.body).toHaveLength(1);
    expect((await t.request('GET', '/api/programmes', { token: lead })).body).toHaveLength(0);
    expect((await t.request('POST', '/api/elections', { token: lead, body: bad[0][0] })).status).toBe(403);
  });

  it('adds a general election entered by an admin and applies it to every programme', async () => {
    const res = await t.request('POST', '/api/elections', {
      token: t.adminToken,
      body: { name: 'General election 2029', pollDate: '2029-05-03', periodStart: '2029-03-26', scope: 'national' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ periodEnd: '2029-05-04', scope: 'national', source: 'entered' });
    const listed = await t.request('GET', '/api/elections?from=2029-01-01&to=2029-12-31', { token: lead });
    expect(listed.body.map((e: { name: string }) => e.name)).toEqual(['General election 2029', 'Local elections 2029']);
  });

  it('refuses a launch inside the May period naming the election and the first working day after it, until the councils have no polls', async () => {
    const created = await t.request('POST', '/api/programmes', { token: lead, body: programmeBody() });
    expect(created.status).toBe(201);
    expect(created.body.councils).toEqual(['leicester-city-council']);
    const id = created.body.id;
    await readyToConsult(t, lead, id);
    const launch = { startsOn: '2027-04-12', closesOn: '2027-07-05' };
    const refused = await t.request('POST', `/api/programmes/${id}/gates/public-consultation/start`, {
      token: lead,
      body: launch,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain("'Local elections 2027' (2027-03-31 to 2027-05-06)");
    expect(refused.body.detail).toContain('the first working day after it is 2027-05-07');

    const recorded = await t.request('POST', '/api/elections/no-polls', {
      token: t.adminToken,
      body: { year: 2027, councils: ['leicester-city-council'] },
    });
    expect(recorded.status).toBe(201);
    const councils = await t.request('GET', '/api/elections/councils', { token: lead });
    expect(councils.body.find((c: { id: string }) => c.id === 'leicester-city-council').noPollsIn).toEqual([2027]);
    const allowed = await t.request('POST', `/api/programmes/${id}/gates/public-consultation/start`, {
      token: lead,
      body: launch,
    });
    expect(allowed.status).toBe(200);
    const consultation = allowed.body.gates.find((g: { id: string }) => g.id === 'public-consultation');
    expect(consultation.status).toBe('running');
    expect(consultation.preElectionOverlap).toBeUndefined();
  });

  it('turns a running consultation amber when it runs into a period, with the overlap and the extension', async () => {
    const created = await t.request('POST', '/api/programmes', {
      token: lead,
      body: programmeBody({ councils: ['rutland-county-council'] }),
    });
    const id = created.body.id;
    await readyToConsult(t, lead, id);
    const started = await t.request('POST', `/api/programmes/${id}/gates/public-consultation/start`, {
      token: lead,
      body: { startsOn: '2027-02-15', closesOn: '2027-05-10' },
    });
    expect(started.status).toBe(200);
    const gate = started.body.gates.find((g: { id: string }) => g.id === 'public-consultation');
    expect(gate.rag).toBe('amber');
    expect(gate.preElectionOverlap).toEqual([
      expect.objectContaining({ name: 'Local elections 2027', workingDays: 26, suggestedClosesOn: '2027-06-16' }),
    ]);
    expect(gate.ragReason).toContain('26 working days into the pre-election period of Local elections 2027');
    // Recording that Rutland holds no polls in 2027 clears the warning.
    await t.request('POST', '/api/elections/no-polls', {
      token: t.adminToken,
      body: { year: 2027, councils: ['rutland-county-council'] },
    });
    const after = await t.request('GET', `/api/programmes/${id}`, { token: lead });
    expect(after.body.gates.find((g: { id: string }) => g.id === 'public-consultation').rag).toBe('green');
  });

  it('changes the councils a programme touches, audited', async () => {
    const created = await t.request('POST', '/api/programmes', { token: lead, body: programmeBody() });
    const id = created.body.id;
    const res = await t.request('PUT', `/api/programmes/${id}/councils`, {
      token: lead,
      body: { councils: ['leicestershire-county-council', 'rutland-county-council'] },
    });
    expect(res.status).toBe(200);
    expect(res.body.councils).toEqual(['leicestershire-county-council', 'rutland-county-council']);
    const bad = await t.request('PUT', `/api/programmes/${id}/councils`, { token: lead, body: { councils: ['x'] } });
    expect(bad.status).toBe(422);
    const audit = await t.request('GET', `/api/programmes/${id}/audit`, { token: lead });
    expect(audit.body.filter((a: { action: string }) => a.action === 'programme.councils-set')).toHaveLength(1);
  });
});
