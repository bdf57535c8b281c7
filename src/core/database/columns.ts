import { Column, ColumnOptions } from 'typeorm';
import { databaseDialect } from '../config/app-config';

// One schema, two dialects: these helpers pick each dialect's natural type, so that
// PostgreSQL gets timestamptz and jsonb while SQLite gets datetime and JSON text.
// The dialect is known from DATABASE_URL before any entity class is declared.
const postgres = databaseDialect() === 'postgres';

/** An instant, stored in UTC. */
export function InstantColumn(options: ColumnOptions = {}) {
  return Column({ type: postgres ? 'timestamptz' : 'datetime', ...options });
}

/** A JSON document. */
export function JsonColumn(options: ColumnOptions = {}) {
  return Column({ type: postgres ? 'jsonb' : 'simple-json', ...options });
}

/** A business date, YYYY-MM-DD in Europe/London. */
export function BusinessDateColumn(options: ColumnOptions = {}) {
  return Column({ type: 'date', nullable: true, ...options });
}
