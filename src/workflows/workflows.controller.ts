import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '../core/openapi/api-docs';
import { toMermaid } from '../../workflows/diagram';
import { WorkflowDefinition } from '../../workflows/types';
import { ValidationFailed } from '../core/errors/domain-error';
import { Public } from '../auth/auth.decorators';
import { WorkflowEngine } from './workflow-engine.service';

function summary(def: WorkflowDefinition) {
  return {
    id: def.id,
    version: def.version,
    title: def.title,
    gates: def.gates.map((g) => ({ id: g.id, title: g.title, kind: g.kind })),
  };
}

@ApiTags('workflows')
@ApiBearerAuth()
@Public()
@Controller('api/workflows')
export class WorkflowsController {
  constructor(@Inject(WorkflowEngine) private readonly engine: WorkflowEngine) {}

  /** The newest version of each workflow; `?all=true` lists every released version. */
  @Get()
  list(@Query('all') all?: string) {
    return (all === 'true' ? this.engine.definitions() : this.engine.latest()).map(summary);
  }

  @Get(':id')
  get(@Param('id') id: string, @Query('version') version?: string) {
    if (version !== undefined && !/^\d+$/.test(version)) {
      throw new ValidationFailed([{ field: 'version', message: 'expected a whole number' }]);
    }
    const def = this.engine.definition(id, version === undefined ? undefined : Number(version));
    return {
      ...summary(def),
      description: def.description,
      versions: this.engine
        .definitions()
        .filter((d) => d.id === id)
        .map((d) => d.version),
      gates: def.gates.map((g) => ({
        id: g.id,
        title: g.title,
        kind: g.kind,
        description: g.description,
        dependsOn: g.dependsOn,
        evidence: g.evidence ?? [],
        partyKind: g.partyKind,
      })),
      consultation: def.consultation,
      diagram: { format: 'mermaid', source: toMermaid(def) },
    };
  }
}
