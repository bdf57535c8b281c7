/**
 * A small LRU of what was worked out from a programme, keyed by programme and valid for one
 * revision (and, where the answer depends on it, one day). Every change to a programme bumps its
 * revision in the same transaction (ProgrammeWriter.touch), so one indexed lookup of the revision
 * tells whether an entry still holds; with several instances each asks the database, never itself.
 */
export class RevisionCache<T> {
  private readonly entries = new Map<string, { revision: string; today: string; value: T }>();

  constructor(private readonly capacity: number) {}

  get(id: string, revision: string, today = ''): T | undefined {
    const entry = this.entries.get(id);
    if (!entry || entry.revision !== revision || entry.today !== today) return undefined;
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry.value;
  }

  set(id: string, revision: string, today: string, value: T): void {
    this.entries.delete(id);
    this.entries.set(id, { revision, today, value });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** The revision held for a programme, if any. */
  revisionOf(id: string): string | undefined {
    return this.entries.get(id)?.revision;
  }
}
