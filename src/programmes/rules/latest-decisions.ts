// A party may decide more than once (deferred, then approved); the later record supersedes the earlier.

/** Each party's latest decision on one gate, from decisions in the order they were recorded. */
export function latestDecisionByParty<T extends { gateId: string; partyId: string }>(
  decisions: readonly T[],
  gateId: string,
): Map<string, T> {
  const latest = new Map<string, T>();
  for (const decision of decisions) if (decision.gateId === gateId) latest.set(decision.partyId, decision);
  return latest;
}
