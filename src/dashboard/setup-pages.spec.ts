import { nhsServiceChangeV1 } from '../../workflows/definitions/nhs-service-change.v1';
import { nhsServiceChangeV2 } from '../../workflows/definitions/nhs-service-change.v2';
import { planSubmissionV1 } from '../../workflows/definitions/plan-submission.v1';
import { bctView, viewGate } from '../../test/support/programme-view-factory';
import { blankProgramme } from './setup-forms';
import {
  chooseWorkflowPage,
  migratePage,
  myGatesPage,
  newProgrammePage,
  partiesPage,
  peoplePage,
  startPage,
} from './setup-pages';

describe('chooseWorkflowPage', () => {
  it('lists every released version, newest of each workflow first and the first preselected', () => {
    const page = chooseWorkflowPage([nhsServiceChangeV1, nhsServiceChangeV2, planSubmissionV1]);
    expect(page.items.map((i) => i.value)).toEqual([
      'nhs-service-change@2',
      'nhs-service-change@1',
      'plan-submission@1',
    ]);
    expect(page.items[0]).toMatchObject({ checked: true, text: 'NHS service change, version 2 (newest)' });
  });
});

describe('newProgrammePage', () => {
  it('lays out every gate of the definition, with party rows only on approval gates', () => {
    const page = newProgrammePage(nhsServiceChangeV2, blankProgramme(nhsServiceChangeV2), []);
    expect(page.gates.map((g) => g.id)).toEqual(nhsServiceChangeV2.gates.map((g) => g.id));
    const approvals = page.gates.find((g) => g.id === 'partner-approvals')!;
    expect(approvals.parties[0]).toMatchObject({
      nameField: 'partner-approvals.party.0.name',
      remove: 'remove:partner-approvals:0',
    });
    expect(page.gates.find((g) => g.id === 'pcbc-draft')!.approval).toBe(false);
    expect(page.action).toBe('/programmes/new?workflow=nhs-service-change&version=2');
  });

  it('puts each message beside its field', () => {
    const page = newProgrammePage(nhsServiceChangeV1, blankProgramme(nhsServiceChangeV1), [
      { field: 'gates.partner-approvals.parties.0.id', href: '#x', text: 'bad id' },
      { field: 'sro.email', href: '#sroEmail', text: 'bad email' },
    ]);
    expect(page.fieldErrors.sroEmail).toBe('bad email');
    expect(page.gates.find((g) => g.id === 'partner-approvals')!.parties[0].idError).toBe('bad id');
  });
});

describe('partiesPage', () => {
  it('offers to withdraw only parties that have not decided, and lists the withdrawn with their reasons', () => {
    const view = bctView();
    const gate = {
      ...view.gates.find((g) => g.id === 'partner-approvals')!,
      withdrawnParties: [{ id: 'hw', name: 'Healthwatch', withdrawnOn: '2015-10-20', reason: 'Advises only' }],
    };
    const page = partiesPage(view, gate, { values: {}, errors: [] }, true);
    const decided = page.parties.filter((p) => p.decision !== 'Not decided yet');
    expect(decided.length).toBeGreaterThan(0);
    expect(decided.every((p) => p.withdrawHref === null)).toBe(true);
    expect(page.parties.filter((p) => p.withdrawHref).length).toBe(page.parties.length - decided.length);
    expect(page.withdrawn).toEqual([{ name: 'Healthwatch', on: '20 Oct 2015', reason: 'Advises only' }]);
    expect(partiesPage(view, gate, { values: {}, errors: [] }, false).parties.every((p) => !p.withdrawHref)).toBe(true);
  });
});

