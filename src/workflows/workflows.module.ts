import { Global, Module } from '@nestjs/common';
import { WorkflowEngine } from './workflow-engine.service';
import { WorkflowsController } from './workflows.controller';

@Global()
@Module({ controllers: [WorkflowsController], providers: [WorkflowEngine], exports: [WorkflowEngine] })
export class WorkflowsModule {}
