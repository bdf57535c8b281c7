import { DataSource } from 'typeorm';
import { upgradeCallInSnapshots } from '../../src/core/database/migrations/data/call-in-region';
import { programmeBody } from '../support/programme-2027';
import { TestApp, startTestApp } from '../support/test-app';

// Call-in lives in the statechart: a region of the v3 snapshot. Programmes stored by the first v3 release,
// whose call-in was only in rows, still load, and the upgrade gives them the region in the state their rows
// say, so a programme paused by a pending call-in stays paused.

describe('the call-in region of stored v3 programmes', () => {
  let t: TestApp;
  let lead: string;
  let db: DataSource;
  const postgres = () => t.database.dialect === 'postgres';
  const p = (n: number) => (postgres() ? `$${n}` : '?');

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-02-15T09:00:00Z' });
    lead = await t.tokenFor('partnerships');
    db = t.get(DataSource);
  });
  afterAll(() => t.close());

  const create = async () => {
    const res = await t.request('POST', '/api/programmes', { token: lead, body: programmeBody() });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const snapshotOf = async (id: string) => {
    const [row] = await db.query(`SELECT snapshot FROM programme WHERE id = ${p(1)}`, [id]);
    return typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot;
  };
  /** Writes the snapshot back as the first v3 release stored it: no call-in region, no call-in in the context. */
  const asFirstRelease = async (id: string) => {
    const snapshot = await snapshotOf(id);
    delete snapshot.value.callIn;
    delete snapshot.context.callIn;
    await db.query(`UPDATE programme SET snapshot = ${postgres() ? '$1::jsonb' : '?'} WHERE id = ${p(2)}`, [
      JSON.stringify(snapshot),
      id,
    ]);
  };

  it('keeps the call-in state in the snapshot, beside the gates', async () => {
    const id = await create();
    expect((await snapshotOf(id)).value.callIn).toBe('none');
    const requested = await t.request('POST', `/api/programmes/${id}/call-in`, {
      token: lead,
      body: { requestedBy: 'A resident', requestedOn: '2027-02-12', grounds: 'Not consulted' },
    });
    expect(requested.status).toBe(201);
    const snapshot = await snapshotOf(id);
    expect(snapshot.value.callIn).toBe('requested');
    expect(snapshot.context.callIn).toEqual({ status: 'requested', since: '2027-02-12' });
    const twice = await t.request('POST', `/api/programmes/${id}/call-in`, {
      token: lead,
      body: { requestedBy: 'A resident', requestedOn: '2027-02-12', grounds: 'Again' },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('CALL_IN_PENDING');
  });

  it('loads a snapshot of the first v3 release, and the upgrade restores a pending call-in from its rows', async () => {
    const plain = await create();
    const pending = await create();
    const requested = await t.request('POST', `/api/programmes/${pending}/call-in`, {
      token: lead,
      body: { requestedBy: 'Leicester City Council', requestedOn: '2027-02-10', grounds: 'Local resolution failed' },
    });
    expect(requested.status).toBe(201);
    await asFirstRelease(plain);
    await asFirstRelease(pending);

    // Without the upgrade the engine reads the old shape as "no call-in".
    const loaded = await t.request('GET', `/api/programmes/${plain}`, { token: lead });
    expect(loaded.status).toBe(200);
    expect(loaded.body.callIn).toMatchObject({ status: 'none', paused: false });

    const runner = db.createQueryRunner();
    try {
      await upgradeCallInSnapshots(runner, postgres());
    } finally {
      await runner.release();
    }
    expect((await snapshotOf(plain)).value.callIn).toBe('none');
    expect((await snapshotOf(pending)).value.callIn).toBe('requested');
    const view = await t.request('GET', `/api/programmes/${pending}`, { token: lead });
    expect(view.body.callIn).toMatchObject({ status: 'requested', paused: true });
    const refused = await t.request('POST', `/api/programmes/${pending}/gates/pcbc-draft/complete`, {
      token: lead,
      body: { completedOn: '2027-02-12' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('requested by Leicester City Council');
    const answered = await t.request('POST', `/api/programmes/${pending}/call-in/outcome`, {
      token: lead,
      body: { outcome: 'not-called-in', decidedOn: '2027-02-15' },
    });
    expect(answered.status).toBe(200);
    expect(answered.body.callIn).toMatchObject({ status: 'not-called-in', paused: false });
  });
});
