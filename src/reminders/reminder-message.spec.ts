import { ReminderFacts, escapeHtml, renderReminder } from './reminder-message';

const base: ReminderFacts = {
  reminder: {
    kind: 'overdue',
    recipient: 'owner',
    dueDate: '2015-10-26',
    workingDaysToDue: -1,
    replaces: [],
    escalatesOn: '2015-10-29',
  },
  programme: { id: 'p1', name: 'Better Care Together' },
  gate: { id: 'partner-approvals', title: 'Partner board approvals', kind: 'approval', baselineDate: '2015-10-26' },
  recipient: { name: 'Helen Seth', email: 'helen.seth@example.nhs.uk' },
  owner: { name: 'Helen Seth', email: 'helen.seth@example.nhs.uk' },
  sro: { name: 'Kate Shields', email: 'kate.shields@example.nhs.uk' },
  outstanding: { names: ['Leicester City Council', 'Rutland County Council'], total: 8 },
  link: 'http://localhost:3000/programmes/p1',
};

describe('renderReminder', () => {
  it('names the programme, the gate and how late it is in the subject', () => {
    expect(renderReminder(base).subject).toBe(
      '[Better Care Together] Overdue: Partner board approvals was due 26 Oct 2015, 2 of 8 decisions outstanding',
    );
  });

  it('gives the owner the dates, the boards still to decide, whom to contact, the link and when the SRO hears', () => {
    const { text } = renderReminder(base);
    expect(text).toMatch(/^Dear Helen Seth,/);
    expect(text).toMatch(/Target date: +26 Oct 2015/);
    expect(text).toMatch(/Forecast date: +26 Oct 2015/);
    expect(text).toMatch(/Overdue by: +1 working day\n/);
    expect(text).toContain('Decisions outstanding (2 of 8):\n  - Leicester City Council\n  - Rutland County Council');
    expect(text).toContain('Who to contact: Kate Shields (SRO), kate.shields@example.nhs.uk');
    expect(text).toContain('Open the programme: http://localhost:3000/programmes/p1');
    expect(text).toMatch(/still not complete on Thursday,? 29 October 2015, Kate Shields \(SRO\) will be told/);
  });

  it('escalates to the SRO naming the owner', () => {
    const m = renderReminder({
      ...base,
      reminder: { ...base.reminder, kind: 'escalation', recipient: 'sro', workingDaysToDue: -3, escalatesOn: null },
      recipient: base.sro,
    });
    expect(m.subject).toBe(
      '[Better Care Together] Escalation: Partner board approvals is 3 working days overdue, 2 of 8 decisions outstanding',
    );
    expect(m.text).toMatch(/^Dear Kate Shields,\n\nFor your attention as SRO:/);
    expect(m.text).toMatch(/Gate owner: +Helen Seth <helen.seth@example.nhs.uk>/);
    expect(m.text).toContain('Who to contact: Helen Seth (gate owner), helen.seth@example.nhs.uk');
  });

  it('says which missed reminders a catch-up message stands in for', () => {
    const m = renderReminder({
      ...base,
      reminder: { ...base.reminder, replaces: ['due-in-5', 'due-in-1', 'due-today'] },
    });
    expect(m.text).toContain(
      'stands in for earlier reminders that were not sent at the time (5 working days before, 1 working day before, on the day)',
    );
  });

  it('tells the SRO when the consultation start moves', () => {
    const m = renderReminder({
      ...base,
      reminder: {
        ...base.reminder,
        kind: 'consultation-slip',
        recipient: 'sro',
        dueDate: '2015-12-07',
        workingDaysToDue: 30,
        escalatesOn: null,
      },
      gate: {
        id: 'public-consultation',
        title: 'Public consultation',
        kind: 'consultation',
        baselineDate: '2015-11-30',
      },
      outstanding: undefined,
      recipient: base.sro,
    });
    expect(m.subject).toBe('[Better Care Together] Consultation start now forecast 7 Dec 2015, planned 30 Nov 2015');
    expect(m.text).toMatch(/Forecast start: +7 Dec 2015/);
  });

  it('keeps names out of the headers and out of the markup', () => {
    const m = renderReminder({
      ...base,
      programme: { id: 'p1', name: 'Evil\r\nBcc: victim@example.com' },
      recipient: { name: '<script>alert(1)</script>', email: 'helen.seth@example.nhs.uk' },
    });
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(m.subject).toMatch(/^\[Evil Bcc: victim@example.com\]/);
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&#60;script&#62;');
  });

  it('escapes every character that matters in HTML', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;',
    );
  });
});
