import { AuditEntry, auditLines, describeAudit } from './audit-summary';

const titles: Record<string, string> = {
  'partner-approvals': 'Partner board approvals',
  'nhse-assurance': 'NHS England and TDA assurance',
  'pcbc-draft': 'PCBC draft',
};
const title = (id: string) => titles[id] ?? id;
const entry = (e: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  at: '2015-10-27T09:00:00.000Z',
  actor: 'Helen Seth <helen.seth@example.nhs.uk>',
  action: 'programme.created',
  detail: {},
  ...e,
});

describe('describeAudit', () => {
  it('says who decided what, when, under which minute, and what it replaced', () => {
    const decided = entry({
      action: 'decision.recorded',
      gateId: 'partner-approvals',
      detail: {
        partyId: 'university-hospitals-of-leicester',
        partyName: 'University Hospitals of Leicester NHS Trust',
        before: { decision: 'deferred', decidedOn: '2015-10-08' },
        after: { decision: 'approved-with-conditions', decidedOn: '2015-10-26', reference: 'UHL Board 26/10/15' },
        carried: [],
      },
    });
    expect(describeAudit(decided, title)).toBe(
      'Partner board approvals: University Hospitals of Leicester NHS Trust approved with conditions on 26 Oct 2015 (UHL Board 26/10/15), replacing deferred',
    );
  });

  it('describes completions and re-forecasts, with the later gates they moved', () => {
    const completed = entry({
      action: 'gate.completed',
      gateId: 'pcbc-draft',
      detail: { after: { status: 'complete', actualDate: '2015-09-07' }, carried: [{}, {}, {}, {}] },
    });
    expect(describeAudit(completed, title)).toBe(
      'PCBC draft complete on 7 Sept 2015; 4 later gates re-forecast with it',
    );
    const moved = entry({
      action: 'gate.reforecast',
      gateId: 'nhse-assurance',
      detail: {
        before: { baselineDate: '2015-11-09', forecastDate: '2015-11-10' },
        after: { forecastDate: '2015-11-16' },
        reason: 'Panel moved',
        carried: [{}],
      },
    });
    expect(describeAudit(moved, title)).toBe(
      'NHS England and TDA assurance re-forecast from 10 Nov 2015 to 16 Nov 2015: Panel moved; 1 later gate re-forecast with it',
    );
  });

  it('describes the other changes, and names an unknown one by its action', () => {
    expect(describeAudit(entry({}), title)).toBe('Programme created with its baseline dates');
    expect(
      describeAudit(
        entry({
          action: 'consultation.started',
          gateId: 'pc',
          detail: { after: { startsOn: '2015-12-01', closesOn: '2016-02-23' } },
        }),
        title,
      ),
    ).toBe('pc launched on 1 Dec 2015, closing 23 Feb 2016');
    expect(
      describeAudit(entry({ action: 'parties.set', gateId: 'nhse-assurance', detail: { after: [{}, {}] } }), title),
    ).toBe('NHS England and TDA assurance: 2 deciding parties set');
    expect(describeAudit(entry({ action: 'something.new', gateId: 'pcbc-draft' }), title)).toBe(
      'PCBC draft: something.new',
    );
    expect(describeAudit(entry({ action: 'something.new' }), title)).toBe('something.new');
  });
});

describe('auditLines', () => {
  it('lists newest first, in London time, naming the person without their address', () => {
    const lines = auditLines(
      [
        entry({ id: 1, at: '2015-10-26T23:30:00.000Z' }),
        entry({ id: 2, at: '2015-06-01T08:05:00.000Z', actor: 'system' }),
      ],
      title,
      'Europe/London',
    );
    expect(lines).toEqual([
      { id: 2, when: '1 Jun 2015, 09:05', who: 'system', what: 'Programme created with its baseline dates' },
      { id: 1, when: '26 Oct 2015, 23:30', who: 'Helen Seth', what: 'Programme created with its baseline dates' },
    ]);
  });
});
