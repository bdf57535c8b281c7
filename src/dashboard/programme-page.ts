import { regimeSummary } from './regime-summary';
import { toMermaid } from '../../workflows/diagram';
import { IsoDate, WorkflowDefinition } from '../../workflows/types';
import { Actor } from '../auth/roles';
import { daysBetween } from '../calendar/iso-date';
import { ProgrammeView } from '../programmes/programme-view';
import { approvalsMatrix } from './approvals-matrix';
import { AuditEntry, auditLines } from './audit-summary';
import { DECISION_TAGS, KIND_TEXT, RAG_TAGS, STATUS_TEXT, formatDate } from './labels';
import { GateAction, gateActions } from './permissions';
import { buildStatechart } from './statechart';
import { buildTimeline } from './timeline';
import { CriticalPath } from '../programmes/rules/critical-path';

// Everything the programme page shows, worked out from the programme's view: the template
// only lays it out. Pure, so each part is tested without a server.

export interface ProgrammePageInput {
  view: ProgrammeView;
  def: WorkflowDefinition;
  audit: AuditEntry[];
  actor: Pick<Actor, 'role' | 'email'>;
  today: IsoDate;
  timeZone: string;
  /** Slack and the critical path of the programme as it is; the timeline marks the critical gates. */
  critical?: Pick<CriticalPath, 'criticalPath' | 'slack'>;
  /** The query string after a change (PRG): what to confirm in the success banner. */
  notice?: { changed?: unknown; gate?: unknown; party?: unknown; item?: unknown };
  /** The newest released version of the programme's workflow, to offer a move to it. */
  latestVersion?: number;
}

export const ACTION_PATHS: Record<GateAction, string> = {
  decide: 'decision',
  complete: 'complete',
  reforecast: 'reforecast',
  owner: 'owner',
  parties: 'parties',
  start: 'start',
  evidence: 'evidence',
};

export function gateHref(programmeId: string, gateId: string, action: GateAction): string {
  return `/programmes/${encodeURIComponent(programmeId)}/gates/${encodeURIComponent(gateId)}/${ACTION_PATHS[action]}`;
}

/** "1 Dec 2015, 1 day later than the target of 30 Nov 2015" */
export function comparedWithTarget(forecast: IsoDate | null, baseline: IsoDate | null): string {
  if (!forecast) return baseline ? `Not forecast yet (target ${formatDate(baseline)})` : 'No date set yet';
  if (!baseline || baseline === forecast) return `${formatDate(forecast)}${baseline ? ', on target' : ''}`;
  const days = daysBetween(baseline, forecast);
  const n = Math.abs(days);
  return `${formatDate(forecast)}, ${n} day${n === 1 ? '' : 's'} ${days > 0 ? 'later' : 'earlier'} than the target of ${formatDate(baseline)}`;
}

