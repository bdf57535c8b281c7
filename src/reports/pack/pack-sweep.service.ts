import { Inject, Injectable, Logger } from '@nestjs/common';
import { Between, In } from 'typeorm';
import { IsoDate } from '../../../workflows/types';
import { WorkingCalendar } from '../../calendar/working-days';
import { Clock, businessDate } from '../../core/clock/clock';
import { AppConfig } from '../../core/config/app-config';
import { APP_CONFIG } from '../../core/config/config.module';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { isSafeAddress, senderDomain } from '../../mail/mail-headers';
import { OutboxMessageEntity } from '../../mail/outbox-message.entity';
import { NewOutboxMessage, OutboxStore, keyOf, outboxMessage } from '../../mail/outbox.store';
import { DecisionEntity } from '../../programmes/decision.entity';
import { ForecastChangeEntity } from '../../programmes/forecast-change.entity';
import { ProgrammeAggregate, ProgrammeStore } from '../../programmes/programme.store';
import { formatShort } from '../../programmes/rules/format';
import { momentOf } from '../../reminders/reminder-policy';
import { RiskChangeEntity } from '../../risks/risk-change.entity';
import { WorkflowEngine } from '../../workflows/workflow-engine.service';
import { fileName } from '../report-format';
import { ReportService } from '../report.service';
import { renderReportPdf } from '../render/report-pdf';
import { MailPreferenceEntity } from './mail-preference.entity';
import { Movement, renderMonthlyPack, renderWeeklyDigest } from './pack-message';
import { packsDue } from './pack-schedule';

export const MONTHLY_PACK = { gateId: 'pack:monthly', kind: 'highlight-report' };
export const WEEKLY_DIGEST = { programmeId: 'portfolio', gateId: 'digest:weekly', kind: 'weekly-digest' };

export interface PackSweepResult {
  monthly: number;
  digests: number;
}

/**
 * The scheduled pack: on the first working day of the month each SRO gets their programme's
 * highlight report as a PDF, and on the first working day of the week a digest of what moved.
 * Both go through the outbox under a key (programme or person, day), so each is queued once
 * however many sweeps or instances see it due. The PDFs are made before the transaction, only
 * for keys not yet queued, so the write lock is held for the inserts alone.
 */
