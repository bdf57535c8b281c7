import { nhsServiceChangeV1 } from '../../workflows/definitions/nhs-service-change.v1';
import { bctView } from '../../test/support/programme-view-factory';
import { comparedWithTarget, programmePage, successBanner } from './programme-page';

const page = (role: 'partnerships' | 'viewer' | 'owner', email = 'x@example.nhs.uk', notice = {}) =>
  programmePage({
    view: bctView(),
    def: nhsServiceChangeV1,
    audit: [],
    actor: { role, email },
    today: '2015-10-27',
    timeZone: 'Europe/London',
    notice,
  });

describe('programmePage', () => {
  it('leads with the overall RAG and its reason, the consultation start against its target, and the next gate', () => {
    expect(page('viewer').headline).toEqual({
      rag: { text: 'Red', colour: 'red' },
      ragReason: 'Partner board approvals: Target 26 Oct 2015 has passed',
      consultation: '1 Dec 2015, 1 day later than the target of 30 Nov 2015 (not started)',
      nextGate: { title: 'Partner board approvals', forecast: '27 Oct 2015', rag: { text: 'Red', colour: 'red' } },
      today: '27 Oct 2015',
    });
  });

  it('lists the gates with their dates, RAG words and reasons', () => {
    const [pcbc, , approvals] = page('viewer').gates;
    expect(pcbc).toMatchObject({
      target: '4 Sept 2015',
      forecast: '',
      actual: '7 Sept 2015',
      rag: { text: 'Complete' },
    });
    expect(approvals).toMatchObject({
      target: '26 Oct 2015',
      forecast: '27 Oct 2015',
      actual: '',
      status: 'Open',
      owner: 'Helen Seth',
      rag: { text: 'Red', colour: 'red' },
      ragReason: 'Target 26 Oct 2015 has passed',
    });
  });

  it('offers each person only the forms they may use', () => {
    const lead = page('partnerships');
    expect(lead.anyActions).toBe(true);
    expect(lead.gates[2].actions).toEqual([
      { text: 'Record a decision', href: '/programmes/bct/gates/partner-approvals/decision' },
      { text: 'Re-forecast', href: '/programmes/bct/gates/partner-approvals/reforecast' },
      { text: 'Parties', href: '/programmes/bct/gates/partner-approvals/parties' },
      { text: 'Change owner', href: '/programmes/bct/gates/partner-approvals/owner' },
    ]);
    expect(lead.gates[0].actions).toEqual([{ text: 'Change owner', href: '/programmes/bct/gates/pcbc-draft/owner' }]);
    const viewer = page('viewer');
    expect(viewer.anyActions).toBe(false);
    expect(viewer.matrix!.rows[0].cells[0].recordHref).toBeUndefined();
    const owner = page('owner', 'helen.seth@example.nhs.uk');
    expect(owner.gates.filter((g) => g.actions.length).map((g) => g.id)).toEqual([
      'partner-approvals',
      'nhse-assurance',
    ]);
  });

  it('draws the timeline, the approvals and the workflow, and gives the Mermaid source with the real parties', () => {
    const p = page('viewer');
    expect(p.timeline!.rows).toHaveLength(7);
    expect(p.matrix!.columns).toHaveLength(3);
    expect(p.statechart.boxes.filter((b) => b.status === 'complete')).toHaveLength(2);
    expect(p.mermaid).toMatch(/^stateDiagram-v2/);
    expect(p.mermaid).toContain('Rutland County Council decides');
  });
});

describe('successBanner', () => {
  const view = bctView();

  it('confirms a decision, a completion or a re-forecast from the redirect', () => {
    expect(
      successBanner(view, {
        changed: 'decision',
        gate: 'partner-approvals',
        party: 'east-leicestershire-and-rutland-ccg',
      }),
    ).toEqual({
      title: 'Decision recorded',
      text: 'East Leicestershire and Rutland CCG: approved with conditions on 20 Oct 2015 (Partner board approvals).',
    });
    expect(successBanner(view, { changed: 'complete', gate: 'pcbc-draft' })?.text).toBe(
      'PCBC draft is complete as of 7 Sept 2015.',
    );
    expect(successBanner(view, { changed: 'reforecast', gate: 'nhse-assurance' })?.text).toMatch(
      /^NHS England and TDA assurance is now forecast for 10 Nov 2015/,
    );
  });

  it('confirms nothing it cannot find', () => {
    expect(successBanner(view, {})).toBeNull();
    expect(
      successBanner(view, { changed: 'decision', gate: 'partner-approvals', party: 'rutland-county-council' }),
    ).toBeNull();
    expect(successBanner(view, { changed: 'decision', gate: 'nope' })).toBeNull();
    expect(successBanner(view, { changed: '<script>', gate: 'pcbc-draft' })).toBeNull();
  });
});

describe('comparedWithTarget', () => {
  it('says how far the forecast is from the target', () => {
    expect(comparedWithTarget('2015-12-01', '2015-11-30')).toBe(
      '1 Dec 2015, 1 day later than the target of 30 Nov 2015',
    );
    expect(comparedWithTarget('2015-11-20', '2015-11-30')).toBe(
      '20 Nov 2015, 10 days earlier than the target of 30 Nov 2015',
    );
    expect(comparedWithTarget('2015-11-30', '2015-11-30')).toBe('30 Nov 2015, on target');
    expect(comparedWithTarget('2015-11-30', null)).toBe('30 Nov 2015');
    expect(comparedWithTarget(null, '2015-11-30')).toBe('Not forecast yet (target 30 Nov 2015)');
    expect(comparedWithTarget(null, null)).toBe('No date set yet');
  });
});
