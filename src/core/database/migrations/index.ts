import { RequestCountersPostgres1796230779296 } from './postgres/1796230779296-RequestCounters';
import { RequestCountersSqlite1796230779296 } from './sqlite/1796230779296-RequestCounters';
import { RulesOfTodayPostgres1796218666283 } from './postgres/1796218666283-RulesOfToday';
import { RulesOfTodaySqlite1796218666283 } from './sqlite/1796218666283-RulesOfToday';
import { WhatIfScenariosPostgres1796220117767 } from './postgres/1796220117767-WhatIfScenarios';
import { WhatIfScenariosSqlite1796220117767 } from './sqlite/1796220117767-WhatIfScenarios';
import { AuditChainPostgres1796219145515 } from './postgres/1796219145515-AuditChain';
import { AuditChainSqlite1796219145515 } from './sqlite/1796219145515-AuditChain';
import { RunningProgrammesPostgres1796218642901 } from './postgres/1796218642901-RunningProgrammes';
import { RunningProgrammesSqlite1796218642901 } from './sqlite/1796218642901-RunningProgrammes';
import { BoardPackPostgres1796222441306 } from './postgres/1796222441306-BoardPack';
import { BoardPackSqlite1796222441306 } from './sqlite/1796222441306-BoardPack';
import { RisksLogPostgres1796218499925 } from './postgres/1796218499925-RisksLog';
import { RisksLogSqlite1796218499925 } from './sqlite/1796218499925-RisksLog';
import { CalendarFeedsPostgres1796218957342 } from './postgres/1796218957342-CalendarFeeds';
import { CalendarFeedsSqlite1796218957342 } from './sqlite/1796218957342-CalendarFeeds';
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
import { CallInRegionSqlite1796300000000 } from './sqlite/1796300000000-CallInRegion';
import { CallInRegionPostgres1796300000000 } from './postgres/1796300000000-CallInRegion';
type MigrationClass = new () => MigrationInterface;
export const SQLITE_MIGRATIONS: MigrationClass[] = [
  InitialSchema1795594616455Sqlite,
  Auth1795594689886Sqlite,
  WebSessions1795595008337Sqlite,
  RemindersSqlite1795596087820,
  RulesOfTodaySqlite1796218666283,
  WhatIfScenariosSqlite1796220117767,
  AuditChainSqlite1796219145515,
  RunningProgrammesSqlite1796218642901,
  RisksLogSqlite1796218499925,
  CalendarFeedsSqlite1796218957342,
  BoardPackSqlite1796222441306,
  RequestCountersSqlite1796230779296,
  CallInRegionSqlite1796300000000,
];
export const POSTGRES_MIGRATIONS: MigrationClass[] = [
  InitialSchemaPostgres1795594616455,
  AuthPostgres1795594689886,
  WebSessionsPostgres1795595008337,
  RemindersPostgres1795596087820,
  RulesOfTodayPostgres1796218666283,
  WhatIfScenariosPostgres1796220117767,
  AuditChainPostgres1796219145515,
  RunningProgrammesPostgres1796218642901,
  RisksLogPostgres1796218499925,
  CalendarFeedsPostgres1796218957342,
  BoardPackPostgres1796222441306,
  RequestCountersPostgres1796230779296,
  CallInRegionPostgres1796300000000,
];
