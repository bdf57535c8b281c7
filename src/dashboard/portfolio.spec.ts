import { bctView } from '../../test/support/programme-view-factory';
import { portfolio } from './portfolio';

describe('portfolio', () => {
  it('lists programmes worst first, then by name, with what an SRO asks first', () => {
    const red = bctView();
    const green = bctView({ id: 'a', name: 'A green one', rag: 'green', ragReason: 'On track', nextGate: null });
    const amber = bctView({ id: 'z', name: 'Z amber one', rag: 'amber', consultation: undefined });
    const { rows, counts } = portfolio([green, amber, red]);
    expect(rows.map((r) => r.name)).toEqual(['Better Care Together', 'Z amber one', 'A green one']);
    expect(rows[0]).toEqual({
      id: 'bct',
      name: 'Better Care Together',
      href: '/programmes/bct',
      workflow: 'NHS service change',
      rag: { text: 'Red', colour: 'red' },
      ragReason: 'Partner board approvals: Target 26 Oct 2015 has passed',
      nextGate: { title: 'Partner board approvals', forecast: '27 Oct 2015' },
      consultation: '1 Dec 2015, 1 day later than the target of 30 Nov 2015',
    });
    expect(rows[1].consultation).toBeNull();
    expect(rows[2].nextGate).toBeNull();
    expect(counts.map((c) => [c.tag.text, c.count])).toEqual([
      ['Red', 1],
      ['Amber', 1],
      ['Green', 1],
    ]);
  });
});
