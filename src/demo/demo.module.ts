import { Module } from '@nestjs/common';
import { ProgrammesModule } from '../programmes/programmes.module';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [ProgrammesModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoModule {}
