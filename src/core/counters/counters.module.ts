import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { CounterStore, MemoryCounterStore, PostgresCounterStore } from './counter-store';

/** The counters of rate limits, bearer back-off and sign-in lock-outs: shared on PostgreSQL, in the process on SQLite. */
@Global()
@Module({
  providers: [
    {
      provide: CounterStore,
      inject: [DataSource, Clock],
      useFactory: (dataSource: DataSource, clock: Clock): CounterStore => {
        const now = () => clock.ticking();
        return dataSource.options.type === 'postgres'
          ? new PostgresCounterStore(dataSource, now)
          : new MemoryCounterStore(now);
      },
    },
  ],
  exports: [CounterStore],
})
export class CountersModule {}
