import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Every multi-row write goes through `UnitOfWork.run`, one explicit transaction.
 *
 * SQLite has a single writer, and TypeORM's better-sqlite3 driver shares one connection:
 * two overlapping transactions would collide. So on SQLite write transactions queue
 * in-process, one at a time, and each begins IMMEDIATE, taking the write lock up front, so
 * a reader can never be promoted into a deadlock. On PostgreSQL transactions run
 * concurrently; services lock the rows they change (`lockProgramme`).
 */
export class UnitOfWork {
  private queue: Promise<unknown> = Promise.resolve();
  readonly dialect: 'sqlite' | 'postgres';

  constructor(readonly dataSource: DataSource) {
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') return this.transaction(work);
    const next = this.queue.then(
      () => this.transaction(work),
      () => this.transaction(work),
    );
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    if (this.dialect === 'sqlite') beginImmediately(runner);
    await runner.connect();
    await runner.startTransaction();
    try {
      const result = await work(runner.manager);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}

function beginImmediately(runner: QueryRunner): void {
  const query = runner.query.bind(runner) as QueryRunner['query'];
  runner.query = ((sql: string, ...rest: unknown[]) =>
    (query as (...args: unknown[]) => Promise<unknown>)(
      sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE' : sql,
      ...rest,
    )) as QueryRunner['query'];
}
