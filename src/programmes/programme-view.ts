import { GateStatus, IsoDate, ProgrammeContext, WorkflowDefinition } from '../../workflows/types';
import { WorkingCalendar } from '../calendar/working-days';
import { ProgrammeAggregate } from './programme.store';
import { Rag, RagThresholds, gateRag, worstRag } from './rules/rag';
import { PlannedGate, pathTo, projectSchedule } from './rules/schedule';

export interface ViewInputs {
  aggregate: ProgrammeAggregate;
  def: WorkflowDefinition;
  statuses: Record<string, GateStatus>;
  context: ProgrammeContext;
  today: IsoDate;
  calendar: WorkingCalendar;
  thresholds: RagThresholds;
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

  const gates = def.gates.map((gateDef, index) => {
    const row = rows.get(gateDef.id);
    const plan = planned[index];
    const status = plan.status;
    const parties =
      gateDef.kind === 'approval'
        ? aggregate.parties
            .filter((p) => p.gateId === gateDef.id && !p.withdrawnOn)
            .map((p) => {
              const latest = [...aggregate.decisions]
                .reverse()
                .find((d) => d.gateId === gateDef.id && d.partyId === p.partyId);
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
    const outstanding = parties?.filter(
      (p) => p.decision !== 'approved' && p.decision !== 'approved-with-conditions',
    ).length;
    const forecastDate = status === 'complete' ? (plan.forecastDate ?? null) : (projected.get(gateDef.id) ?? null);
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
    state: allComplete ? 'complete' : (current?.id ?? 'not-started'),
    rag,
    ragReason: worst
      ? `${worst.title}: ${worst.ragReason}`
      : rag === 'blue'
        ? 'Every gate is complete'
        : 'Every gate on the path to consultation is on track',
    sro: { name: programme.sroName, email: programme.sroEmail },
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
