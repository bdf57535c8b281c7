import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { TestApp, startTestApp } from '../support/test-app';

describe('a token limited to one programme', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2015-10-27T09:00:00Z' });
  });
  afterAll(() => t.close());

  it('sees and changes only its programme, and cannot create others', async () => {
    const admin = t.adminToken;
    const mine = (await t.request('POST', '/api/programmes', { token: admin, body: BETTER_CARE_TOGETHER })).body.id;
    const other = (
      await t.request('POST', '/api/programmes', { token: admin, body: { ...BETTER_CARE_TOGETHER, name: 'Other' } })
    ).body.id;
    const scoped = await t.tokenFor('partnerships', mine);

    const list = await t.request('GET', '/api/programmes', { token: scoped });
    expect(list.body.map((p: { id: string }) => p.id)).toEqual([mine]);
    expect((await t.request('GET', `/api/programmes/${other}`, { token: scoped })).status).toBe(403);
    const created = await t.request('POST', '/api/programmes', { token: scoped, body: BETTER_CARE_TOGETHER });
    expect(created.status).toBe(403);
    expect(created.body.detail).toMatch(/limited to one programme/);
    const done = await t.request('POST', `/api/programmes/${mine}/gates/pcbc-draft/complete`, {
      token: scoped,
      body: { completedOn: '2015-09-04' },
    });
    expect(done.status).toBe(200);
  });
});
