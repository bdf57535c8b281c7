import { EntityManager } from 'typeorm';

// Small helpers for the few hot paths written in plain SQL: parameters and values in the
// form each dialect (and TypeORM's own mapping of the same columns) expects.

export function isPostgres(em: EntityManager): boolean {
  return em.connection.options.type === 'postgres';
}

/** `$1, $2` on PostgreSQL, `?, ?` on SQLite. */
export function params(em: EntityManager, count: number, from = 1): string {
  return Array.from({ length: count }, (_, i) => (isPostgres(em) ? `$${from + i}` : '?')).join(', ');
}

/** An instant as TypeORM stores it: a Date on PostgreSQL, UTC 'YYYY-MM-DD HH:MM:SS.SSS' text on SQLite. */
export function instant(em: EntityManager, at: Date): Date | string {
  return isPostgres(em) ? at : at.toISOString().replace('T', ' ').replace('Z', '');
}

/** A JSON column value and its placeholder cast. */
export function jsonPlaceholder(em: EntityManager, n: number): string {
  return isPostgres(em) ? `$${n}::jsonb` : '?';
}
