// What Better Care Together's highlight report as of 30 October 2015 must say, from the board
// papers (not from the service's own output): the tests that read its PDF and Word back check
// the documents against these.

/** The seven gates of the 2015 workflow, with the date each report lists (blank: not yet dated). */
export const SEVEN_GATES: Array<[string, string]> = [
  ['PCBC draft', '4 Sept 2015'],
  ['Clinical senate review', '5 Oct 2015'],
  ['Partner board approvals', '26 Oct 2015'],
  ['NHS England and TDA assurance', '9 Nov 2015'],
  ['Public consultation', '30 Nov 2015'],
  ['Decision-making business case', ''],
  ['Decision in public', ''],
];

/** The partner decisions recorded in October 2015: date, party, decision. */
export const OCTOBER_DECISIONS = [
  ['8 Oct 2015', 'University Hospitals of Leicester NHS Trust', 'Deferred'],
  ['13 Oct 2015', 'Leicester City CCG', 'Approved'],
  ['20 Oct 2015', 'West Leicestershire CCG', 'Approved'],
  ['20 Oct 2015', 'East Leicestershire and Rutland CCG', 'Approved with conditions'],
];

/** The condition East Leicestershire and Rutland CCG attached to its approval. */
export const CONDITIONS = 'Equality impact assessment to be completed before consultation starts';
