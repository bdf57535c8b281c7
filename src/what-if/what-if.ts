import { longEnough, outsidePreElection } from '../../workflows/guards';
import { GateStatus, IsoDate, Refusal } from '../../workflows/types';
import { addDays, maxDate } from '../calendar/iso-date';
import { WorkingCalendar } from '../calendar/working-days';
import { FieldError } from '../core/errors/domain-error';
import { defaultPeriodEnd } from '../elections/election-rules';
import { GateEntity } from '../programmes/gate.entity';
import { ProgrammeAggregate } from '../programmes/programme.store';
import { ProgrammeView, ViewInputs, plannedGates, programmeView } from '../programmes/programme-view';
import { ElectionPeriod, GateSlack, criticalPath } from '../programmes/rules/critical-path';
import { formatShort } from '../programmes/rules/format';
import { openConditionsFor, openConditionsRefusal } from '../programmes/rules/regime';
import { PlannedGate, applyMoves, plannedGap, projectSchedule, reforecastPlan } from '../programmes/rules/schedule';
import { WhatIfChange } from './what-if.dto';

// A what-if: hypothetical changes turned into the re-forecasts a programme office would then
// record, applied with the very rule the real re-forecast uses (rules/schedule.ts,
// reforecastPlan), and the programme shown as it would be. Pure: nothing here reads a clock
// or a database, and nothing is written anywhere.

export interface WhatIfInputs extends ViewInputs {
  /** The pre-election periods that apply to this programme (extra elections in the changes come on top). */
  periods: ElectionPeriod[];
  /** What holds each unfinished gate back now, by gate id. */
  blockers?: Record<string, Refusal>;
  /** The programme as it is, when the caller has it already (as GET shows it); worked out otherwise. */
  before?: ProgrammeView;
  changes: WhatIfChange[];
}

/** A step the workflow would refuse in the programme as it would be, and why. */
export interface WhatIfRefusal {
  gateId: string;
  step: 'launch' | 'complete';
  code: string;
  reason: string;
  /** The open conditions behind a CONDITIONS_OPEN refusal: no hypothetical change discharges them. */
  conditions?: Array<{ id: number; gateId: string; text: string }>;
}

/** One re-forecast the what-if stands for: replaying these through the API gives the same programme. */
export interface PlannedReforecast {
  gateId: string;
  forecastDate: IsoDate;
  reason: string;
}

export interface GateMove {
  gateId: string;
  title: string;
  from: IsoDate | null;
  to: IsoDate | null;
  /** Working days from `from` to `to`, counted as a re-forecast counts them. */
  workingDays: number | null;
  why: string;
  ragFrom: string;
  ragTo: string;
}

export interface ConsultationWindow {
  startsOn: IsoDate;
  closesOn: IsoDate;
  lengthDays: number;
  launched: boolean;
}

export interface Clash {
  kind: 'launch' | 'overlap';
  gateId: string;
  election: ElectionPeriod;
  /** The launch date refused, or the first day of the overlap. */
  date: IsoDate;
  overlapWorkingDays?: number;
  /** The first working day after the period: when the launch could go instead. */
  firstWorkingDayAfter: IsoDate;
  reason: string;
}

export interface WhatIfAnswer {
  asOf: IsoDate;
  revision: number;
  programme: ProgrammeView;
  changes: GateMove[];
  consultation: { gateId: string; before: ConsultationWindow | null; after: ConsultationWindow | null } | null;
  criticalPath: string[];
  slack: Array<GateSlack & { title: string }>;
  clashes: Clash[];
  /**
   * Steps that would be refused: gates held by open conditions (first, as the guard checks them first), the
   * consultation launch on its would-be dates, and what holds each open gate back.
   */
  refusals: WhatIfRefusal[];
  reforecasts: PlannedReforecast[];
  notes: string[];
  elections: ElectionPeriod[];
}

const done = (status: GateStatus | undefined) => status === 'complete' || status === 'running';

