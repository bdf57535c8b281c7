// The NHS 5×5 risk matrix: likelihood 1–5 times impact (consequence) 1–5. The bands are the
// ones NHS boards use; the API fixes their names.

export const RISK_KINDS = ['risk', 'issue'] as const;
export type RiskKind = (typeof RISK_KINDS)[number];
export const RISK_STATUSES = ['open', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];
export type RiskRating = 'low' | 'moderate' | 'high' | 'extreme';

export function riskScore(likelihood: number, impact: number): number {
  return likelihood * impact;
}

export function riskRating(score: number): RiskRating {
  if (score >= 15) return 'extreme';
  if (score >= 8) return 'high';
  if (score >= 4) return 'moderate';
  return 'low';
}

/** The scores the matrix can produce: 1–25, but not 7, 11, 13, 14, 17… */
export function isMatrixScore(score: number): boolean {
  for (let l = 1; l <= 5; l++) if (score % l === 0 && score / l >= 1 && score / l <= 5) return true;
  return false;
}

export interface RankedRisk {
  score: number;
  reviewOn?: string | null;
  title: string;
  id: string;
}

/** Highest score first; then the earliest review, then title and id, so the order is stable. */
export function compareRisks(a: RankedRisk, b: RankedRisk): number {
  if (a.score !== b.score) return b.score - a.score;
  const ra = a.reviewOn ?? '9999-12-31';
  const rb = b.reviewOn ?? '9999-12-31';
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (a.title !== b.title) return a.title < b.title ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface RiskState {
  likelihood: number;
  impact: number;
  ownerName: string;
  ownerEmail: string;
  status: string;
  at: string;
}

/** The state in force at the end of `asOf` (a business date), from a risk's changes oldest first. */
export function riskStateAsOf<T extends RiskState>(
  changes: T[],
  asOf: string,
  dayOf: (at: string) => string,
): T | null {
  let state: T | null = null;
  for (const c of changes) if (dayOf(c.at) <= asOf) state = c;
  return state;
}
