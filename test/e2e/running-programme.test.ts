import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { TokenService } from '../../src/auth/token.service';
import { UnitOfWork } from '../../src/core/database/unit-of-work';
import { TestApp, startTestApp } from '../support/test-app';

// Running a programme after it was set up, through the API: a gate's owner, a party that
// joins late, one that withdraws, and "my gates". Every refusal writes nothing.

// Starting an application on a fresh database (PostgreSQL migrations included) can take longer than
// the default five seconds on a busy machine.
jest.setTimeout(60_000);

describe('running a programme through the API', () => {
  let t: TestApp;
  let lead: string;
  const HELEN = { name: 'Helen Seth', email: 'helen.seth@example.nhs.uk' };
  const RAVI = { name: 'Ravi Patel', email: 'Ravi.Patel@example.nhs.uk' };

  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-27T09:00:00Z' });
    lead = await t.tokenFor('partnerships');
  });
  afterAll(() => t.close());

  async function newProgramme(): Promise<string> {
    const created = await t.request('POST', '/api/programmes', { token: lead, body: BETTER_CARE_TOGETHER });
    expect(created.status).toBe(201);
    for (const [gateId, completedOn] of [
      ['pcbc-draft', '2015-09-07'],
      ['clinical-senate-review', '2015-10-05'],
    ]) {
      const done = await t.request('POST', `/api/programmes/${created.body.id}/gates/${gateId}/complete`, {
        token: lead,
        body: { completedOn },
      });
      expect(done.status).toBe(200);
    }
    return created.body.id;
  }
  const programme = async (id: string) => (await t.request('GET', `/api/programmes/${id}`, { token: lead })).body;
  const auditOf = async (id: string) =>
    (await t.request('GET', `/api/programmes/${id}/audit`, { token: lead })).body as Array<{
      action: string;
      actor: string;
      gateId?: string;
      detail: Record<string, unknown>;
    }>;
  const gate = (view: { gates: Array<{ id: string }> }, id: string) =>
    view.gates.find((g) => g.id === id) as unknown as Record<string, unknown> & {
      owner: { name: string; email: string } | null;
      parties?: Array<{ id: string; name: string; decision?: string }>;
      withdrawnParties?: Array<{ id: string; name: string; withdrawnOn: string; reason: string }>;
      status: string;
      actualDate: string | null;
    };

  describe('a gate owner', () => {
    it('is changed, answered with the programme, and audited with who changed it', async () => {
      const id = await newProgramme();
      const res = await t.request('PUT', `/api/programmes/${id}/gates/nhse-assurance/owner`, {
        token: lead,
        body: RAVI,
      });
      expect(res.status).toBe(200);
      expect(gate(res.body, 'nhse-assurance').owner).toEqual({
        name: 'Ravi Patel',
        email: 'ravi.patel@example.nhs.uk',
      });
      expect(gate(await programme(id), 'nhse-assurance').owner).toEqual({
        name: 'Ravi Patel',
        email: 'ravi.patel@example.nhs.uk',
      });
      const entry = (await auditOf(id)).at(-1)!;
      expect(entry).toMatchObject({
        action: 'gate.owner-changed',
        gateId: 'nhse-assurance',
        detail: { before: HELEN, after: { name: 'Ravi Patel', email: 'ravi.patel@example.nhs.uk' } },
      });
      expect(entry.actor).toMatch(/^Test partnerships /);
    });

    it('refuses bad input, an unknown gate and a role that may not, writing nothing', async () => {
      const id = await newProgramme();
      const before = (await programme(id)).revision;
      const bad = await t.request('PUT', `/api/programmes/${id}/gates/nhse-assurance/owner`, {
        token: lead,
        body: { name: '', email: 'not-an-address' },
      });
      expect(bad.status).toBe(422);
      expect(bad.headers['content-type']).toMatch(/problem\+json/);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name']);
      const unknown = await t.request('PUT', `/api/programmes/${id}/gates/no-such-gate/owner`, {
        token: lead,
        body: RAVI,
      });
      expect(unknown.status).toBe(404);
      const owner = (await t.get(TokenService).create({ ...HELEN, role: 'owner' })).token;
      const refused = await t.request('PUT', `/api/programmes/${id}/gates/nhse-assurance/owner`, {
        token: owner,
        body: RAVI,
      });
      expect(refused.status).toBe(403);
      const after = await programme(id);
      expect(after.revision).toBe(before);
      expect(gate(after, 'nhse-assurance').owner).toEqual(HELEN);
      expect((await auditOf(id)).filter((e) => e.action === 'gate.owner-changed')).toEqual([]);
    });

    it('lets the new owner act on the gate, and no longer the old one', async () => {
      const id = await newProgramme();
      const helen = (await t.get(TokenService).create({ ...HELEN, role: 'owner' })).token;
      const ravi = (await t.get(TokenService).create({ ...RAVI, role: 'owner' })).token;
      const body = { forecastDate: '2015-11-16', reason: 'Board papers late' };
      await t.request('PUT', `/api/programmes/${id}/gates/nhse-assurance/owner`, { token: lead, body: RAVI });
      const old = await t.request('PATCH', `/api/programmes/${id}/gates/nhse-assurance`, { token: helen, body });
      expect(old.status).toBe(403);
      const now = await t.request('PATCH', `/api/programmes/${id}/gates/nhse-assurance`, { token: ravi, body });
      expect(now.status).toBe(200);
    });
  });

  describe('parties after creation', () => {
    it('adds a board that joins late; the gate then waits for it too', async () => {
      const id = await newProgramme();
      const res = await t.request('POST', `/api/programmes/${id}/gates/partner-approvals/parties`, {
        token: lead,
        body: { id: 'healthwatch-leicester', name: 'Healthwatch Leicester' },
      });
      expect(res.status).toBe(201);
      const parties = gate(res.body, 'partner-approvals').parties!;
      expect(parties).toHaveLength(9);
      expect(parties.at(-1)).toEqual({ id: 'healthwatch-leicester', name: 'Healthwatch Leicester' });
      expect((await auditOf(id)).at(-1)).toMatchObject({
        action: 'party.added',
        gateId: 'partner-approvals',
        detail: { partyId: 'healthwatch-leicester', partyName: 'Healthwatch Leicester' },
      });
      const decided = await t.request('POST', `/api/programmes/${id}/gates/partner-approvals/decisions`, {
        token: lead,
        body: { partyId: 'healthwatch-leicester', decision: 'approved', decidedOn: '2015-10-20' },
      });
      expect(decided.status).toBe(201);
    });

    it('refuses a party twice, a task gate, a bad id, and a complete gate, writing nothing', async () => {
      const id = await newProgramme();
      const before = (await programme(id)).revision;
      const url = (g: string) => `/api/programmes/${id}/gates/${g}/parties`;
      const twice = await t.request('POST', url('partner-approvals'), {
        token: lead,
        body: { id: 'leicester-city-ccg', name: 'Leicester City CCG' },
      });
      expect(twice.status).toBe(409);
      expect(twice.body.detail).toMatch(/already a party/);
      const task = await t.request('POST', url('pcbc-draft'), { token: lead, body: { id: 'x', name: 'X' } });
      expect([409, 422]).toContain(task.status);
      const bad = await t.request('POST', url('partner-approvals'), {
        token: lead,
        body: { id: 'Not A Slug', name: 'X', extra: true },
      });
      expect(bad.status).toBe(422);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['id']));
      const complete = await t.request('POST', url('pcbc-draft'), { token: lead, body: { id: 'y', name: 'Y' } });
      expect(complete.status).toBeGreaterThanOrEqual(409);
      expect((await programme(id)).revision).toBe(before);
      expect(gate(await programme(id), 'partner-approvals').parties).toHaveLength(8);
    });

    it('withdraws a party with a reason; the matrix keeps it apart and the gate completes without it', async () => {
      const id = await newProgramme();
      const added = await t.request('POST', `/api/programmes/${id}/gates/partner-approvals/parties`, {
        token: lead,
        body: { id: 'healthwatch-leicester', name: 'Healthwatch Leicester' },
      });
      expect(added.status).toBe(201);
      for (const p of BETTER_CARE_TOGETHER.gates['partner-approvals']!.parties!) {
        const res = await t.request('POST', `/api/programmes/${id}/gates/partner-approvals/decisions`, {
          token: lead,
          body: { partyId: p.id, decision: 'approved', decidedOn: '2015-10-22' },
        });
        expect(res.status).toBe(201);
      }
      expect(gate(await programme(id), 'partner-approvals').status).toBe('open');

      const noReason = await t.request(
        'POST',
        `/api/programmes/${id}/gates/partner-approvals/parties/healthwatch-leicester/withdraw`,
        { token: lead, body: {} },
      );
      expect(noReason.status).toBe(422);
      expect(noReason.body.errors[0].field).toBe('reason');

      const res = await t.request(
        'POST',
        `/api/programmes/${id}/gates/partner-approvals/parties/healthwatch-leicester/withdraw`,
        { token: lead, body: { reason: 'Healthwatch advises; it does not approve' } },
      );
      expect(res.status).toBe(200);
      const g = gate(res.body, 'partner-approvals');
      expect(g.parties!.map((p) => p.id)).not.toContain('healthwatch-leicester');
      expect(g.withdrawnParties).toEqual([
        {
          id: 'healthwatch-leicester',
          name: 'Healthwatch Leicester',
          withdrawnOn: '2015-10-27',
          reason: 'Healthwatch advises; it does not approve',
        },
      ]);
      expect(g.status).toBe('complete');
      expect(g.actualDate).toBe('2015-10-22');
      expect((await auditOf(id)).find((e) => e.action === 'party.withdrawn')).toMatchObject({
        gateId: 'partner-approvals',
        detail: { partyId: 'healthwatch-leicester', reason: 'Healthwatch advises; it does not approve' },
      });
      const again = await t.request(
        'POST',
        `/api/programmes/${id}/gates/partner-approvals/parties/healthwatch-leicester/withdraw`,
        { token: lead, body: { reason: 'twice' } },
      );
      expect(again.status).toBe(409);
    });

    it('keeps a party that has decided, and a party that was never asked is not found', async () => {
      const id = await newProgramme();
      await t.request('POST', `/api/programmes/${id}/gates/partner-approvals/decisions`, {
        token: lead,
        body: { partyId: 'leicester-city-ccg', decision: 'deferred', decidedOn: '2015-10-13' },
      });
      const before = (await programme(id)).revision;
      const decided = await t.request(
        'POST',
        `/api/programmes/${id}/gates/partner-approvals/parties/leicester-city-ccg/withdraw`,
        { token: lead, body: { reason: 'Trying to drop a board that deferred' } },
      );
      expect(decided.status).toBe(409);
      expect(decided.body.detail).toMatch(/Leicester City CCG cannot be removed/);
      const unknown = await t.request('POST', `/api/programmes/${id}/gates/partner-approvals/parties/nobody/withdraw`, {
        token: lead,
        body: { reason: 'not there' },
      });
      expect(unknown.status).toBe(404);
      expect((await programme(id)).revision).toBe(before);
    });

    it('asks a party that withdrew again when it is added back', async () => {
      const id = await newProgramme();
      const url = `/api/programmes/${id}/gates/partner-approvals`;
      await t.request('POST', `${url}/parties`, { token: lead, body: { id: 'healthwatch', name: 'Healthwatch' } });
      await t.request('POST', `${url}/parties/healthwatch/withdraw`, { token: lead, body: { reason: 'Not needed' } });
      const back = await t.request('POST', `${url}/parties`, {
        token: lead,
        body: { id: 'healthwatch', name: 'Healthwatch Leicester' },
      });
      expect(back.status).toBe(201);
      const g = gate(back.body, 'partner-approvals');
      expect(g.parties!.at(-1)).toEqual({ id: 'healthwatch', name: 'Healthwatch Leicester' });
      expect(g.withdrawnParties).toBeUndefined();
    });
  });

  describe('my gates', () => {
    it('lists the gates the caller owns across programmes, soonest due first, within their scope', async () => {
      const owner = { name: 'Mina Owner', email: 'mina.owner@example.nhs.uk' };
      const a = await newProgramme();
      const b = await newProgramme();
      await t.request('PUT', `/api/programmes/${a}/gates/public-consultation/owner`, { token: lead, body: owner });
      await t.request('PUT', `/api/programmes/${b}/gates/nhse-assurance/owner`, { token: lead, body: owner });
      await t.request('PUT', `/api/programmes/${b}/gates/pcbc-draft/owner`, { token: lead, body: owner });
      const token = (await t.get(TokenService).create({ ...owner, role: 'owner' })).token;
      const res = await t.request('GET', '/api/me/gates', { token });
      expect(res.status).toBe(200);
      expect(res.body.map((g: { programmeId: string; gateId: string }) => `${g.programmeId}/${g.gateId}`)).toEqual([
        `${b}/nhse-assurance`,
        `${a}/public-consultation`,
        `${b}/pcbc-draft`,
      ]);
      expect(res.body[0]).toMatchObject({
        programmeName: 'Better Care Together',
        title: expect.any(String),
        status: 'not-started',
        rag: expect.stringMatching(/^(green|amber|red)$/),
        forecastDate: expect.stringMatching(/^2015-11-/),
      });
      expect(res.body[2]).toMatchObject({ status: 'complete', rag: 'blue' });

      const scoped = (await t.get(TokenService).create({ ...owner, role: 'owner', programmeId: a })).token;
      const mine = await t.request('GET', '/api/me/gates', { token: scoped });
      expect(mine.body.map((g: { programmeId: string }) => g.programmeId)).toEqual([a]);
      const nobody = await t.request('GET', '/api/me/gates', { token: lead });
      expect(nobody.body).toEqual([]);
      expect((await t.request('GET', '/api/me/gates')).status).toBe(401);
    });
  });

  describe('tokens', () => {
    it('refuses an admin token limited to one programme, and creates nothing', async () => {
      const id = await newProgramme();
      const before = (await t.request('GET', '/api/admin/tokens', { token: t.adminToken })).body.length;
      const res = await t.request('POST', '/api/admin/tokens', {
        token: t.adminToken,
        body: { name: 'Scoped Admin', email: 'scoped.admin@example.nhs.uk', role: 'admin', programmeId: id },
      });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ field: 'programmeId', message: expect.stringMatching(/admin token/) }]);
      expect((await t.request('GET', '/api/admin/tokens', { token: t.adminToken })).body).toHaveLength(before);
    });

    it('records when a token was last used, at most once a minute', async () => {
      const created = await t.get(TokenService).create({
        name: 'Usage Viewer',
        email: 'usage.viewer@example.nhs.uk',
        role: 'viewer',
      });
      const lastUsed = async (expected?: string) => {
        // The write is queued off the request's path: let the writer drain (SQLite runs writes in
        // order), then, on PostgreSQL where they run side by side, look again a few times.
        await t.get(UnitOfWork).run(async () => undefined);
        for (let tries = 0; expected && tries < 50 && (await read()) !== expected; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return read();
      };
      const read = async () => {
        const list = (await t.request('GET', '/api/admin/tokens', { token: t.adminToken })).body as Array<{
          id: string;
          lastUsedAt: string | null;
          createdAt: string;
        }>;
        return list.find((x) => x.id === created.id)!.lastUsedAt;
      };
      expect(await lastUsed()).toBeNull();
      t.setNow('2015-10-27T10:00:00Z');
      await t.request('GET', '/api/programmes', { token: created.token });
      expect(await lastUsed('2015-10-27T10:00:00.000Z')).toBe('2015-10-27T10:00:00.000Z');
      t.setNow('2015-10-27T10:00:40Z');
      await t.request('GET', '/api/programmes', { token: created.token });
      expect(await lastUsed()).toBe('2015-10-27T10:00:00.000Z');
      t.setNow('2015-10-27T10:01:05Z');
      await t.request('GET', '/api/programmes', { token: created.token });
      expect(await lastUsed('2015-10-27T10:01:05.000Z')).toBe('2015-10-27T10:01:05.000Z');
      t.setNow('2015-10-27T09:00:00Z');
    });
  });
});
