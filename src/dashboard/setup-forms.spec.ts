import { nhsServiceChangeV1 } from '../../workflows/definitions/nhs-service-change.v1';
import { planSubmissionV1 } from '../../workflows/definitions/plan-submission.v1';
import { WorkflowConflict } from '../core/errors/domain-error';
import {
  blankProgramme,
  parseEvidenceForm,
  parseNewProgrammeForm,
  parseStartForm,
  programmeError,
  refusalErrors,
  slugify,
} from './setup-forms';

const date = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${name}[day]`]: day, [`${name}[month]`]: month, [`${name}[year]`]: year };
};

describe('slugify', () => {
  it('makes the ids the API uses from names', () => {
    expect(slugify('Leicester City CCG')).toBe('leicester-city-ccg');
    expect(slugify('East Leicestershire & Rutland CCG')).toBe('east-leicestershire-and-rutland-ccg');
    expect(slugify('  Café — Ré  ')).toBe('cafe-re');
    expect(slugify('x'.repeat(80))).toHaveLength(64);
  });
});

describe('parseNewProgrammeForm', () => {
  it('starts with one party row on each approval gate of whatever workflow', () => {
    const blank = blankProgramme(nhsServiceChangeV1);
    expect(blank.gates['partner-approvals'].parties).toEqual([{ name: '', id: '' }]);
    expect(blank.gates['pcbc-draft'].parties).toEqual([]);
    expect(Object.keys(blankProgramme(planSubmissionV1).gates)).toEqual(planSubmissionV1.gates.map((g) => g.id));
  });

  it('adds and removes rows without checking anything', () => {
    const body = {
      name: '',
      'partner-approvals.rows': '2',
      'partner-approvals.party.0.name': 'A',
      'partner-approvals.party.1.name': 'B',
    };
    const added = parseNewProgrammeForm({ ...body, action: 'add:partner-approvals' }, nhsServiceChangeV1);
    expect(added.errors).toEqual([]);
    expect(added.values.gates['partner-approvals'].parties.map((p) => p.name)).toEqual(['A', 'B', '']);
    const removed = parseNewProgrammeForm({ ...body, action: 'remove:partner-approvals:0' }, nhsServiceChangeV1);
    expect(removed.values.gates['partner-approvals'].parties.map((p) => p.name)).toEqual(['B']);
    // A gate that is not an approval gate has no rows to add: the button is read as "create".
    expect(parseNewProgrammeForm({ ...body, action: 'add:pcbc-draft' }, nhsServiceChangeV1).action.kind).toBe('create');
  });

  it('gives the body POST /api/programmes takes, with ids made from names where none was typed', () => {
    const parsed = parseNewProgrammeForm(
      {
        action: 'create',
        name: 'Better Care Together',
        sroName: 'Kate Shields',
        sroEmail: 'kate.shields@example.nhs.uk',
        ...date('partner-approvals.target', '2015-10-26'),
        'partner-approvals.ownerName': 'Helen Seth',
        'partner-approvals.ownerEmail': 'helen.seth@example.nhs.uk',
        'partner-approvals.rows': '3',
        'partner-approvals.party.0.name': 'Leicester City CCG',
        'partner-approvals.party.1.name': '',
        'partner-approvals.party.2.name': 'NHS England',
        'partner-approvals.party.2.id': 'nhse',
      },
      nhsServiceChangeV1,
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.body).toEqual({
      name: 'Better Care Together',
      workflow: 'nhs-service-change',
      workflowVersion: 1,
      sro: { name: 'Kate Shields', email: 'kate.shields@example.nhs.uk' },
      gates: {
        'partner-approvals': {
          targetDate: '2015-10-26',
          owner: { name: 'Helen Seth', email: 'helen.seth@example.nhs.uk' },
          parties: [
            { id: 'leicester-city-ccg', name: 'Leicester City CCG' },
            { id: 'nhse', name: 'NHS England' },
          ],
        },
      },
    });
  });

  it('says what is wrong with each field, linked to it', () => {
    const parsed = parseNewProgrammeForm(
      {
        action: 'create',
        sroEmail: 'kate',
        ...date('pcbc-draft.target', '2015-09-31'),
        'pcbc-draft.ownerEmail': 'pmo@example.nhs.uk',
        'partner-approvals.rows': '2',
        'partner-approvals.party.0.name': 'Leicester City CCG',
        'partner-approvals.party.1.name': 'Leicester  City CCG',
      },
      nhsServiceChangeV1,
    );
    expect(parsed.body).toBeUndefined();
    expect(parsed.errors.map((e) => [e.field, e.href])).toEqual([
      ['name', '#name'],
      ['sro.name', '#sroName'],
      ['sro.email', '#sroEmail'],
      ['gates.pcbc-draft.targetDate', '#gate-pcbc-draft-target-day'],
      ['gates.pcbc-draft.owner.name', '#gate-pcbc-draft-ownerName'],
      ['gates.partner-approvals.parties.1.id', '#gate-partner-approvals-party-1-id'],
    ]);
    expect(parsed.errors[3].text).toBe('Target date for PCBC draft must be a real date');
  });

  it('links an API field path back to its field', () => {
    expect(programmeError('gates.nhse-assurance.parties.0.id', 'x').href).toBe('#gate-nhse-assurance-party-0-id');
    expect(programmeError('gates.decision.owner.email', 'x').href).toBe('#gate-decision-ownerEmail');
    expect(programmeError('gates', 'x').href).toBeUndefined();
  });
});

describe('parseStartForm and refusals', () => {
  it('needs both dates and the close after the start; a planned launch may be recorded ahead of its day', () => {
    expect(parseStartForm({}).errors.map((e) => e.field)).toEqual(['startsOn', 'closesOn']);
    const backwards = parseStartForm({ ...date('startsOn', '2015-12-01'), ...date('closesOn', '2015-11-30') });
    expect(backwards.errors[0].field).toBe('closesOn');
    const ok = parseStartForm({ ...date('startsOn', '2015-12-01'), ...date('closesOn', '2016-02-23') });
    expect(ok.body).toEqual({ startsOn: '2015-12-01', closesOn: '2016-02-23' });
  });

  it('puts a workflow refusal on the field it is about', () => {
    const fields = { startsOn: '#startsOn-day', justification: '#justification' };
    expect(refusalErrors(new WorkflowConflict('PRE_ELECTION_PERIOD', 'in purdah'), fields)).toEqual([
      { field: 'startsOn', href: '#startsOn-day', text: 'in purdah' },
    ]);
    expect(refusalErrors(new WorkflowConflict('CONSULTATION_TOO_SHORT', 'too short'), fields)[0].field).toBe(
      'justification',
    );
    expect(refusalErrors(new WorkflowConflict('SOMETHING_ELSE', 'no'), fields)).toEqual([{ text: 'no' }]);
  });
});

describe('parseEvidenceForm', () => {
  it('needs an item of the checklist, a date, and a reference or an http(s) link', () => {
    const items = ['equality-impact-assessment'];
    const none = parseEvidenceForm({ itemId: 'nope', ...date('recordedOn', '2015-10-14') }, '2015-10-27', items);
    expect(none.errors.map((e) => e.field)).toEqual(['itemId', 'reference']);
    const script = parseEvidenceForm(
      { itemId: items[0], ...date('recordedOn', '2015-10-14'), link: 'javascript:alert(1)' },
      '2015-10-27',
      items,
    );
    expect(script.errors.map((e) => e.field)).toEqual(['link']);
    const ok = parseEvidenceForm(
      { itemId: items[0], ...date('recordedOn', '2015-10-14'), reference: 'EIA v3' },
      '2015-10-27',
      items,
    );
    expect(ok.body).toEqual({ itemId: items[0], recordedOn: '2015-10-14', reference: 'EIA v3' });
  });
});