describe('startPage', () => {
  it('prefills the planned window and warns about a short one', () => {
    const view = bctView();
    const gate = viewGate({
      id: 'public-consultation',
      kind: 'consultation',
      status: 'open',
      forecastDate: '2015-11-30',
    });
    const planned = startPage(view, gate, nhsServiceChangeV1, { values: {}, errors: [] }, '2015-11-30');
    expect(planned.values).toMatchObject({ 'startsOn-day': '30', 'closesOn-day': '22', 'closesOn-month': '2' });
    expect(planned.shortWarning).toBeNull();
    const short = startPage(
      view,
      gate,
      nhsServiceChangeV1,
      {
        values: {
          'startsOn-day': '30',
          'startsOn-month': '11',
          'startsOn-year': '2015',
          'closesOn-day': '25',
          'closesOn-month': '1',
          'closesOn-year': '2016',
        },
        errors: [],
      },
      '2015-11-30',
    );
    expect(short.shortWarning).toBe('8 weeks and 0 days is shorter than the usual 12 weeks: give the reason below');
  });
});

describe('migratePage, myGatesPage, peoplePage', () => {
  it('shows gates added, removed and kept with their dates', () => {
    const page = migratePage(
      bctView(),
      {
        programmeId: 'bct',
        workflow: { id: 'nhs-service-change', fromVersion: 1, toVersion: 2, title: 'NHS service change' },
        kept: [
          {
            id: 'pcbc-draft',
            title: 'PCBC draft',
            statusBefore: 'complete',
            statusAfter: 'complete',
            baselineDate: '2015-09-04',
            forecastDate: '2015-09-04',
            actualDate: '2015-09-07',
          },
          {
            id: 'dmbc',
            title: 'DMBC',
            statusBefore: 'open',
            statusAfter: 'not-started',
            baselineDate: null,
            forecastDate: null,
            actualDate: null,
          },
        ],
        added: [{ id: 'stage-1-sense-check', title: 'Stage 1 strategic sense check', status: 'open' }],
        removed: [],
      },
      null,
    );
    expect(page.preview!.kept).toEqual([
      { title: 'PCBC draft', status: 'Complete', dates: 'target 4 Sept 2015, actual 7 Sept 2015' },
      { title: 'DMBC', status: 'Open → Not started', dates: 'no dates yet' },
    ]);
    expect(page.preview!.added).toEqual([{ title: 'Stage 1 strategic sense check', status: 'Open' }]);
  });

  it('links each of my gates to act on it', () => {
    const page = myGatesPage([
      {
        programmeId: 'p 1',
        programmeName: 'BCT',
        gateId: 'pcbc-draft',
        title: 'PCBC draft',
        kind: 'task',
        status: 'open',
        rag: 'amber',
        ragReason: 'Due soon',
        baselineDate: '2015-11-02',
        forecastDate: '2015-11-02',
        actualDate: null,
      },
    ]);
    expect(page.rows[0]).toMatchObject({
      href: '/programmes/p%201#gate-pcbc-draft',
      due: '2 Nov 2015',
      rag: { text: 'Amber' },
    });
  });

  it('groups tokens by person, naming the programme a token is limited to and when it was last used', () => {
    const page = peoplePage(
      [
        {
          id: 't1',
          name: 'Helen Seth',
          email: 'h@x',
          role: 'partnerships',
          programmeId: null,
          createdAt: 'c1',
          expiresAt: null,
          revokedAt: null,
          lastUsedAt: null,
        },
        {
          id: 't2',
          name: 'Helen Seth',
          email: 'h@x',
          role: 'viewer',
          programmeId: 'p1',
          createdAt: 'c2',
          expiresAt: 'e2',
          revokedAt: 'r2',
          lastUsedAt: 'u2',
        },
      ],
      [{ id: 'p1', name: 'BCT' }],
      (iso) => `<${iso}>`,
      { values: {}, errors: [] },
    );
    expect(page.people).toHaveLength(1);
    expect(page.people[0].tokens).toEqual([
      {
        id: 't1',
        role: 'partnerships',
        scope: 'Every programme',
        created: '<c1>',
        lastUsed: 'Never',
        state: 'Active',
        revokeAction: '/admin/people/tokens/t1/revoke',
      },
      {
        id: 't2',
        role: 'viewer',
        scope: 'BCT',
        created: '<c2>',
        lastUsed: '<u2>',
        state: 'Revoked <r2>',
        revokeAction: null,
      },
    ]);
  });
});
