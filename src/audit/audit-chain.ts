import { createHash } from 'node:crypto';

// The audit trail as a hash chain, one chain per programme (and one for entries that belong to
// no programme). Each entry carries its place in the chain (seq), the hash of the entry before
// it, and a hash over its own content and that previous hash. Changing an entry's content,
// removing one, or cutting entries off the end all break the chain somewhere that can be named.
// See docs/decisions/018-tamper-evident-audit.md.

/** The chain key of an entry: its programme, or '' for entries that belong to none. */
export function chainOf(programmeId: string | null): string {
  return programmeId ?? '';
}

/** What is hashed: everything an entry says, in a fixed order. */
export interface ChainedContent {
  programmeId: string | null;
  seq: number;
  at: Date;
  actor: string;
  action: string;
  gateId: string | null;
  detail: unknown;
}

export const GENESIS = '';

/**
 * JSON with object keys sorted at every depth. PostgreSQL's jsonb keeps keys in its own order,
 * so the hash must not depend on the order they were written in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export function entryHash(content: ChainedContent, prevHash: string): string {
  const text = canonicalJson([
    content.programmeId,
    content.seq,
    content.at.toISOString(),
    content.actor,
    content.action,
    content.gateId,
    content.detail,
    prevHash,
  ]);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface StoredEntry extends ChainedContent {
  id: number;
  prevHash: string | null;
  hash: string | null;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

export type ChainFault =
  | { kind: 'altered'; id: number; seq: number; message: string }
  | { kind: 'missing'; seq: number; afterId: number | null; message: string };

/**
 * The first fault in one chain, or null when it is intact. `entries` are the chain's rows in
 * any order; `head` is what the chain's head row says (null when that row is gone).
 */
export function verifyChain(chain: string, entries: StoredEntry[], head: ChainHead | null): ChainFault | null {
  const rows = [...entries].sort((a, b) => a.seq - b.seq || a.id - b.id);
  const where = chain === '' ? 'the trail of no programme' : `programme ${chain}`;
  let previous: StoredEntry | null = null;
  for (const row of rows) {
    if (!Number.isInteger(row.seq) || row.seq < 1) {
      return altered(row, `audit entry #${row.id} of ${where} was altered: it has no place in the chain`);
    }
    const expectedSeq = (previous?.seq ?? 0) + 1;
    if (row.seq < expectedSeq) {
      return altered(row, `audit entry #${row.id} of ${where} repeats place ${row.seq} in the chain`);
    }
    if (row.seq > expectedSeq) return missing(expectedSeq, previous, where);
    const selfConsistent = row.hash !== null && row.prevHash !== null && entryHash(row, row.prevHash) === row.hash;
    if (!selfConsistent) {
      return altered(
        row,
        `audit entry #${row.id} (place ${row.seq}) of ${where} was altered: its hash does not match its content`,
      );
    }
    const expectedPrev = previous?.hash ?? GENESIS;
    if (row.prevHash !== expectedPrev) {
      // The row is consistent with the previous hash it recorded; so the previous entry changed
      // (its content and hash rewritten together) after this one was written.
      return previous
        ? altered(
            previous,
            `audit entry #${previous.id} (place ${previous.seq}) of ${where} was altered: entry #${row.id} recorded a different hash for it`,
          )
        : altered(row, `audit entry #${row.id} (place 1) of ${where} was altered: it does not start the chain`);
    }
    previous = row;
  }
  if (!head) {
    return rows.length ? altered(rows[rows.length - 1], `the chain head of ${where} is missing`) : null;
  }
  if (head.seq > (previous?.seq ?? 0)) return missing((previous?.seq ?? 0) + 1, previous, where);
  if (head.seq < (previous?.seq ?? 0)) {
    const extra = rows.find((r) => r.seq === head.seq + 1)!;
    return altered(extra, `audit entry #${extra.id} (place ${extra.seq}) of ${where} was added outside the chain`);
  }
  if (previous && head.hash !== previous.hash) {
    return altered(
      previous,
      `audit entry #${previous.id} (place ${previous.seq}) of ${where} was altered: the chain head recorded a different hash for it`,
    );
  }
  return null;
}

function altered(row: StoredEntry, message: string): ChainFault {
  return { kind: 'altered', id: row.id, seq: row.seq, message };
}

function missing(seq: number, after: StoredEntry | null, where: string): ChainFault {
  return {
    kind: 'missing',
    seq,
    afterId: after?.id ?? null,
    message: `audit entry at place ${seq} of ${where} is missing (${after ? `it came after entry #${after.id}` : 'it was the first'})`,
  };
}