/** What is wrong with the changes for this programme, field by field; empty when they can be run. */
export function checkChanges(inputs: Pick<WhatIfInputs, 'aggregate' | 'def' | 'statuses' | 'today' | 'changes'>) {
  const { def, statuses, today, changes, aggregate } = inputs;
  const errors: FieldError[] = [];
  // One forecast per gate, or expected decisions (one per party), never both: each sets the gate's date.
  const forecasts = new Map<string, number>();
  const decisions = new Map<string, number>();
  const lengths = new Map<string, number>();
  changes.forEach((c, i) => {
    const at = `changes.${i}`;
    if (c.election) return;
    const gate = def.gates.find((g) => g.id === c.gateId);
    if (!gate) {
      errors.push({ field: `${at}.gateId`, message: `${def.title} has no gate '${c.gateId}'` });
      return;
    }
    const earlier =
      c.forecastDate !== undefined
        ? (forecasts.get(gate.id) ?? [...decisions].find(([k]) => k.startsWith(`${gate.id}/`))?.[1])
        : c.expectedOn !== undefined
          ? (decisions.get(`${gate.id}/${c.partyId}`) ?? forecasts.get(gate.id))
          : lengths.get(gate.id);
    if (earlier !== undefined) {
      errors.push({ field: `${at}.gateId`, message: `${gate.title} is already changed by changes.${earlier}` });
      return;
    }
    if (c.forecastDate !== undefined) forecasts.set(gate.id, i);
    else if (c.expectedOn !== undefined) decisions.set(`${gate.id}/${c.partyId}`, i);
    else lengths.set(gate.id, i);
    const status = statuses[gate.id];
    const date = c.forecastDate ?? c.expectedOn;
    if (c.consultationDays !== undefined) {
      if (gate.kind !== 'consultation') {
        errors.push({ field: `${at}.consultationDays`, message: `${gate.title} is not a consultation` });
      } else if (status === 'complete') {
        errors.push({ field: `${at}.gateId`, message: `${gate.title} is complete: its length is a fact now` });
      }
      return;
    }
    if (done(status)) {
      errors.push({
        field: `${at}.gateId`,
        message: `${gate.title} is already ${status === 'running' ? 'under way' : 'complete'}: its dates are actuals now, not forecasts`,
      });
      return;
    }
    if (date && date < today) {
      errors.push({
        field: `${at}.${c.forecastDate ? 'forecastDate' : 'expectedOn'}`,
        message: `must not be earlier than today (${today})`,
      });
    }
    if (c.partyId !== undefined) {
      if (gate.kind !== 'approval') {
        errors.push({ field: `${at}.partyId`, message: `${gate.title} is not an approval gate` });
        return;
      }
      const party = aggregate.parties.find((p) => p.gateId === gate.id && p.partyId === c.partyId);
      if (!party) {
        errors.push({ field: `${at}.partyId`, message: `${gate.title} has no party '${c.partyId}'` });
        return;
      }
      const latest = [...aggregate.decisions].reverse().find((d) => d.gateId === gate.id && d.partyId === c.partyId);
      if (latest && (latest.decision === 'approved' || latest.decision === 'approved-with-conditions')) {
        errors.push({
          field: `${at}.partyId`,
          message: `${party.name} has already ${latest.decision === 'approved' ? 'approved' : 'approved with conditions'} (${latest.decidedOn})`,
        });
      }
    }
  });
  return errors;
}

