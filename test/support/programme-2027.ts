// A programme of 2027 touching Leicester City Council, and the steps that take it to its consultation launch.
import type { TestApp } from './test-app';

const person = (who: string) => ({ name: who, email: `${who.toLowerCase().replace(/ /g, '.')}@example.nhs.uk` });

export function programmeBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Leicester acute services',
    workflow: 'nhs-service-change',
    sro: person('Kate Shields'),
    councils: ['leicester-city-council'],
    gates: {
      'pcbc-draft': { targetDate: '2026-10-01', owner: person('PMO') },
      'partner-approvals': {
        targetDate: '2026-12-01',
        owner: person('Helen Seth'),
        parties: [{ id: 'leicester-city-council', name: 'Leicester City Council' }],
      },
      'nhse-assurance': { targetDate: '2027-01-15', parties: [{ id: 'nhse', name: 'NHS England' }] },
      'public-consultation': { targetDate: '2027-04-12', owner: person('Engagement') },
    },
    ...overrides,
  };
}

/** Takes a programme to the point where its public consultation may launch. */
export async function readyToConsult(
  t: TestApp,
  token: string,
  id: string,
  nhseDecision = 'approved',
  decisionExtras: Record<string, unknown> = {},
) {
  const steps: Array<[string, string, unknown]> = [
    ['POST', 'gates/pcbc-draft/complete', { completedOn: '2026-10-01' }],
    ['POST', 'gates/clinical-senate-review/complete', { completedOn: '2026-11-02' }],
    [
      'POST',
      'gates/partner-approvals/decisions',
      { partyId: 'leicester-city-council', decision: 'approved', decidedOn: '2026-12-01' },
    ],
    [
      'POST',
      'gates/nhse-assurance/decisions',
      {
        partyId: 'nhse',
        decision: nhseDecision,
        decidedOn: '2027-01-15',
        ...(nhseDecision === 'approved-with-conditions'
          ? { conditions: 'Publish the travel-time analysis before consultation' }
          : {}),
        ...decisionExtras,
      },
    ],
  ];
  for (const [method, path, body] of steps) {
    const res = await t.request(method, `/api/programmes/${id}/${path}`, { token, body });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${res.text}`);
  }
}
