import { DemoSeedService } from '../../src/demo/demo-seed.service';
import { TestApp, startTestApp } from '../support/test-app';

// What `npm start` shows a newcomer: the two programmes from the board papers, seeded once.

describe('demo data', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('seeds Better Care Together and the 5-year plan into an empty database, once', async () => {
    t = await startTestApp({ now: '2015-10-27T09:00:00Z' });
    expect(await t.get(DemoSeedService).seedIfEmpty()).toBe(true);
    expect(await t.get(DemoSeedService).seedIfEmpty()).toBe(false);
    const list = await t.request('GET', '/api/programmes', { token: t.adminToken });
    expect(list.body.map((p: { name: string }) => p.name)).toEqual([
      'Better Care Together',
      'LLR 5-year strategic plan 2014/15-2019/20',
    ]);
    const bct = list.body[0];
    const gate = (id: string) => bct.gates.find((g: { id: string }) => g.id === id);
    expect(gate('pcbc-draft')).toMatchObject({ status: 'complete', actualDate: '2015-09-07' });
    expect(gate('clinical-senate-review')).toMatchObject({ status: 'complete', rag: 'blue' });
    expect(gate('partner-approvals').status).toBe('open');
    expect(gate('partner-approvals').parties.filter((p: { decision?: string }) => p.decision)).toHaveLength(4);
    expect(gate('partner-approvals').rag).toBe('red'); // 26 October has passed with approvals outstanding
  });

  it('tells only as much of the story as the clock has reached', async () => {
    t = await startTestApp({ now: '2015-09-10T09:00:00Z' });
    await t.get(DemoSeedService).seedIfEmpty();
    const list = await t.request('GET', '/api/programmes', { token: t.adminToken });
    const bct = list.body.find((p: { name: string }) => p.name === 'Better Care Together');
    expect(bct.gates.find((g: { id: string }) => g.id === 'pcbc-draft').status).toBe('complete');
    expect(bct.gates.find((g: { id: string }) => g.id === 'clinical-senate-review').status).toBe('open');
  });
});