/** The programme as it would be after the changes (which checkChanges has passed). */
export function whatIf(inputs: WhatIfInputs): WhatIfAnswer {
  const { aggregate, def, statuses, context, today, calendar, changes } = inputs;
  const titles = new Map(def.gates.map((g) => [g.id, g.title]));
  const title = (id: string) => titles.get(id) ?? id;
  const partyName = (gateId: string, partyId: string) =>
    aggregate.parties.find((p) => p.gateId === gateId && p.partyId === partyId)?.name ?? partyId;
  const viewOf = (planned: PlannedGate[]) => programmeView({ ...inputs, aggregate: withDates(aggregate, planned) });

  let planned = plannedGates(aggregate, def, statuses);
  const reforecasts: PlannedReforecast[] = [];
  const direct = new Map<string, string>();
  const causes = new Map<string, string>();
  const notes: string[] = [];
  const reforecast = (gateId: string, date: IsoDate, reason: string) => {
    const plan = reforecastPlan(planned, gateId, date, calendar);
    planned = applyMoves(planned, plan.moves, plan.baselineDate ? { [gateId]: plan.baselineDate } : {});
    reforecasts.push({ gateId, forecastDate: date, reason });
    for (const m of plan.moves) if (m.causedBy) causes.set(m.gateId, m.causedBy);
  };

  const extra: ElectionPeriod[] = changes.flatMap((c) =>
    c.election
      ? [
          {
            name: c.election.name,
            periodStart: c.election.periodStart,
            pollDate: c.election.pollDate,
            periodEnd: c.election.periodEnd ?? defaultPeriodEnd(c.election.scope ?? 'national', c.election.pollDate),
            scope: c.election.scope ?? 'national',
          },
        ]
      : [],
  );
  const periods = [...inputs.periods, ...extra];
  const normalDays = def.consultation?.normalLengthDays ?? 84;
  let lengthDays = normalDays;

  // Upstream first, as a programme office would re-forecast them: the order of the workflow's gates.
  const byGate = new Map<string, WhatIfChange[]>();
  for (const c of changes) {
    if (c.gateId === undefined) continue;
    const mine = byGate.get(c.gateId);
    if (mine) mine.push(c);
    else byGate.set(c.gateId, [c]);
  }
  for (const gate of def.gates) {
    const mine = byGate.get(gate.id);
    if (!mine) continue;
    const forecast = mine.find((c) => c.forecastDate);
    if (forecast?.forecastDate) {
      const why = `Re-forecast to ${formatShort(forecast.forecastDate)} in this what-if`;
      reforecast(
        gate.id,
        forecast.forecastDate,
        `What if: ${title(gate.id)} re-forecast to ${formatShort(forecast.forecastDate)}`,
      );
      direct.set(gate.id, why);
    }
    const expected = mine.filter((c) => c.expectedOn);
    if (expected.length) {
      const last = expected.reduce((a, b) => (b.expectedOn! > a.expectedOn! ? b : a));
      const who = partyName(gate.id, last.partyId!);
      const now = projectSchedule(planned, calendar, today).get(gate.id);
      const why = `${who}'s decision expected on ${formatShort(last.expectedOn!)}`;
      if (!now || last.expectedOn! > now) {
        reforecast(gate.id, last.expectedOn!, `What if: ${why}`);
        direct.set(gate.id, why);
      } else {
        notes.push(`${why}: ${title(gate.id)} is already forecast for ${formatShort(now)}, so nothing moves`);
      }
    }
    const length = mine.find((c) => c.consultationDays !== undefined);
    if (length?.consultationDays !== undefined) {
      lengthDays = length.consultationDays;
      const running = context.gates[gate.id]?.consultation;
      const projected = projectSchedule(planned, calendar, today);
      const start = running?.startsOn ?? projected.get(gate.id);
      if (!start) continue;
      const plannedClose = running?.closesOn ?? addDays(start, normalDays);
      const newClose = addDays(start, lengthDays);
      const extraDays = calendar.workingDaysBetween(plannedClose, newClose);
      if (extraDays <= 0) {
        if (extraDays < 0)
          notes.push(
            `A shorter consultation closes ${-extraDays} working days earlier; later gates are not brought forward by a what-if (re-forecast them if the plan allows)`,
          );
        continue;
      }
      for (const next of def.gates.filter((g) => g.dependsOn.includes(gate.id))) {
        const at = projectSchedule(planned, calendar, today).get(next.id);
        if (!at || done(statuses[next.id])) continue;
        const to = calendar.addWorkingDays(at, extraDays);
        reforecast(
          next.id,
          to,
          `What if: the consultation runs ${lengthDays} days, closing on ${formatShort(newClose)}`,
        );
        direct.set(next.id, `The consultation closes ${extraDays} working days later (${formatShort(newClose)})`);
        causes.set(next.id, gate.id);
      }
    }
  }

  const before = inputs.before ?? programmeView(inputs);
  const after = viewOf(planned);
  const beforeGates = new Map(before.gates.map((g) => [g.id, g]));
  const byId = new Map(planned.map((g) => [g.id, g]));
  const moves: GateMove[] = [];
  for (const g of after.gates) {
    const was = beforeGates.get(g.id)!;
    if (was.forecastDate === g.forecastDate || g.status === 'complete') continue;
    const cause = causes.get(g.id);
    const gap = cause ? plannedGap(byId.get(cause)!, byId.get(g.id)!, calendar) : null;
    moves.push({
      gateId: g.id,
      title: g.title,
      from: was.forecastDate,
      to: g.forecastDate,
      workingDays:
        was.forecastDate && g.forecastDate ? calendar.workingDaysBetween(was.forecastDate, g.forecastDate) : null,
      why:
        direct.get(g.id) ??
        (cause
          ? `Carried from ${title(cause)}${gap !== null ? `: it keeps its planned gap of ${gap} working days` : ''}`
          : 'Moves with the gates it depends on'),
      ragFrom: was.rag,
      ragTo: g.rag,
    });
  }

  const consultationGate = def.gates.find((g) => g.kind === 'consultation');
  const windowOf = (view: ProgrammeView, days: number): ConsultationWindow | null => {
    if (!consultationGate) return null;
    const running = context.gates[consultationGate.id]?.consultation;
    if (running) {
      const closesOn = days === normalDays ? running.closesOn : addDays(running.startsOn, days);
      return { startsOn: running.startsOn, closesOn, lengthDays: dayCount(running.startsOn, closesOn), launched: true };
    }
    const start = view.gates.find((g) => g.id === consultationGate.id)?.forecastDate;
    return start ? { startsOn: start, closesOn: addDays(start, days), lengthDays: days, launched: false } : null;
  };
  const windowAfter = windowOf(after, lengthDays);
  const clashes =
    consultationGate && windowAfter && statuses[consultationGate.id] !== 'complete'
      ? clashesOf(consultationGate.id, windowAfter, periods, calendar)
      : [];

  const refusals: WhatIfRefusal[] = [];
  // Conditions of approvals are discharged with evidence, never by a what-if: none of its changes touch them.
  for (const gate of def.gates) {
    if (!gate.requiresConditionsDischarged?.length || done(statuses[gate.id])) continue;
    const refusal = openConditionsRefusal(def, gate.id, aggregate.conditions);
    if (!refusal) continue;
    const conditions = openConditionsFor(def, gate.id, aggregate.conditions).map((c) => ({
      id: c.id,
      gateId: c.gateId,
      text: c.text,
    }));
    refusals.push({
      gateId: gate.id,
      step: gate.kind === 'consultation' ? 'launch' : 'complete',
      ...refusal,
      conditions,
    });
  }
  if (consultationGate && windowAfter && !windowAfter.launched) {
    const event = {
      type: 'consultation.start' as const,
      gateId: consultationGate.id,
      startsOn: windowAfter.startsOn,
      closesOn: windowAfter.closesOn,
      preElectionPeriods: periods.map((p) => ({ name: p.name, from: p.periodStart, to: p.periodEnd })),
    };
    for (const rule of [outsidePreElection, longEnough]) {
      const refusal = rule(def, context, { statuses }, event);
      if (refusal) refusals.push({ gateId: consultationGate.id, step: 'launch', ...refusal });
    }
  }
  for (const [gateId, refusal] of Object.entries(inputs.blockers ?? {})) {
    if (statuses[gateId] === 'open') refusals.push({ gateId, step: 'complete', ...refusal });
  }

  const path = criticalPath(planned, calendar, today, periods);
  return {
    asOf: today,
    revision: aggregate.programme.revision,
    programme: after,
    changes: moves,
    consultation: consultationGate
      ? { gateId: consultationGate.id, before: windowOf(before, normalDays), after: windowAfter }
      : null,
    criticalPath: path.criticalPath,
    slack: path.slack.map((s) => ({ ...s, title: title(s.gateId) })),
    clashes,
    refusals,
    reforecasts,
    notes,
    elections: extra,
  };
}

