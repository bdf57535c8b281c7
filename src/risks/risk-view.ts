import { RiskChangeEntity } from './risk-change.entity';
import { RiskEntity } from './risk.entity';
import { RiskRating, compareRisks, riskRating, riskScore } from './risk-rating';

/** A risk as the API and the pages show it. */
export interface RiskView {
  id: string;
  programmeId: string;
  kind: string;
  title: string;
  description: string | null;
  owner: { name: string; email: string };
  likelihood: number;
  impact: number;
  score: number;
  rating: RiskRating;
  targetScore: number | null;
  targetRating: RiskRating | null;
  mitigation: string | null;
  reviewOn: string | null;
  gateIds: string[];
  status: string;
  closedOn: string | null;
  raisedBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface RiskChangeView {
  at: string;
  actor: string;
  reason: string;
  likelihood: number;
  impact: number;
  score: number;
  rating: RiskRating;
  owner: { name: string; email: string };
  status: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** The fields of a risk that a change can alter, as kept in a change's `changes`. */
export const TRACKED_FIELDS = [
  'kind',
  'title',
  'description',
  'ownerName',
  'ownerEmail',
  'likelihood',
  'impact',
  'targetScore',
  'mitigation',
  'reviewOn',
  'gateIds',
  'status',
  'closedOn',
] as const;
export type TrackedField = (typeof TRACKED_FIELDS)[number];

export function riskView(r: RiskEntity): RiskView {
  const score = riskScore(r.likelihood, r.impact);
  return {
    id: r.id,
    programmeId: r.programmeId,
    kind: r.kind,
    title: r.title,
    description: r.description,
    owner: { name: r.ownerName, email: r.ownerEmail },
    likelihood: r.likelihood,
    impact: r.impact,
    score,
    rating: riskRating(score),
    targetScore: r.targetScore,
    targetRating: r.targetScore === null ? null : riskRating(r.targetScore),
    mitigation: r.mitigation,
    reviewOn: r.reviewOn,
    gateIds: parseIds(r.gateIds),
    status: r.status,
    closedOn: r.closedOn,
    raisedBy: r.raisedBy,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

export function changeView(c: RiskChangeEntity): RiskChangeView {
  return {
    at: new Date(c.at).toISOString(),
    actor: c.actor,
    reason: c.reason,
    likelihood: c.likelihood,
    impact: c.impact,
    score: c.score,
    rating: riskRating(c.score),
    owner: { name: c.ownerName, email: c.ownerEmail },
    status: c.status,
    changes: typeof c.changes === 'string' ? JSON.parse(c.changes) : c.changes,
  };
}

/**
 * A risk as it stood at the end of `asOf`: its current row with every later change undone,
 * newest first. Null when it was raised after that day.
 */
export function riskAsOf(
  risk: RiskEntity,
  changes: RiskChangeEntity[],
  asOf: string,
  dayOf: (at: Date) => string,
): RiskEntity | null {
  if (dayOf(new Date(risk.createdAt)) > asOf) return null;
  const past: RiskEntity = { ...risk, gateIds: parseIds(risk.gateIds) };
  const later = changes.filter((c) => dayOf(new Date(c.at)) > asOf).sort((a, b) => b.id - a.id);
  for (const change of later) {
    const fields = typeof change.changes === 'string' ? JSON.parse(change.changes) : change.changes;
    for (const [field, { from }] of Object.entries(fields as Record<string, { from: unknown }>)) {
      if ((TRACKED_FIELDS as readonly string[]).includes(field))
        (past as unknown as Record<string, unknown>)[field] = from;
    }
  }
  if (later.length) {
    const kept = changes.filter((c) => dayOf(new Date(c.at)) <= asOf);
    past.updatedAt = kept.length ? kept[kept.length - 1].at : risk.createdAt;
  }
  return past;
}

export function rankRisks(risks: RiskView[]): RiskView[] {
  return [...risks].sort(compareRisks);
}

function parseIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return JSON.parse(value) as string[];
  return [];
}
