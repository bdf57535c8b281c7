import { GateStatus, IsoDate, ProgrammeContext, WorkflowDefinition, isApproving } from '../../workflows/types';
import { WorkingCalendar } from '../calendar/working-days';
import { Election, ElectionRules, NoPollsRecord } from '../elections/election-rules';
import { formatShort } from './rules/format';
import { ProgrammeAggregate } from './programme.store';
import { latestDecisionByParty } from './rules/latest-decisions';
import { Rag, RagThresholds, gateRag, worstRag } from './rules/rag';
import { PlannedGate, pathTo, projectSchedule } from './rules/schedule';
import { callInState, secretaryOfStateNotification } from './rules/regime';

export interface ViewInputs {
  aggregate: ProgrammeAggregate;
  def: WorkflowDefinition;
  statuses: Record<string, GateStatus>;
  context: ProgrammeContext;
  today: IsoDate;
  calendar: WorkingCalendar;
  thresholds: RagThresholds;
  /** Pre-election periods, to warn of a consultation that runs into one. */
  elections?: { rules: ElectionRules; entered: Election[]; noPolls: NoPollsRecord[] };
}

/** Gates on the path to consultation decide the programme's RAG; later ones (DMBC, decision) do not. */
function consultationGateId(def: WorkflowDefinition): string | undefined {
  return def.gates.find((g) => g.kind === 'consultation')?.id;
}

export function plannedGates(
  aggregate: ProgrammeAggregate,
  def: WorkflowDefinition,
  statuses: Record<string, GateStatus>,
): PlannedGate[] {
  const rows = new Map(aggregate.gates.map((g) => [g.gateId, g]));
  return def.gates.map((g) => {
    const row = rows.get(g.id);
    return {
      id: g.id,
      kind: g.kind,
      dependsOn: g.dependsOn,
      status: statuses[g.id] ?? 'not-started',
      baselineDate: row?.baselineDate ?? null,
      forecastDate: row?.forecastDate ?? null,
      actualDate: row?.actualDate ?? null,
    };
  });
}

