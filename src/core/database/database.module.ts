import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { createDataSource, createReader, migrate } from './data-source';
import { UnitOfWork } from './unit-of-work';

@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const logger = new Logger('Database');
        const dataSource = createDataSource(config.databaseUrl);
        await dataSource.initialize();
        const applied = await migrate(dataSource);
        logger.log(
          `${dataSource.options.type} ready${applied.length ? `; applied migrations: ${applied.join(', ')}` : ''}`,
        );
        return dataSource;
      },
    },
    {
      provide: UnitOfWork,
      inject: [DataSource],
      useFactory: async (ds: DataSource) => new UnitOfWork(ds, await createReader(ds)),
    },
  ],
  exports: [DataSource, UnitOfWork],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.uow.reader !== this.dataSource && this.uow.reader.isInitialized) await this.uow.reader.destroy();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