@Injectable()
export class PackSweepService {
  private readonly logger = new Logger(PackSweepService.name);
  private readonly domain: string;

  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(ProgrammeStore) private readonly store: ProgrammeStore,
    @Inject(ReportService) private readonly reports: ReportService,
    @Inject(OutboxStore) private readonly outbox: OutboxStore,
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
    @Inject(WorkingCalendar) private readonly calendar: WorkingCalendar,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.domain = senderDomain(config.mail.from);
  }

  async sweep(): Promise<PackSweepResult> {
    const result = { monthly: 0, digests: 0 };
    if (!this.config.reports.packEnabled) return result;
    const now = this.clock.now();
    const due = packsDue(momentOf(now, this.config.timeZone), this.config.reports.packSendHour, this.calendar);
    if (!due.monthly && !due.weekly) return result;
    const aggregates = await this.store.loadAll(this.uow.read);
    const optedOut = await this.optedOut();
    const monthly = due.monthly ? await this.monthly(aggregates, due.monthly, optedOut) : [];
    const digests = due.weekly ? await this.digests(aggregates, due.weekly, optedOut) : [];
    if (!monthly.length && !digests.length) return result;
    await this.uow.run(async (em) => {
      result.monthly = await this.outbox.enqueue(em, monthly, now);
      result.digests = await this.outbox.enqueue(em, digests, now);
    });
    if (result.monthly || result.digests) {
      this.logger.log(`queued ${result.monthly} monthly report(s) and ${result.digests} weekly digest(s)`);
    }
    return result;
  }

  private async monthly(aggregates: ProgrammeAggregate[], day: IsoDate, optedOut: Optouts) {
    const queued = await this.queuedKeys(MONTHLY_PACK.gateId, day);
    const todo = aggregates.filter((a) => {
      const p = a.programme;
      const to = p.sroEmail.toLowerCase();
      return (
        this.dayOf(p.createdAt) <= day &&
        isSafeAddress(to) &&
        !optedOut.monthly.has(to) &&
        !queued.has(keyOf({ programmeId: p.id, ...MONTHLY_PACK, dueDate: day, recipient: to }))
      );
    });
    const reports = await this.reports.reportsOf(todo, day);
    const messages: NewOutboxMessage[] = [];
    for (const [i, report] of reports.entries()) {
      const p = todo[i].programme;
      const to = { name: p.sroName, email: p.sroEmail.toLowerCase() };
      const link = `${this.config.publicUrl}/programmes/${encodeURIComponent(p.id)}/report?asOf=${day}`;
      const rendered = renderMonthlyPack(report, to, link);
      const key = { programmeId: p.id, ...MONTHLY_PACK, dueDate: day, recipient: to.email };
      const pdf = await renderReportPdf(report);
      messages.push(
        outboxMessage(key, to.name, rendered, this.domain, [
          {
            filename: fileName(p.name, day, 'pdf'),
            contentType: 'application/pdf',
            contentBase64: pdf.toString('base64'),
          },
        ]),
      );
    }
    return messages;
  }

  private async digests(
    aggregates: ProgrammeAggregate[],
    week: { day: IsoDate; from: IsoDate; to: IsoDate },
    optedOut: Optouts,
  ): Promise<NewOutboxMessage[]> {
    const queued = await this.queuedKeys(WEEKLY_DIGEST.gateId, week.day);
    const bySro = new Map<string, ProgrammeAggregate[]>();
    for (const a of aggregates) {
      const to = a.programme.sroEmail.toLowerCase();
      if (!isSafeAddress(to) || optedOut.weekly.has(to)) continue;
      if (queued.has(keyOf({ ...WEEKLY_DIGEST, dueDate: week.day, recipient: to }))) continue;
      bySro.set(to, [...(bySro.get(to) ?? []), a]);
    }
    if (!bySro.size) return [];
    const moves = await this.movements([...bySro.values()].flat(), week);
    const messages: NewOutboxMessage[] = [];
    for (const [email, list] of bySro) {
      const mine = list.flatMap((a) => moves.get(a.programme.id) ?? []);
      if (!mine.length) continue; // nothing moved: no digest
      const to = { name: list[0].programme.sroName, email };
      const rendered = renderWeeklyDigest(to, week, mine, `${this.config.publicUrl}/`);
      const key = { ...WEEKLY_DIGEST, dueDate: week.day, recipient: email };
      messages.push(outboxMessage(key, to.name, rendered, this.domain));
    }
    return messages;
  }

  /** What moved in the week, per programme: re-forecasts, completions, decisions, risks. */
  private async movements(aggregates: ProgrammeAggregate[], week: { from: IsoDate; to: IsoDate }) {
    const ids = aggregates.map((a) => a.programme.id);
    const start = new Date(`${week.from}T00:00:00Z`);
    const end = new Date(new Date(`${week.to}T00:00:00Z`).getTime() + 2 * 86_400_000);
    const inWeek = (at: Date) => {
      const d = this.dayOf(at);
      return d >= week.from && d <= week.to;
    };
    const [forecasts, risks] = await Promise.all([
      this.uow.read.getRepository(ForecastChangeEntity).find({
        where: { programmeId: In(ids), at: Between(new Date(start.getTime() - 86_400_000), end) },
        order: { id: 'ASC' },
      }),
      this.uow.read.getRepository(RiskChangeEntity).find({
        where: { programmeId: In(ids), at: Between(new Date(start.getTime() - 86_400_000), end) },
        order: { id: 'ASC' },
      }),
    ]);
    const out = new Map<string, Movement[]>();
    const push = (a: ProgrammeAggregate, m: Omit<Movement, 'programme'>) =>
      out.set(a.programme.id, [...(out.get(a.programme.id) ?? []), { programme: a.programme.name, ...m }]);
    const byId = new Map(aggregates.map((a) => [a.programme.id, a]));
    for (const a of aggregates) {
      const def = this.engine.definition(a.programme.workflowId, a.programme.workflowVersion);
      const title = (gateId: string) => def.gates.find((g) => g.id === gateId)?.title ?? gateId;
      for (const g of a.gates) {
        if (g.actualDate && g.actualDate >= week.from && g.actualDate <= week.to) {
          push(a, { on: g.actualDate, what: `${title(g.gateId)} complete` });
        }
      }
      for (const d of a.decisions as DecisionEntity[]) {
        if (d.decidedOn >= week.from && d.decidedOn <= week.to) {
          const party = a.parties.find((p) => p.gateId === d.gateId && p.partyId === d.partyId)?.name ?? d.partyId;
          push(a, { on: d.decidedOn, what: `${party}: ${d.decision.replace(/-/g, ' ')}` });
        }
      }
      for (const f of forecasts) {
        if (f.programmeId !== a.programme.id || !inWeek(f.at) || f.fromDate === null || !f.toDate) continue;
        push(a, {
          on: this.dayOf(f.at),
          what: `${title(f.gateId)} re-forecast from ${formatShort(f.fromDate)} to ${formatShort(f.toDate)}: ${f.reason}`,
        });
      }
    }
    for (const r of risks) {
      const a = byId.get(r.programmeId);
      if (!a || !inWeek(r.at)) continue;
      push(a, { on: this.dayOf(r.at), what: `Risk log: ${r.reason} (score ${r.score}, ${r.status})` });
    }
    for (const list of out.values()) list.sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0));
    return out;
  }

  private async queuedKeys(gateId: string, day: IsoDate): Promise<Set<string>> {
    const rows = await this.uow.read.getRepository(OutboxMessageEntity).find({
      select: { programmeId: true, gateId: true, kind: true, dueDate: true, recipient: true },
      where: { gateId, dueDate: day },
    });
    return new Set(rows.map((r) => keyOf(r)));
  }

  private async optedOut(): Promise<Optouts> {
    const rows = await this.uow.read.getRepository(MailPreferenceEntity).find();
    return {
      monthly: new Set(rows.filter((r) => !r.monthlyPack).map((r) => r.email)),
      weekly: new Set(rows.filter((r) => !r.weeklyDigest).map((r) => r.email)),
    };
  }

  private dayOf(at: Date | string): IsoDate {
    return businessDate(new Date(at), this.config.timeZone);
  }
}

interface Optouts {
  monthly: Set<string>;
  weekly: Set<string>;
}