export function programmePage(input: ProgrammePageInput) {
  const { view, def, actor, today } = input;
  const actionsOf = new Map(view.gates.map((g) => [g.id, gateActions(actor, g)]));
  const gateTitle = (id: string) => view.gates.find((g) => g.id === id)?.title ?? id;

  const gates = view.gates.map((g) => {
    const actions = actionsOf.get(g.id)!;
    const completeText = g.kind === 'consultation' ? 'Record consultation closed' : 'Mark complete';
    return {
      id: g.id,
      title: g.title,
      kind: KIND_TEXT[g.kind],
      status: STATUS_TEXT[g.status],
      owner: g.owner?.name ?? null,
      target: formatDate(g.baselineDate, 'Not set'),
      forecast: g.status === 'complete' ? '' : formatDate(g.forecastDate, 'Not set'),
      // Overdue (or carried by an overdue gate): the projection, and the date as recorded that calendars show.
      forecastRecorded: g.recordedForecastDate ? formatDate(g.recordedForecastDate) : null,
      actual: formatDate(g.actualDate),
      rag: RAG_TAGS[g.rag],
      ragReason: g.ragReason,
      completeLate: !!g.completeLate,
      note: g.note ?? null,
      actions: [
        actions.decide && { text: 'Record a decision', href: gateHref(view.id, g.id, 'decide') },
        actions.complete && { text: completeText, href: gateHref(view.id, g.id, 'complete') },
        actions.reforecast && { text: 'Re-forecast', href: gateHref(view.id, g.id, 'reforecast') },
        actions.start && { text: 'Start consultation', href: gateHref(view.id, g.id, 'start') },
        actions.evidence && { text: 'Record evidence', href: gateHref(view.id, g.id, 'evidence') },
        actions.parties && { text: 'Parties', href: gateHref(view.id, g.id, 'parties') },
        actions.owner && { text: g.owner ? 'Change owner' : 'Set owner', href: gateHref(view.id, g.id, 'owner') },
      ].filter((a): a is { text: string; href: string } => !!a),
    };
  });

  const consultation = view.consultation;
  const parties = Object.fromEntries(
    view.gates.filter((g) => g.parties?.length).map((g) => [g.id, g.parties!.map((p) => ({ id: p.id, name: p.name }))]),
  );
  return {
    programme: {
      id: view.id,
      name: view.name,
      workflow: `${view.workflow.title}, version ${view.workflow.version}`,
      templateHref: `/api/programmes/import-template.xlsx?workflow=${encodeURIComponent(view.workflow.id)}&version=${view.workflow.version}`,
      sro: view.sro.name,
      updatedAt: view.updatedAt,
    },
    headline: {
      rag: RAG_TAGS[view.rag],
      ragReason: view.ragReason,
      consultation: consultation
        ? `${comparedWithTarget(consultation.forecastStart, consultation.baselineStart)} (${STATUS_TEXT[consultation.status].toLowerCase()})`
        : null,
      nextGate: view.nextGate
        ? {
            title: view.nextGate.title,
            forecast: formatDate(view.nextGate.forecastDate, 'no date set'),
            rag: RAG_TAGS[view.nextGate.rag],
          }
        : null,
      today: formatDate(today),
    },
    banner: programmeBanner(view, input.notice?.changed) ?? successBanner(view, input.notice),
    regime: regimeSummary(view),
    timeline: buildTimeline({
      gates: view.gates.map((g) => ({ ...g, critical: !!input.critical?.criticalPath.includes(g.id) })),
      today,
      consultationDays: def.consultation?.normalLengthDays ?? 84,
    }),
    critical: criticalSummary(view, input.critical),
    whatIfHref: `/programmes/${encodeURIComponent(view.id)}/what-if`,
    gates,
    anyActions: gates.some((g) => g.actions.length > 0),
    migrate:
      input.latestVersion &&
      input.latestVersion > view.workflow.version &&
      ['admin', 'partnerships'].includes(actor.role)
        ? {
            text: `Move to version ${input.latestVersion} of the workflow`,
            href: `/programmes/${encodeURIComponent(view.id)}/migrate`,
          }
        : null,
    councils: ['admin', 'partnerships'].includes(actor.role)
      ? {
          text: view.councils.length
            ? `Councils it touches: ${view.councils.length} (for pre-election periods)`
            : 'Councils it touches: none named, so every May poll applies',
          href: `/programmes/${encodeURIComponent(view.id)}/councils`,
        }
      : null,
    consultationWarning: shortConsultation(view, def),
    matrix: approvalsMatrix(view.id, view.gates, (id) => !!actionsOf.get(id)?.decide),
    audit: auditLines(input.audit, gateTitle, input.timeZone),
    statechart: buildStatechart(def, Object.fromEntries(view.gates.map((g) => [g.id, g.status]))),
    mermaid: toMermaid(def, { parties }),
  };
}

export type ProgrammePage = ReturnType<typeof programmePage>;

