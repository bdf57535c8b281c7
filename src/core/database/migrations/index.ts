import { BoardPackPostgres1796222441306 } from './postgres/1796222441306-BoardPack';
import { BoardPackSqlite1796222441306 } from './sqlite/1796222441306-BoardPack';
import { RisksLogPostgres1796218499925 } from './postgres/1796218499925-RisksLog';
import { RisksLogSqlite1796218499925 } from './sqlite/1796218499925-RisksLog';
import { RemindersPostgres1795596087820 } from './postgres/1795596087820-Reminders';
import { RemindersSqlite1795596087820 } from './sqlite/1795596087820-Reminders';
import { WebSessionsPostgres1795595008337 } from './postgres/1795595008337-WebSessions';
import { WebSessions1795595008337Sqlite } from './sqlite/1795595008337-WebSessions';
import { AuthPostgres1795594689886 } from './postgres/1795594689886-Auth';
import { Auth1795594689886Sqlite } from './sqlite/1795594689886-Auth';
import { InitialSchemaPostgres1795594616455 } from './postgres/1795594616455-InitialSchema';
import { InitialSchema1795594616455Sqlite } from './sqlite/1795594616455-InitialSchema';
import { MigrationInterface } from 'typeorm';

// Listed explicitly rather than globbed, so the same list works from ts-jest and from dist/.
// TypeORM orders migrations by the last 13 characters of their names read as a number, so the
// stamp comes last. The first three SQLite names predate that rule and are kept, because
// databases record them; they read as small numbers and so still run first, in order.
type MigrationClass = new () => MigrationInterface;
export const SQLITE_MIGRATIONS: MigrationClass[] = [
  InitialSchema1795594616455Sqlite,
  Auth1795594689886Sqlite,
  WebSessions1795595008337Sqlite,
  RemindersSqlite1795596087820,
  RisksLogSqlite1796218499925,
  BoardPackSqlite1796222441306,
];
export const POSTGRES_MIGRATIONS: MigrationClass[] = [
  InitialSchemaPostgres1795594616455,
  AuthPostgres1795594689886,
  WebSessionsPostgres1795595008337,
  RemindersPostgres1795596087820,
  RisksLogPostgres1796218499925,
  BoardPackPostgres1796222441306,
];
