import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { TokenService } from '../../src/auth/token.service';
import { TestApp, startTestApp } from '../support/test-app';
import { FORM, PageSession, signInWithToken } from '../support/web-session';

// The pages that set a programme up and run it, over HTTP: each form's success (a 303 to the
// programme with a confirmation), its errors (422 with the NHS error summary, what was typed
// kept, nothing written), refusals from the workflow on the field they concern, and role
// checks. The browser suite walks the same pages in Chromium with axe.

// Starting an application on a fresh database (PostgreSQL migrations included) can take longer than
// the default five seconds on a busy machine.
jest.setTimeout(60_000);

describe('setting up and running a programme from the pages', () => {
  let t: TestApp;
  const sessions: Record<string, PageSession> = {};
  let lead: string;

  const get = (url: string, who: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: sessions[who].cookie } });
  const post = (url: string, who: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: sessions[who].cookie, ...FORM },
      payload: new URLSearchParams({ _csrf: sessions[who].csrfToken, ...fields }).toString(),
    });
  const date = (name: string, iso: string) => {
    const [year, month, day] = iso.split('-');
    return { [`${name}[day]`]: day, [`${name}[month]`]: month, [`${name}[year]`]: year };
  };
  const programme = async (id: string) => (await t.request('GET', `/api/programmes/${id}`, { token: lead })).body;
  const audit = async (id: string) =>
    (await t.request('GET', `/api/programmes/${id}/audit`, { token: lead })).body as Array<{
      action: string;
      actor: string;
    }>;

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-27T09:00:00Z' });
    lead = await t.tokenFor('partnerships');
    const tokens = t.get(TokenService);
    const helen = await tokens.create({ name: 'Helen Seth', email: 'helen.seth@example.nhs.uk', role: 'partnerships' });
    const owner = await tokens.create({
      name: 'BCT Engagement',
      email: 'bct.engagement@example.nhs.uk',
      role: 'owner',
    });
    sessions.lead = await signInWithToken(t, helen.token);
    sessions.owner = await signInWithToken(t, owner.token);
    sessions.viewer = await signInWithToken(t, await t.tokenFor('viewer'));
    sessions.admin = await signInWithToken(t, t.adminToken);
  });
  afterAll(() => t.close());

  async function apiProgramme(version = 1): Promise<string> {
    const created = await t.request('POST', '/api/programmes', {
      token: lead,
      body: { ...BETTER_CARE_TOGETHER, workflowVersion: version },
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  describe('new programme', () => {
    const URL = '/programmes/new?workflow=nhs-service-change&version=1';

    it('offers every released workflow version, then the gates of the one chosen', async () => {
      const choose = await get('/programmes/new', 'lead');
      expect(choose.statusCode).toBe(200);
      expect(choose.body).toContain('value="nhs-service-change@1"');
      expect(choose.body).toContain('value="plan-submission@1"');
      const next = await post('/programmes/new/workflow', 'lead', { workflow: 'nhs-service-change@1' });
      expect(next.statusCode).toBe(303);
      expect(next.headers.location).toBe(URL);
      const form = await get(URL, 'lead');
      expect(form.body).toContain('Partner board approvals');
      expect(form.body).toContain('name="partner-approvals.party.0.name"');
      expect(form.body).not.toContain('name="pcbc-draft.party.0.name"');
      expect((await post('/programmes/new/workflow', 'lead', {})).statusCode).toBe(422);
    });

    it('adds and removes party rows without JavaScript, keeping what was typed', async () => {
      const added = await post(URL, 'lead', {
        name: 'Typed name',
        'partner-approvals.rows': '1',
        'partner-approvals.party.0.name': 'Leicester City CCG',
        action: 'add:partner-approvals',
      });
      expect(added.statusCode).toBe(200);
      expect(added.body).toContain('value="Typed name"');
      expect(added.body).toContain('value="Leicester City CCG"');
      expect(added.body).toContain('name="partner-approvals.party.1.name"');
      const removed = await post(URL, 'lead', {
        'partner-approvals.rows': '2',
        'partner-approvals.party.0.name': 'Leicester City CCG',
        'partner-approvals.party.1.name': 'Rutland County Council',
        action: 'remove:partner-approvals:0',
      });
      expect(removed.body).not.toContain('value="Leicester City CCG"');
      expect(removed.body).toContain('value="Rutland County Council"');
      expect(removed.body).not.toContain('There is a problem');
    });

    it('shows every error the NHS way and creates nothing', async () => {
      const before = (await t.request('GET', '/api/programmes', { token: lead })).body.length;
      const res = await post(URL, 'lead', {
        name: '',
        sroName: 'Kate Shields',
        sroEmail: 'not-an-email',
        ...date('partner-approvals.target', '2015-02-30'),
        'partner-approvals.ownerName': 'Helen Seth',
        'partner-approvals.rows': '2',
        'partner-approvals.party.0.name': 'Leicester City CCG',
        'partner-approvals.party.1.name': 'Leicester City CCG',
        action: 'create',
      });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('There is a problem');
      expect(res.body).toContain('href="#name"');
      expect(res.body).toContain('href="#sroEmail"');
      expect(res.body).toContain('href="#gate-partner-approvals-target-day"');
      expect(res.body).toContain('href="#gate-partner-approvals-ownerEmail"');
      expect(res.body).toContain('href="#gate-partner-approvals-party-1-id"');
      expect(res.body).toContain('value="Kate Shields"');
      expect((await t.request('GET', '/api/programmes', { token: lead })).body).toHaveLength(before);
    });

    it('creates the programme the API would, audited as the person, and confirms it', async () => {
      const res = await post(URL, 'lead', {
        name: 'Page programme',
        sroName: 'Kate Shields',
        sroEmail: 'kate.shields@example.nhs.uk',
        ...date('partner-approvals.target', '2015-11-26'),
        'partner-approvals.ownerName': 'Helen Seth',
        'partner-approvals.ownerEmail': 'helen.seth@example.nhs.uk',
        'partner-approvals.rows': '2',
        'partner-approvals.party.0.name': 'Leicester City CCG',
        'partner-approvals.party.1.name': 'University Hospitals of Leicester NHS Trust',
        'partner-approvals.party.1.id': 'university-hospitals-of-leicester',
        action: 'create',
      });
      expect(res.statusCode).toBe(303);
      const id = /\/programmes\/([^?]+)\?changed=created/.exec(res.headers.location as string)![1];
      const view = await programme(id);
      expect(view.workflow).toMatchObject({ id: 'nhs-service-change', version: 1 });
      const gate = view.gates.find((g: { id: string }) => g.id === 'partner-approvals');
      expect(gate).toMatchObject({
        baselineDate: '2015-11-26',
        owner: { name: 'Helen Seth', email: 'helen.seth@example.nhs.uk' },
        parties: [
          { id: 'leicester-city-ccg', name: 'Leicester City CCG' },
          { id: 'university-hospitals-of-leicester', name: 'University Hospitals of Leicester NHS Trust' },
        ],
      });
      expect((await audit(id))[0]).toMatchObject({
        action: 'programme.created',
        actor: 'Helen Seth <helen.seth@example.nhs.uk>',
      });
      const page = await get(res.headers.location as string, 'lead');
      expect(page.body).toContain('Programme set up');
    });

    it('is not offered to a viewer or an owner', async () => {
      expect((await get('/programmes/new', 'viewer')).statusCode).toBe(403);
      expect((await post(URL, 'owner', { name: 'x', action: 'create' })).statusCode).toBe(403);
    });
  });

  describe('owner and parties', () => {
    it('changes an owner, confirms it, and keeps what was typed on error', async () => {
      const id = await apiProgramme();
      const url = `/programmes/${id}/gates/nhse-assurance/owner`;
      expect((await get(url, 'lead')).body).toContain('Owned now by Helen Seth');
      const bad = await post(url, 'lead', { name: 'Ravi Patel', email: 'ravi' });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('href="#email"');
      expect(bad.body).toContain('value="Ravi Patel"');
      const ok = await post(url, 'lead', { name: 'Ravi Patel', email: 'ravi.patel@example.nhs.uk' });
      expect(ok.statusCode).toBe(303);
      expect((await get(ok.headers.location as string, 'lead')).body).toContain('Ravi Patel now owns NHS England');
      expect((await audit(id)).at(-1)).toMatchObject({
        action: 'gate.owner-changed',
        actor: 'Helen Seth <helen.seth@example.nhs.uk>',
      });
      expect((await get(url, 'viewer')).statusCode).toBe(403);
    });

    it('adds a party, withdraws it with a reason, and the approvals matrix shows it withdrawn', async () => {
      const id = await apiProgramme();
      const url = `/programmes/${id}/gates/partner-approvals/parties`;
      const added = await post(url, 'lead', { name: 'Healthwatch Leicester' });
      expect(added.statusCode).toBe(303);
      expect((await get(added.headers.location as string, 'lead')).body).toContain('Healthwatch Leicester now decides');
      const twice = await post(url, 'lead', { name: 'Healthwatch Leicester' });
      expect(twice.statusCode).toBe(409);
      expect(twice.body).toContain('href="#name"');
      expect(twice.body).toContain('already a party');
      const noReason = await post(`${url}/healthwatch-leicester/withdraw`, 'lead', { reason: '' });
      expect(noReason.statusCode).toBe(422);
      const withdrawn = await post(`${url}/healthwatch-leicester/withdraw`, 'lead', { reason: 'Advises only' });
      expect(withdrawn.statusCode).toBe(303);
      const page = await get(withdrawn.headers.location as string, 'lead');
      expect(page.body).toContain('Party withdrawn');
      expect(page.body).toMatch(/Withdrawn<\/strong>[\s\S]*Advises only/);
      expect((await audit(id)).map((e) => e.action)).toEqual(
        expect.arrayContaining(['party.added', 'party.withdrawn']),
      );
    });
  });

  describe('consultation and evidence', () => {
    async function readyForConsultation(): Promise<string> {
      const id = await apiProgramme(2);
      const steps: Array<[string, string, Record<string, unknown>]> = [
        ['pcbc-draft', 'complete', { completedOn: '2015-09-07' }],
        ['clinical-senate-review', 'complete', { completedOn: '2015-10-05' }],
      ];
      for (const [gateId, what, body] of steps) {
        expect(
          (await t.request('POST', `/api/programmes/${id}/gates/${gateId}/${what}`, { token: lead, body })).status,
        ).toBe(200);
      }
      for (const gateId of ['partner-approvals', 'nhse-assurance']) {
        const view = await programme(id);
        for (const p of view.gates.find((g: { id: string }) => g.id === gateId).parties) {
          const res = await t.request('POST', `/api/programmes/${id}/gates/${gateId}/decisions`, {
            token: lead,
            body: { partyId: p.id, decision: 'approved', decidedOn: '2015-10-20' },
          });
          expect(res.status).toBe(201);
        }
      }
      return id;
    }

    it('refuses a launch before the gate opens, on the start date, with the workflow’s reason', async () => {
      const id = await apiProgramme(2);
      const res = await post(`/programmes/${id}/gates/public-consultation/start`, 'owner', {
        ...date('startsOn', '2015-10-26'),
        ...date('closesOn', '2016-01-18'),
      });
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('href="#startsOn-day"');
      expect(res.body).toMatch(/is not open yet: it waits for/);
    });

    it('needs a reason for a short consultation, then shows it as a warning', async () => {
      const id = await readyForConsultation();
      const url = `/programmes/${id}/gates/public-consultation/start`;
      const form = await get(url, 'owner');
      expect(form.statusCode).toBe(200);
      const short = { ...date('startsOn', '2015-10-26'), ...date('closesOn', '2015-12-21') };
      const refused = await post(url, 'owner', short);
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain('href="#justification"');
      expect(refused.body).toContain('Shorter than usual');
      const ok = await post(url, 'owner', { ...short, justification: 'Winter pressures agreed with the council' });
      expect(ok.statusCode).toBe(303);
      const page = await get(ok.headers.location as string, 'owner');
      expect(page.body).toContain('Consultation started');
      expect(page.body).toContain('shorter than 12 weeks');
      expect(page.body).toContain('Winter pressures agreed with the council');
    });

    it('records evidence with a reference or link and shows what is still missing', async () => {
      const id = await apiProgramme(2);
      const url = `/programmes/${id}/gates/decision-making-business-case/evidence`;
      const form = await get(url, 'lead');
      expect(form.body).toContain('Still missing');
      const none = await post(url, 'lead', {
        itemId: 'equality-impact-assessment',
        ...date('recordedOn', '2015-10-14'),
      });
      expect(none.statusCode).toBe(422);
      expect(none.body).toContain('Enter a reference or a link');
      const badLink = await post(url, 'lead', {
        itemId: 'equality-impact-assessment',
        ...date('recordedOn', '2015-10-14'),
        link: 'javascript:alert(1)',
      });
      expect(badLink.statusCode).toBe(422);
      const ok = await post(url, 'lead', {
        itemId: 'equality-impact-assessment',
        ...date('recordedOn', '2015-10-14'),
        reference: 'EIA v3',
        link: 'https://example.nhs.uk/eia-v3.pdf',
      });
      expect(ok.statusCode).toBe(303);
      const view = await programme(id);
      const item = view.gates
        .find((g: { id: string }) => g.id === 'decision-making-business-case')
        .evidence.find((i: { id: string }) => i.id === 'equality-impact-assessment');
      expect(item).toMatchObject({
        recordedOn: '2015-10-14',
        reference: 'EIA v3',
        link: 'https://example.nhs.uk/eia-v3.pdf',
      });
      expect((await get(url, 'lead')).body).toContain('EIA v3');
    });
  });

  describe('newer workflow version', () => {
    it('previews the move, then makes it on confirmation', async () => {
      const id = await apiProgramme(1);
      const preview = await get(`/programmes/${id}/migrate`, 'lead');
      expect(preview.statusCode).toBe(200);
      expect(preview.body).toContain('Stage 1 strategic sense check');
      expect(preview.body).toContain('target 26 Oct 2015');
      expect((await programme(id)).workflow.version).toBe(1);
      const moved = await post(`/programmes/${id}/migrate`, 'lead', { toVersion: '2' });
      expect(moved.statusCode).toBe(303);
      expect((await programme(id)).workflow.version).toBe(2);
      expect((await get(moved.headers.location as string, 'lead')).body).toContain('Workflow version changed');
      // Version 3 (the 2024 regime) is newer still: offered next, and after it nothing is.
      expect((await get(`/programmes/${id}/migrate`, 'lead')).body).toContain('Secretary of State');
      expect((await post(`/programmes/${id}/migrate`, 'lead', { toVersion: '3' })).statusCode).toBe(303);
      expect((await programme(id)).workflow.version).toBe(3);
      expect((await get(`/programmes/${id}/migrate`, 'lead')).body).toContain('already follows the newest version');
    });
  });

  describe('my gates and people', () => {
    it('lists my gates with a link to each', async () => {
      await apiProgramme();
      const res = await get('/my-gates', 'owner');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Public consultation');
      expect(res.body).toMatch(/href="\/programmes\/[^"#]+#gate-public-consultation"/);
    });

    it('lets an admin create a token, shown once, and revoke it; refuses a scoped admin', async () => {
      const id = await apiProgramme();
      const page = await get('/admin/people', 'admin');
      expect(page.statusCode).toBe(200);
      const created = await post('/admin/people', 'admin', {
        name: 'Nia Board',
        email: 'nia.board@example.nhs.uk',
        role: 'viewer',
        programmeId: id,
      });
      expect(created.statusCode).toBe(201);
      const token = /id="new-token">([^<]+)</.exec(created.body)![1];
      expect((await t.request('GET', `/api/programmes/${id}`, { token })).status).toBe(200);
      expect((await get('/admin/people', 'admin')).body).not.toContain(token);
      const scoped = await post('/admin/people', 'admin', {
        name: 'Scoped Admin',
        email: 'scoped.admin@example.nhs.uk',
        role: 'admin',
        programmeId: id,
      });
      expect(scoped.statusCode).toBe(422);
      expect(scoped.body).toContain('href="#programmeId"');
      const list = (await t.request('GET', '/api/admin/tokens', { token: t.adminToken })).body as Array<{
        id: string;
        email: string;
      }>;
      expect(list.some((x) => x.email === 'scoped.admin@example.nhs.uk')).toBe(false);
      const nia = list.find((x) => x.email === 'nia.board@example.nhs.uk')!;
      const revoked = await post(`/admin/people/tokens/${nia.id}/revoke`, 'admin', {});
      expect(revoked.statusCode).toBe(303);
      expect((await t.request('GET', `/api/programmes/${id}`, { token })).status).toBe(401);
      expect((await get('/admin/people', 'lead')).statusCode).toBe(403);
    });
  });
});
