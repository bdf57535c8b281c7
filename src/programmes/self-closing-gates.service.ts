import { Inject, Injectable, Logger } from '@nestjs/common';
import { In } from 'typeorm';
import { Clock } from '../core/clock/clock';
import { UnitOfWork } from '../core/database/unit-of-work';
import { WorkflowEngine } from '../workflows/workflow-engine.service';
import { GateEntity } from './gate.entity';
import { ProgrammeStore, persistedOf } from './programme.store';
import { ProgrammeWriter } from './programme-writer';
import { automaticEvents } from './regime-steps';
import { isPaused } from '../../workflows/types';

/**
 * Gates that close by themselves on the calendar (the judicial review window, 3 months after the decision),
 * closed on schedule rather than only when the programme next changes. Run with every reminder run, so a
 * service that was down closes them on its next run, dated the day the window closed. Each programme is
 * one transaction holding its lock and reading its snapshot afresh, so two instances close a gate once: the
 * second finds it complete. A programme paused by a call-in is left as it is until the pause ends.
 */
@Injectable()
export class SelfClosingGates {
  private readonly logger = new Logger(SelfClosingGates.name);
  private readonly gateIds: string[];

  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(ProgrammeStore) private readonly store: ProgrammeStore,
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
    @Inject(ProgrammeWriter) private readonly writer: ProgrammeWriter,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    const ids = engine.definitions().flatMap((d) => d.gates.filter((g) => g.closesItself).map((g) => g.id));
    this.gateIds = [...new Set(ids)];
  }

  /** Closes every self-closing gate whose time has come; answers how many it closed. */
  async close(): Promise<number> {
    if (!this.gateIds.length) return 0;
    const open = await this.uow.read
      .getRepository(GateEntity)
      .find({ select: { programmeId: true }, where: { gateId: In(this.gateIds), status: 'open' } });
    let closed = 0;
    for (const programmeId of [...new Set(open.map((g) => g.programmeId))]) closed += await this.closeIn(programmeId);
    if (closed) this.logger.log(`closed ${closed} gate(s) whose window had passed`);
    return closed;
  }

  private closeIn(programmeId: string): Promise<number> {
    const today = this.clock.today();
    return this.uow.run(async (em) => {
      const aggregate = await this.store.load(em, programmeId, { lock: true });
      const { def, statuses, context } = this.engine.inspect(persistedOf(aggregate.programme));
      if (isPaused(context.callIn?.status)) return 0;
      const closing = automaticEvents(def, context, statuses, aggregate.programme, today).filter(
        (e) => e.type === 'gate.complete' && def.gates.find((g) => g.id === e.gateId)?.closesItself,
      );
      for (const event of closing) {
        const result = this.engine.apply(persistedOf(aggregate.programme), event, (p) => p);
        await this.writer.saveState(em, aggregate, result.persisted, result.statuses, result.context);
        await this.writer.audit.append(em, {
          programmeId,
          actor: 'system',
          action: 'gate.completed',
          gateId: event.gateId,
          detail: { after: event, causedBy: 'schedule' },
        });
      }
      if (closing.length) await this.writer.touch(em, aggregate.programme);
      return closing.length;
    });
  }
}