/** The confirmation after a change, from the redirect's query string; unknown values confirm nothing. */
export function successBanner(
  view: ProgrammeView,
  notice: ProgrammePageInput['notice'],
): { title: string; text: string } | null {
  if (!notice?.changed) return null;
  const gate = view.gates.find((g) => g.id === notice.gate);
  if (!gate) return null;
  switch (notice.changed) {
    case 'decision': {
      const party = gate.parties?.find((p) => p.id === notice.party);
      if (!party?.decision) return null;
      const decision = DECISION_TAGS[party.decision as keyof typeof DECISION_TAGS]?.text ?? party.decision;
      return {
        title: 'Decision recorded',
        text: `${party.name}: ${decision.toLowerCase()} on ${formatDate(party.decidedOn)} (${gate.title}).`,
      };
    }
    case 'complete':
      return { title: 'Gate completed', text: `${gate.title} is complete as of ${formatDate(gate.actualDate)}.` };
    case 'reforecast':
      return {
        title: 'Forecast changed',
        text: `${gate.title} is now forecast for ${formatDate(gate.forecastDate)}; later gates moved with it where they had to.`,
      };
    case 'owner':
      return gate.owner
        ? { title: 'Owner changed', text: `${gate.owner.name} now owns ${gate.title} and gets its next reminder.` }
        : null;
    case 'party-added': {
      const party = gate.parties?.find((p) => p.id === notice.party);
      return party ? { title: 'Party added', text: `${party.name} now decides on ${gate.title}.` } : null;
    }
    case 'party-withdrawn': {
      const party = gate.withdrawnParties?.find((p) => p.id === notice.party);
      return party
        ? {
            title: 'Party withdrawn',
            text: `${party.name} no longer decides on ${gate.title}${gate.status === 'complete' ? `, which is now complete` : ''}.`,
          }
        : null;
    }
    case 'started':
      return gate.consultation
        ? {
            title: 'Consultation started',
            text: `${gate.title} runs from ${formatDate(gate.consultation.startsOn)} to ${formatDate(gate.consultation.closesOn)}.`,
          }
        : null;
    case 'evidence': {
      const item = gate.evidence?.find((i) => i.id === notice.item);
      return item?.recordedOn
        ? { title: 'Evidence recorded', text: `${item.title} for ${gate.title}, dated ${formatDate(item.recordedOn)}.` }
        : null;
    }
    default:
      return null;
  }
}

/** Programme-level confirmations (set-up, version move), which name no gate. */
export function programmeBanner(view: ProgrammeView, changed: unknown): { title: string; text: string } | null {
  if (changed === 'created') {
    return { title: 'Programme set up', text: `${view.name} is set up with ${view.gates.length} gates.` };
  }
  if (changed === 'councils') {
    return { title: 'Councils saved', text: `${view.name} touches ${view.councils.length} council(s).` };
  }
  if (changed === 'migrated') {
    return {
      title: 'Workflow version changed',
      text: `${view.name} now follows ${view.workflow.title}, version ${view.workflow.version}.`,
    };
  }
  return null;
}

/** A consultation launched shorter than the workflow's normal length: shown as a warning, with its reason. */
export function shortConsultation(
  view: ProgrammeView,
  def: WorkflowDefinition,
): { title: string; text: string } | null {
  const norm = def.consultation?.normalLengthDays ?? 84;
  for (const g of view.gates) {
    if (!g.consultation) continue;
    const length = daysBetween(g.consultation.startsOn, g.consultation.closesOn);
    if (length >= norm) continue;
    return {
      title: `${g.title} is shorter than ${Math.round(norm / 7)} weeks`,
      text: `It runs ${length} days (${formatDate(g.consultation.startsOn)} to ${formatDate(g.consultation.closesOn)}). Reason recorded: ${g.consultation.justification ?? 'none'}`,
    };
  }
  return null;
}

/** The critical path in words, with each open gate's slack: the text beside the marks on the timeline. */
export function criticalSummary(view: ProgrammeView, critical: ProgrammePageInput['critical']) {
  if (!critical) return null;
  const title = (id: string) => view.gates.find((g) => g.id === id)?.title ?? id;
  const days = (n: number) => `${n} working day${n === 1 ? '' : 's'}`;
  return {
    path: critical.criticalPath.map(title),
    slack: critical.slack.map((s) => ({
      title: title(s.gateId),
      critical: s.critical,
      slack: s.slackWorkingDays === null ? 'Does not move the consultation' : days(s.slackWorkingDays),
      latest: formatDate(s.latestDate, '–'),
      safe: s.latestSafeDate
        ? `${formatDate(s.latestSafeDate)} (before ${s.safeBefore?.name ?? 'the next pre-election period'})`
        : '–',
    })),
  };
}
