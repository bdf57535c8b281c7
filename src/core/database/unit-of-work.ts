import type { Database, Statement } from 'better-sqlite3';
import { open } from 'node:fs/promises';
import { DataSource, EntityManager, QueryFailedError, QueryRunner, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { QueryResult } from 'typeorm/query-runner/QueryResult';

interface Pending<T = unknown> {
  work: (manager: EntityManager) => Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

const MAX_GROUP = 64;

/** Makes what was written to a file durable (fdatasync). */
export type SyncFile = (path: string) => Promise<void>;

/** fdatasync on libuv's thread pool: the event loop serves other requests while the disk confirms. */
export const syncFileOffTheLoop: SyncFile = async (path) => {
  const handle = await open(path, 'r');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
};

/**
 * Every multi-row write goes through `UnitOfWork.run`, one explicit transaction.
 *
 * On PostgreSQL transactions run concurrently; services lock the rows they change.
 *
 * SQLite has a single writer, and TypeORM's better-sqlite3 driver shares one connection:
 * two overlapping transactions would collide. So on SQLite writes queue in-process, and
 * each transaction begins IMMEDIATE, taking the write lock up front, so a reader can never
 * be promoted into a deadlock. Writes that queue up while a commit is in progress share the
 * next transaction (group commit): each runs inside its own savepoint, so one that fails is
 * rolled back alone, and every caller is answered only after the shared COMMIT is durable.
 * One fsync then serves many requests instead of one, and it waits on the thread pool, not on
 * the event loop; until it returns, reads wait too (decision 035).
 */
export class UnitOfWork {
  readonly dialect: 'sqlite' | 'postgres';
  private readonly pending: Pending[] = [];
  private draining = false;
  /** Told the seconds each write transaction took, begin to commit (the metrics set it). */
  observeTransaction: ((seconds: number) => void) | null = null;

  /**
   * Settles when the last commit's log is on disk; null when no commit is waiting for its sync.
   * Set before COMMIT, so that a read can never see a commit that is not yet durable.
   */
  private unsynced: Promise<void> | null = null;
  /** The SQLite write-ahead log, synced after each group's commit; null in memory or on PostgreSQL. */
  private readonly log: string | null;

  /**
   * @param reader where reads outside a transaction go. On SQLite a second, read-only
   * connection, so a read never sees another request's uncommitted writes on the shared
   * writer connection.
   * @param syncFile how a group's log is made durable after its COMMIT (a test holds it back).
   */
  constructor(
    readonly dataSource: DataSource,
    readonly reader: DataSource = dataSource,
    private readonly syncFile: SyncFile = syncFileOffTheLoop,
  ) {
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
    const file = this.dialect === 'sqlite' ? String(dataSource.options.database) : ':memory:';
    this.log = file === ':memory:' ? null : `${file}-wal`;
    // The read-only connection's queries take the same direct path (every authenticated request checks its
    // token there), waiting first for a commit whose log is being synced; transactions, and so BEGIN
    // IMMEDIATE, are the writer's alone.
    if (this.dialect === 'sqlite' && reader !== dataSource) {
      directStatements(reader.createQueryRunner(), false, () => this.unsynced);
    }
  }

  /** The manager for reads outside any transaction. */
  get read(): EntityManager {
    return this.reader.manager;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') return this.transaction(work);
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve, reject } as Pending);
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.pending.length) {
        // better-sqlite3 answers synchronously, so a whole transaction can run in microtasks
        // without the event loop ever reading the sockets of requests already waiting. One
        // turn of the loop first lets them join this group.
        await new Promise((resolve) => setImmediate(resolve));
        await this.runGroup(this.pending.splice(0, MAX_GROUP));
      }
    } finally {
      this.draining = false;
    }
  }

  private async runGroup(group: Pending[]): Promise<void> {
    const started = this.observeTransaction ? performance.now() : 0;
    const runner = this.dataSource.createQueryRunner();
    directStatements(runner, true);
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    let synced: (() => void) | undefined;
    try {
      await runner.connect();
      // This group's COMMIT does not wait for the disk on the event loop (synchronous = NORMAL only
      // for it); the log is synced on the thread pool below before anyone is answered. Every other
      // write on the connection (migrations, the CLI's) keeps synchronous = FULL.
      if (this.log) await runner.query('PRAGMA synchronous = NORMAL');
      await runner.startTransaction();
      for (const item of group) {
        await runner.query('SAVEPOINT unit_of_work');
        try {
          const value = await item.work(runner.manager);
          await runner.query('RELEASE unit_of_work');
          outcomes.push({ ok: true, value });
        } catch (error) {
          await runner.query('ROLLBACK TO unit_of_work');
          await runner.query('RELEASE unit_of_work');
          outcomes.push({ ok: false, error });
        }
      }
      if (this.log) this.unsynced = new Promise<void>((resolve) => (synced = resolve));
      await runner.commitTransaction();
      if (this.log) {
        await runner.query('PRAGMA synchronous = FULL');
        await this.syncFile(this.log);
      }
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      if (this.log) await runner.query('PRAGMA synchronous = FULL').catch(() => undefined);
      await runner.release();
      for (const item of group) item.reject(error);
      return;
    } finally {
      this.unsynced = null;
      synced?.();
    }
    this.observeTransaction?.((performance.now() - started) / 1000);
    await runner.release();
    group.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  private async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const started = this.observeTransaction ? performance.now() : 0;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const result = await work(runner.manager);
      await runner.commitTransaction();
      this.observeTransaction?.((performance.now() - started) / 1000);
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}

