import { EntityManager } from 'typeorm';

// Small helpers for the few hot paths written in plain SQL: parameters and values in the
// form each dialect (and TypeORM's own mapping of the same columns) expects.

export function isPostgres(em: EntityManager): boolean {
  return em.connection.options.type === 'postgres';
}

/** The n-th positional parameter: `$n` on PostgreSQL, `?` on SQLite. */
export function param(em: EntityManager, n: number): string {
  return isPostgres(em) ? `$${n}` : '?';
}

/** `$1, $2` on PostgreSQL, `?, ?` on SQLite. */
export function params(em: EntityManager, count: number, from = 1): string {
  return Array.from({ length: count }, (_, i) => param(em, from + i)).join(', ');
}

/** An instant as TypeORM stores it: a Date on PostgreSQL, UTC 'YYYY-MM-DD HH:MM:SS.SSS' text on SQLite. */
export function instant(em: EntityManager, at: Date): Date | string {
  return isPostgres(em) ? at : at.toISOString().replace('T', ' ').replace('Z', '');
}

/** A JSON column value and its placeholder cast. */
export function jsonPlaceholder(em: EntityManager, n: number): string {
  return isPostgres(em) ? `$${n}::jsonb` : '?';
}

/** An instant read back from either dialect: a Date (PostgreSQL) or UTC 'YYYY-MM-DD HH:MM:SS.SSS' text (SQLite). */
export function toInstant(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}