/** The programme as the API and the pages show it. Pure: the same inputs give the same answer. */
export function programmeView(inputs: ViewInputs) {
  const { aggregate, def, statuses, context, today, calendar, thresholds } = inputs;
  const { programme } = aggregate;
  const planned = plannedGates(aggregate, def, statuses);
  const projected = projectSchedule(planned, calendar, today);
  const rows = new Map(aggregate.gates.map((g) => [g.gateId, g]));

  const callIn = def.callIn ? callInState(context.callIn?.status ?? 'none', aggregate.callIns) : undefined;
  const gates = def.gates.map((gateDef, index) => {
    const row = rows.get(gateDef.id);
    const plan = planned[index];
    const status = plan.status;
    const decided = gateDef.kind === 'approval' ? latestDecisionByParty(aggregate.decisions, gateDef.id) : undefined;
    const parties = decided
      ? aggregate.parties
          .filter((p) => p.gateId === gateDef.id && !p.withdrawnOn)
          .map((p) => {
            const latest = decided.get(p.partyId);
            return {
              id: p.partyId,
              name: p.name,
              ...(latest
                ? {
                    decision: latest.decision,
                    decidedOn: latest.decidedOn,
                    reference: latest.reference ?? undefined,
                    conditions: latest.conditions ?? undefined,
                  }
                : {}),
            };
          })
      : undefined;
    // A withdrawn party no longer decides: listed apart, so that `parties` is who the gate waits for.
    const withdrawn =
      gateDef.kind === 'approval'
        ? aggregate.parties
            .filter((p) => p.gateId === gateDef.id && p.withdrawnOn)
            .map((p) => ({ id: p.partyId, name: p.name, withdrawnOn: p.withdrawnOn!, reason: p.withdrawnReason ?? '' }))
        : [];
    const outstanding = parties?.filter((p) => !isApproving(p.decision)).length;
    const forecastDate = status === 'complete' ? (plan.forecastDate ?? null) : (projected.get(gateDef.id) ?? null);
    // The date a person last committed to, when the projection differs from it (overdue, or carried
    // from an overdue gate): what calendars show (decision 012), so the pages can show both.
    const recorded = status === 'complete' || status === 'running' ? null : (plan.forecastDate ?? plan.baselineDate);
    const rating = gateRag(
      {
        kind: gateDef.kind,
        status,
        baselineDate: plan.baselineDate,
        forecastDate,
        actualDate: plan.actualDate,
        outstandingDecisions: outstanding,
        totalParties: parties?.length,
      },
      today,
      calendar,
      thresholds,
    );
    const gateContext = context.gates[gateDef.id];
    const overlap =
      status === 'running' && gateContext?.consultation && inputs.elections
        ? electionOverlap(inputs.elections, programme.councils ?? [], gateContext.consultation, calendar)
        : undefined;
    if (overlap && rating.rag === 'green') {
      rating.rag = 'amber';
      rating.reason = overlap.reason;
    }
    if (gateContext?.skipped) rating.reason = `Skipped: ${gateContext.skipped}`;
    const paused = callIn?.paused && status !== 'complete';
    return {
      id: gateDef.id,
      title: gateDef.title,
      kind: gateDef.kind,
      status,
      rag: rating.rag,
      ragReason: rating.reason,
      ...(rating.completeLate ? { completeLate: true } : {}),
      baselineDate: plan.baselineDate,
      forecastDate,
      ...(recorded && recorded !== forecastDate ? { recordedForecastDate: recorded } : {}),
      actualDate: plan.actualDate,
      owner: row?.ownerName && row.ownerEmail ? { name: row.ownerName, email: row.ownerEmail } : null,
      dependsOn: gateDef.dependsOn,
      ...(row?.note ? { note: row.note } : {}),
      ...(parties ? { parties } : {}),
      ...(withdrawn.length ? { withdrawnParties: withdrawn } : {}),
      ...(gateDef.evidence?.length
        ? {
            evidence: gateDef.evidence.map((item) => {
              const recorded = [...aggregate.evidence]
                .reverse()
                .find((e) => e.gateId === gateDef.id && e.itemId === item.id);
              return {
                id: item.id,
                title: item.title,
                recordedOn: gateContext?.evidence?.[item.id] ?? null,
                ...(recorded?.reference ? { reference: recorded.reference } : {}),
                ...(recorded?.link ? { link: recorded.link } : {}),
              };
            }),
          }
        : {}),
      ...(gateContext?.consultation ? { consultation: gateContext.consultation } : {}),
      ...(overlap ? { preElectionOverlap: overlap.overlaps } : {}),
      ...(gateContext?.skipped ? { skipped: { on: gateContext.completedOn, reason: gateContext.skipped } } : {}),
      ...(paused ? { paused: true } : {}),
      ...(gateDef.requiresConditionsDischarged?.length
        ? {
            requiresConditionsDischarged: gateDef.requiresConditionsDischarged,
            openConditions: aggregate.conditions
              .filter((c) => gateDef.requiresConditionsDischarged!.includes(c.gateId) && !c.dischargedOn)
              .map((c) => c.id),
          }
        : {}),
    };
  });

  const consultationId = consultationGateId(def);
  const onPath = consultationId ? pathTo(planned, consultationId) : new Set(def.gates.map((g) => g.id));
  const pathGates = gates.filter((g) => onPath.has(g.id));
  const rag: Rag = worstRag(pathGates.map((g) => g.rag));
  const worst = pathGates.find((g) => g.rag === rag && rag !== 'blue' && rag !== 'green');
  const current = gates.find((g) => g.status === 'open' || g.status === 'running');
  const consultation = consultationId ? gates.find((g) => g.id === consultationId) : undefined;
  const allComplete = gates.every((g) => g.status === 'complete');

  return {
    id: programme.id,
    name: programme.name,
    workflow: { id: def.id, version: def.version, title: def.title },
    state: allComplete
      ? 'complete'
      : callIn?.status === 'called-in'
        ? 'with-secretary-of-state'
        : (current?.id ?? 'not-started'),
    rag,
    ragReason: worst
      ? `${worst.title}: ${worst.ragReason}`
      : rag === 'blue'
        ? 'Every gate is complete'
        : 'Every gate on the path to consultation is on track',
    sro: { name: programme.sroName, email: programme.sroEmail },
    councils: programme.councils ?? [],
    substantialVariation: programme.substantialVariation,
    ...(def.callIn ? regimeView(aggregate, def, context, callIn!, today) : {}),
    ...(consultation
      ? {
          consultation: {
            gateId: consultation.id,
            baselineStart: consultation.baselineDate,
            forecastStart: consultation.actualDate ?? consultation.forecastDate,
            status: consultation.status,
          },
        }
      : {}),
    nextGate: current
      ? { id: current.id, title: current.title, forecastDate: current.forecastDate, rag: current.rag }
      : null,
    revision: programme.revision,
    createdAt: new Date(programme.createdAt).toISOString(),
    updatedAt: new Date(programme.updatedAt).toISOString(),
    gates,
  };
}

