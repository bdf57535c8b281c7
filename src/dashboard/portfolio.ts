import { ProgrammeView } from '../programmes/programme-view';
import { Rag } from '../programmes/rules/rag';
import { RAG_TAGS, formatDate } from './labels';
import { comparedWithTarget } from './programme-page';

// The portfolio: every programme a person may see, worst first, with what an SRO asks
// first: how is it rated and why, what is next, and when does consultation start.

const ORDER: Record<Rag, number> = { red: 0, amber: 1, green: 2, blue: 3 };

export function portfolio(views: ProgrammeView[]) {
  const rows = [...views]
    .sort((a, b) => ORDER[a.rag] - ORDER[b.rag] || a.name.localeCompare(b.name))
    .map((v) => ({
      id: v.id,
      name: v.name,
      href: `/programmes/${encodeURIComponent(v.id)}`,
      workflow: v.workflow.title,
      rag: RAG_TAGS[v.rag],
      ragReason: v.ragReason,
      nextGate: v.nextGate
        ? { title: v.nextGate.title, forecast: formatDate(v.nextGate.forecastDate, 'no date set') }
        : null,
      consultation: v.consultation
        ? comparedWithTarget(v.consultation.forecastStart, v.consultation.baselineStart)
        : null,
    }));
  const counts = (['red', 'amber', 'green', 'blue'] as Rag[])
    .map((rag) => ({ rag, tag: RAG_TAGS[rag], count: views.filter((v) => v.rag === rag).length }))
    .filter((c) => c.count > 0);
  return { rows, counts };
}
