import { ChainHead, StoredEntry, canonicalJson, entryHash, verifyChain } from './audit-chain';

const PROGRAMME = 'bct';

/** A well-formed chain of n entries, as the service writes it, and its head. */
function chain(n: number): { entries: StoredEntry[]; head: ChainHead } {
  const entries: StoredEntry[] = [];
  let prev = '';
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      programmeId: PROGRAMME,
      seq,
      at: new Date(Date.UTC(2015, 9, 27, 9, seq)),
      actor: 'Helen Seth <helen.seth@example.nhs.uk>',
      action: 'decision.recorded',
      gateId: 'partner-approvals',
      detail: { partyId: `party-${seq}`, decision: 'approved', nested: { b: 1, a: [1, 'two'] } },
    };
    const hash = entryHash(content, prev);
    entries.push({ ...content, id: seq * 10, prevHash: prev, hash });
    prev = hash;
  }
  return { entries, head: { seq: n, hash: prev } };
}

describe('canonicalJson', () => {
  it('does not depend on the order keys were written in, at any depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });
});

describe('verifyChain', () => {
  it('finds an intact chain intact, in whatever order the rows come', () => {
    const { entries, head } = chain(5);
    expect(verifyChain(PROGRAMME, [...entries].reverse(), head)).toBeNull();
    expect(verifyChain(PROGRAMME, [], null)).toBeNull();
  });

  it('names an entry whose content was changed', () => {
    const { entries, head } = chain(5);
    entries[2] = { ...entries[2], detail: { ...(entries[2].detail as object), decision: 'not-approved' } };
    expect(verifyChain(PROGRAMME, entries, head)).toMatchObject({ kind: 'altered', id: 30, seq: 3 });
  });

  it('names an entry whose content and hash were both rewritten, by the next entry', () => {
    const { entries, head } = chain(5);
    const forged = { ...entries[1], actor: 'Someone Else <someone@example.nhs.uk>' };
    entries[1] = { ...forged, hash: entryHash(forged, forged.prevHash!) };
    expect(verifyChain(PROGRAMME, entries, head)).toMatchObject({ kind: 'altered', id: 20 });
  });

  it('names the last entry when it was rewritten with its hash, by the chain head', () => {
    const { entries, head } = chain(3);
    const forged = { ...entries[2], action: 'nothing.happened' };
    entries[2] = { ...forged, hash: entryHash(forged, forged.prevHash!) };
    expect(verifyChain(PROGRAMME, entries, head)).toMatchObject({ kind: 'altered', id: 30 });
  });

  it('names the place of an entry removed from the middle, and of one cut off the end', () => {
    const { entries, head } = chain(5);
    expect(
      verifyChain(
        PROGRAMME,
        entries.filter((e) => e.seq !== 3),
        head,
      ),
    ).toMatchObject({
      kind: 'missing',
      seq: 3,
      afterId: 20,
    });
    expect(verifyChain(PROGRAMME, entries.slice(0, 4), head)).toMatchObject({ kind: 'missing', seq: 5, afterId: 40 });
    expect(verifyChain(PROGRAMME, entries.slice(1), head)).toMatchObject({ kind: 'missing', seq: 1, afterId: null });
  });

  it('notices an entry slipped in outside the chain, a lost head, and an entry with no place', () => {
    const { entries, head } = chain(3);
    expect(verifyChain(PROGRAMME, entries, { seq: 2, hash: entries[1].hash! })).toMatchObject({ id: 30 });
    expect(verifyChain(PROGRAMME, entries, null)).toMatchObject({ kind: 'altered', id: 30 });
    entries[0] = { ...entries[0], seq: 0 };
    expect(verifyChain(PROGRAMME, entries, head)).toMatchObject({ kind: 'altered', id: 10 });
  });
});
