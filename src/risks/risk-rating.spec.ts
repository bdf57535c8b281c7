import { compareRisks, isMatrixScore, riskRating, riskScore, riskStateAsOf } from './risk-rating';

describe('the 5×5 risk matrix', () => {
  it('scores likelihood times impact', () => {
    expect(riskScore(4, 5)).toBe(20);
    expect(riskScore(1, 1)).toBe(1);
  });

  it.each([
    [1, 'low'],
    [3, 'low'],
    [4, 'moderate'],
    [6, 'moderate'],
    [8, 'high'],
    [12, 'high'],
    [15, 'extreme'],
    [25, 'extreme'],
  ])('rates %i as %s', (score, rating) => {
    expect(riskRating(score)).toBe(rating);
  });

  it('knows which scores the matrix can produce', () => {
    const products = new Set<number>();
    for (let l = 1; l <= 5; l++) for (let i = 1; i <= 5; i++) products.add(l * i);
    for (let s = 0; s <= 26; s++) expect([s, isMatrixScore(s)]).toEqual([s, products.has(s)]);
  });

  it('ranks by score, then review date, then title', () => {
    const risks = [
      { id: 'a', title: 'B', score: 12, reviewOn: '2015-11-02' },
      { id: 'b', title: 'A', score: 12, reviewOn: '2015-11-02' },
      { id: 'c', title: 'C', score: 12, reviewOn: '2015-10-30' },
      { id: 'd', title: 'D', score: 20, reviewOn: null },
      { id: 'e', title: 'E', score: 12, reviewOn: null },
    ];
    expect([...risks].sort(compareRisks).map((r) => r.id)).toEqual(['d', 'c', 'b', 'a', 'e']);
  });

  it('finds the state in force at the end of a day', () => {
    const base = { ownerName: 'A', ownerEmail: 'a@x', status: 'open' };
    const changes = [
      { ...base, likelihood: 3, impact: 4, at: '2015-09-10T10:00:00Z' },
      { ...base, likelihood: 4, impact: 4, at: '2015-10-01T23:30:00Z' },
      { ...base, likelihood: 2, impact: 4, status: 'closed', at: '2015-10-20T09:00:00Z' },
    ];
    const day = (at: string) => at.slice(0, 10);
    expect(riskStateAsOf(changes, '2015-09-09', day)).toBeNull();
    expect(riskStateAsOf(changes, '2015-09-30', day)?.likelihood).toBe(3);
    expect(riskStateAsOf(changes, '2015-10-01', day)?.likelihood).toBe(4);
    expect(riskStateAsOf(changes, '2015-10-31', day)?.status).toBe('closed');
  });
});