// The better-sqlite3 driver hands out one shared query runner (there is one connection), so
// the wrapper is installed once per runner, never stacked on itself.
const direct = new WeakSet<QueryRunner>();

/** Prepared statements kept per connection, by their SQL; emptied past this many. */
const STATEMENT_CACHE = 500;

/**
 * SQLite queries run on better-sqlite3 directly: its statements are synchronous, so TypeORM's
 * asynchronous path around each one (query events, three awaits, a result object, a clock read
 * either side) cost more than the statement, some fifteen times in every decision and twice in
 * every authenticated read (docs/benchmarks.md). Same answers as TypeORM's driver gives: the rows
 * of a statement that returns rows, else the last inserted row id, or the structured result when
 * asked for one (the ORM's insert and update builders ask); booleans bound as 0 and 1; a failure as
 * TypeORM's QueryFailedError, and a released runner's as TypeORM's own error. On the writer every
 * transaction begins IMMEDIATE, taking the write lock up front, so a reader can never be promoted
 * into a deadlock.
 */
function directStatements(
  runner: QueryRunner,
  beginImmediate: boolean,
  waitFor: () => Promise<void> | null = () => null,
): void {
  if (direct.has(runner)) return;
  direct.add(runner);
  const driver = runner.connection.driver as unknown as { databaseConnection: Database };
  const statements = new Map<string, Statement>();
  let preparedOn: Database | undefined;
  const prepared = (sql: string): Statement => {
    // The connection of the moment: a data source closed and opened again has a new one.
    const database = driver.databaseConnection;
    if (database !== preparedOn || statements.size >= STATEMENT_CACHE) {
      statements.clear();
      preparedOn = database;
    }
    let statement = statements.get(sql);
    if (!statement) {
      statement = database.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  runner.query = (async (sql: string, parameters: unknown[] = [], structured = false) => {
    if (runner.isReleased) throw new QueryRunnerAlreadyReleasedError();
    const wait = waitFor();
    if (wait) await wait;
    const text = beginImmediate && sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE' : sql;
    const values = parameters.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
    try {
      const statement = prepared(text);
      const result = new QueryResult();
      if (statement.reader) {
        const rows = statement.all(...values);
        result.raw = rows;
        result.records = rows;
      } else {
        const info = statement.run(...values);
        result.affected = info.changes;
        result.raw = info.lastInsertRowid;
      }
      return structured ? result : result.raw;
    } catch (error) {
      throw new QueryFailedError(text, values, error as Error);
    }
  }) as QueryRunner['query'];
}
