// Ids that reach a lookup come from outside (a party id in a request, a gate id in a path). Looking them up
// with `record[id]` would find what every object inherits: `constructor`, `toString`, `__proto__`. Every
// lookup by such an id goes through `own`, which sees only the record's own keys.

/** The value stored under `key` in `record` itself, never one inherited from its prototype. */
export function own<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return record != null && Object.hasOwn(record, key) ? record[key] : undefined;
}