export type ProgrammeView = ReturnType<typeof programmeView>;

/**
 * A running consultation that shares working days with a pre-election period that applies to the programme:
 * each period with the overlap in working days, and the closing date that would give the time back.
 */
export function electionOverlap(
  elections: NonNullable<ViewInputs['elections']>,
  councils: readonly string[],
  consultation: { startsOn: IsoDate; closesOn: IsoDate },
  calendar: WorkingCalendar,
) {
  const { rules, entered, noPolls } = elections;
  const periods = rules.preElectionPeriods(consultation.startsOn, consultation.closesOn, councils, noPolls, entered);
  const overlaps = periods
    .map((p) => ({
      electionId: p.id,
      name: p.name,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      workingDays: rules.overlapWorkingDays(p, consultation.startsOn, consultation.closesOn),
    }))
    .filter((o) => o.workingDays > 0);
  if (!overlaps.length) return undefined;
  const days = overlaps.reduce((sum, o) => sum + o.workingDays, 0);
  const extendTo = calendar.addWorkingDays(consultation.closesOn, days);
  const names = overlaps.map((o) => `${o.name} (${formatShort(o.periodStart)} to ${formatShort(o.periodEnd)})`);
  return {
    overlaps: overlaps.map((o) => ({ ...o, suggestedClosesOn: extendTo })),
    reason:
      `The consultation runs ${days} working day${days === 1 ? '' : 's'} into the pre-election period of ${names.join(' and ')}: ` +
      `consider extending it to close on ${formatShort(extendTo)}`,
  };
}

/** What the 2024 regime adds to a programme: call-in, conditions, the committee and its notifications. */
function regimeView(
  aggregate: ProgrammeAggregate,
  def: WorkflowDefinition,
  context: ProgrammeContext,
  callIn: ReturnType<typeof callInState>,
  today: IsoDate,
) {
  const { programme } = aggregate;
  const scrutinyGate = def.gates.find((g) => g.recordsScrutiny);
  const notificationGate = scrutinyGate
    ? def.gates.find((g) => g.skippable && g.dependsOn.includes(scrutinyGate.id))
    : undefined;
  const reg23 = scrutinyGate ? context.gates[scrutinyGate.id] : undefined;
  const notification = notificationGate ? context.gates[notificationGate.id] : undefined;
  const rule = secretaryOfStateNotification(
    programme.substantialVariation,
    reg23?.skipped ? null : (reg23?.completedOn ?? null),
  );
  return {
    callIn: {
      status: callIn.status,
      paused: callIn.paused,
      ...(callIn.reason ? { reason: callIn.reason } : {}),
      requests: aggregate.callIns.map((r) => ({
        id: r.id,
        requestedBy: r.requestedBy,
        requestedOn: r.requestedOn,
        grounds: r.grounds,
        outcome: r.outcome,
        outcomeOn: r.outcomeOn,
        decision: r.decision,
        decidedOn: r.decidedOn,
      })),
    },
    secretaryOfStateNotification: {
      gateId: notificationGate?.id ?? null,
      status: notification?.skipped
        ? 'skipped'
        : notification?.completedOn
          ? 'notified'
          : rule.required === true
            ? 'required'
            : rule.required === false
              ? 'not-required'
              : 'not-yet-known',
      reason: notification?.skipped ?? rule.reason,
      ...(notification?.completedOn && !notification.skipped ? { notifiedOn: notification.completedOn } : {}),
    },
    scrutiny: programme.scrutiny,
    committeeNotifications: aggregate.notifications.map((n) => ({
      id: n.id,
      committee: n.committee,
      change: n.change,
      owedSince: n.owedSince,
      sentOn: n.sentOn,
    })),
    conditions: aggregate.conditions.map((c) => ({
      id: c.id,
      gateId: c.gateId,
      partyId: c.partyId,
      text: c.text,
      owner: c.ownerName && c.ownerEmail ? { name: c.ownerName, email: c.ownerEmail } : null,
      dueDate: c.dueDate,
      dischargedOn: c.dischargedOn,
      evidence: c.evidence,
      status: c.dischargedOn ? 'discharged' : c.dueDate && c.dueDate < today ? 'overdue' : 'open',
    })),
  };
}
