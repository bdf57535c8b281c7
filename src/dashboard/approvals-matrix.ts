import { Decision, GateStatus, IsoDate, isApproving } from '../../workflows/types';
import { AWAITING_DECISION, DECISION_TAGS, Tag, formatDate } from './labels';

// Parties against the approval gates they decide: who has decided what, when, under which
// minute and on what conditions. The shape a board paper's approvals table has.

export interface MatrixGate {
  id: string;
  title: string;
  kind: string;
  status: GateStatus;
  parties?: Array<{
    id: string;
    name: string;
    decision?: string;
    decidedOn?: IsoDate;
    reference?: string;
    conditions?: string;
  }>;
  /** Parties that withdrew: their decision is no longer needed, but they were asked. */
  withdrawnParties?: Array<{ id: string; name: string; withdrawnOn: IsoDate; reason: string }>;
}

export interface MatrixColumn {
  gateId: string;
  title: string;
  status: GateStatus;
  /** "3 of 8 approved" */
  summary: string;
  canRecord: boolean;
}

export interface MatrixCell {
  gateId: string;
  asked: boolean;
  tag?: Tag;
  decidedOn?: string;
  reference?: string;
  conditions?: string;
  /** Why the party withdrew, when it did. */
  withdrawnReason?: string;
  /** A link to record this party's decision, for someone allowed to. */
  recordHref?: string;
}

export interface ApprovalsMatrix {
  columns: MatrixColumn[];
  rows: Array<{ partyId: string; name: string; cells: MatrixCell[] }>;
}

const WITHDRAWN: Tag = { text: 'Withdrawn', colour: 'grey' };

export function approvalsMatrix(
  programmeId: string,
  gates: MatrixGate[],
  canRecord: (gateId: string) => boolean,
): ApprovalsMatrix | null {
  const approvalGates = gates.filter((g) => g.kind === 'approval' && g.parties?.length);
  if (!approvalGates.length) return null;
  const names = new Map<string, string>();
  for (const g of approvalGates) {
    for (const p of [...g.parties!, ...(g.withdrawnParties ?? [])]) if (!names.has(p.id)) names.set(p.id, p.name);
  }

  const columns = approvalGates.map((g) => {
    const approved = g.parties!.filter((p) => isApproving(p.decision)).length;
    return {
      gateId: g.id,
      title: g.title,
      status: g.status,
      summary: `${approved} of ${g.parties!.length} approved`,
      canRecord: canRecord(g.id),
    };
  });
  const rows = [...names].map(([partyId, name]) => ({
    partyId,
    name,
    cells: approvalGates.map((g, i): MatrixCell => {
      const party = g.parties!.find((p) => p.id === partyId);
      const withdrawn = g.withdrawnParties?.find((p) => p.id === partyId);
      if (!party && withdrawn) {
        return {
          gateId: g.id,
          asked: true,
          tag: WITHDRAWN,
          decidedOn: formatDate(withdrawn.withdrawnOn),
          withdrawnReason: withdrawn.reason,
        };
      }
      if (!party) return { gateId: g.id, asked: false };
      const recordHref = columns[i].canRecord
        ? `/programmes/${encodeURIComponent(programmeId)}/gates/${encodeURIComponent(g.id)}/decision?party=${encodeURIComponent(partyId)}`
        : undefined;
      if (!party.decision) return { gateId: g.id, asked: true, tag: AWAITING_DECISION, recordHref };
      return {
        gateId: g.id,
        asked: true,
        tag: DECISION_TAGS[party.decision as Decision] ?? { text: party.decision, colour: 'grey' },
        decidedOn: formatDate(party.decidedOn),
        reference: party.reference,
        conditions: party.conditions,
        recordHref,
      };
    }),
  }));
  return { columns, rows };
}
