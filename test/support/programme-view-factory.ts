import { ProgrammeView } from '../../src/programmes/programme-view';

type Gate = ProgrammeView['gates'][number];

const person = (name: string) => ({ name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.nhs.uk` });

/** A gate as the programme view shows it; give only what the test is about. */
export function viewGate(g: Partial<Gate> & { id: string }): Gate {
  return {
    title: g.id,
    kind: 'task',
    status: 'not-started',
    rag: 'green',
    ragReason: 'On track',
    baselineDate: null,
    forecastDate: null,
    actualDate: null,
    owner: null,
    dependsOn: [],
    ...g,
  } as Gate;
}

/**
 * Better Care Together as it stood on 27 October 2015 (the demo data), as a programme view:
 * for the page builders' specs, which need a view but not a database.
 */
export function bctView(overrides: Partial<ProgrammeView> = {}): ProgrammeView {
  const helen = person('Helen Seth');
  return {
    id: 'bct',
    name: 'Better Care Together',
    workflow: { id: 'nhs-service-change', version: 1, title: 'NHS service change' },
    councils: [],
    state: 'partner-approvals',
    rag: 'red',
    ragReason: 'Partner board approvals: Target 26 Oct 2015 has passed',
    sro: person('Kate Shields'),
    consultation: {
      gateId: 'public-consultation',
      baselineStart: '2015-11-30',
      forecastStart: '2015-12-01',
      status: 'not-started',
    },
    nextGate: { id: 'partner-approvals', title: 'Partner board approvals', forecastDate: '2015-10-27', rag: 'red' },
    revision: 7,
    createdAt: '2015-10-27T09:00:00.000Z',
    updatedAt: '2015-10-27T09:00:00.000Z',
    gates: [
      viewGate({
        id: 'pcbc-draft',
        title: 'PCBC draft',
        status: 'complete',
        rag: 'blue',
        ragReason: 'Complete on 7 Sept 2015',
        baselineDate: '2015-09-04',
        forecastDate: '2015-09-04',
        actualDate: '2015-09-07',
        owner: person('BCT PMO'),
      }),
      viewGate({
        id: 'clinical-senate-review',
        title: 'Clinical senate review',
        status: 'complete',
        rag: 'blue',
        baselineDate: '2015-10-05',
        forecastDate: '2015-10-06',
        actualDate: '2015-10-05',
        dependsOn: ['pcbc-draft'],
      }),
      viewGate({
        id: 'partner-approvals',
        title: 'Partner board approvals',
        kind: 'approval',
        status: 'open',
        rag: 'red',
        ragReason: 'Target 26 Oct 2015 has passed',
        baselineDate: '2015-10-26',
        forecastDate: '2015-10-27',
        owner: helen,
        dependsOn: ['clinical-senate-review'],
        parties: [
          {
            id: 'leicester-city-ccg',
            name: 'Leicester City CCG',
            decision: 'approved',
            decidedOn: '2015-10-13',
            reference: 'LC CCG Board 13/10/15 item 7',
          },
          {
            id: 'east-leicestershire-and-rutland-ccg',
            name: 'East Leicestershire and Rutland CCG',
            decision: 'approved-with-conditions',
            decidedOn: '2015-10-20',
            conditions: 'Equality impact assessment first',
          },
          {
            id: 'university-hospitals-of-leicester',
            name: 'University Hospitals of Leicester NHS Trust',
            decision: 'deferred',
            decidedOn: '2015-10-08',
          },
          { id: 'rutland-county-council', name: 'Rutland County Council' },
        ],
      }),
      viewGate({
        id: 'nhse-assurance',
        title: 'NHS England and TDA assurance',
        kind: 'approval',
        rag: 'amber',
        baselineDate: '2015-11-09',
        forecastDate: '2015-11-10',
        owner: helen,
        dependsOn: ['partner-approvals'],
        parties: [
          { id: 'nhse', name: 'NHS England' },
          { id: 'tda', name: 'NHS Trust Development Authority' },
        ],
      }),
      viewGate({
        id: 'public-consultation',
        title: 'Public consultation',
        kind: 'consultation',
        rag: 'amber',
        baselineDate: '2015-11-30',
        forecastDate: '2015-12-01',
        owner: person('BCT Engagement'),
        dependsOn: ['nhse-assurance'],
      }),
      viewGate({
        id: 'decision-making-business-case',
        title: 'Decision-making business case',
        dependsOn: ['public-consultation'],
      }),
      viewGate({
        id: 'decision',
        title: 'Decision in public',
        kind: 'approval',
        dependsOn: ['decision-making-business-case'],
        parties: [{ id: 'leicester-city-ccg', name: 'Leicester City CCG' }],
      }),
    ],
    ...overrides,
  } as ProgrammeView;
}