/** The pre-election periods a consultation window would run into: at its launch (refused) or while it runs. */
export function clashesOf(
  gateId: string,
  window: ConsultationWindow,
  periods: ElectionPeriod[],
  calendar: WorkingCalendar,
): Clash[] {
  const clashes: Clash[] = [];
  for (const p of periods) {
    const after = calendar.onOrAfter(addDays(p.periodEnd, 1));
    if (!window.launched && p.periodStart <= window.startsOn && window.startsOn <= p.periodEnd) {
      clashes.push({
        kind: 'launch',
        gateId,
        election: p,
        date: window.startsOn,
        firstWorkingDayAfter: after,
        reason: `The consultation would start on ${formatShort(window.startsOn)}, inside the pre-election period of ${p.name} (${formatShort(p.periodStart)} to ${formatShort(p.periodEnd)}): the launch would be refused. The first working day after it is ${formatShort(after)}.`,
      });
      continue;
    }
    const from = maxDate(window.startsOn, p.periodStart);
    const to = window.closesOn < p.periodEnd ? window.closesOn : p.periodEnd;
    if (from > to) continue;
    const days = calendar.workingDaysBetween(addDays(from, -1), to);
    clashes.push({
      kind: 'overlap',
      gateId,
      election: p,
      date: from,
      overlapWorkingDays: days,
      firstWorkingDayAfter: after,
      reason: `The consultation would run through the pre-election period of ${p.name} for ${days} working day${days === 1 ? '' : 's'} (${formatShort(from)} to ${formatShort(to)}); consider extending it by as much.`,
    });
  }
  return clashes;
}

/** The aggregate with the gates' dates as planned; the rows are copies, the input is untouched. */
function withDates(aggregate: ProgrammeAggregate, planned: PlannedGate[]): ProgrammeAggregate {
  const byId = new Map(planned.map((g) => [g.id, g]));
  return {
    ...aggregate,
    gates: aggregate.gates.map((row) => {
      const plan = byId.get(row.gateId);
      return plan
        ? Object.assign(new GateEntity(), row, { forecastDate: plan.forecastDate, baselineDate: plan.baselineDate })
        : row;
    }),
  };
}

function dayCount(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
