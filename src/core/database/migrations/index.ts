import { WebSessions1795595008337Postgres } from './postgres/1795595008337-WebSessions';
import { WebSessions1795595008337Sqlite } from './sqlite/1795595008337-WebSessions';
import { Auth1795594689886Postgres } from './postgres/1795594689886-Auth';
import { Auth1795594689886Sqlite } from './sqlite/1795594689886-Auth';
import { InitialSchema1795594616455Postgres } from './postgres/1795594616455-InitialSchema';
import { InitialSchema1795594616455Sqlite } from './sqlite/1795594616455-InitialSchema';
import { MigrationInterface } from 'typeorm';

// Listed explicitly rather than globbed, so the same list works from ts-jest and from dist/.
type MigrationClass = new () => MigrationInterface;
export const SQLITE_MIGRATIONS: MigrationClass[] = [
  InitialSchema1795594616455Sqlite,
  Auth1795594689886Sqlite,
  WebSessions1795595008337Sqlite,
];
export const POSTGRES_MIGRATIONS: MigrationClass[] = [
  InitialSchema1795594616455Postgres,
  Auth1795594689886Postgres,
  WebSessions1795595008337Postgres,
];
