import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { TestApp } from './test-app';

/**
 * Better Care Together created through the API with its PCBC and senate review complete, so
 * that its partner approvals are open for decisions; the programme's id.
 */
export async function betterCareAtPartnerApprovals(
  t: TestApp,
  token: string,
  completed = { 'pcbc-draft': '2015-09-04', 'clinical-senate-review': '2015-10-05' },
): Promise<string> {
  const created = await t.request('POST', '/api/programmes', { token, body: BETTER_CARE_TOGETHER });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  for (const [gateId, completedOn] of Object.entries(completed)) {
    const res = await t.request('POST', `/api/programmes/${id}/gates/${gateId}/complete`, {
      token,
      body: { completedOn },
    });
    expect(res.status).toBe(200);
  }
  return id;
}
