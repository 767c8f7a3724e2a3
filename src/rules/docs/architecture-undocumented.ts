import { defineRule } from '../../core/rule.js';
import { docTopicCheck } from '../../core/rule-support/doc-topics.js';

/** An architecture overview: ARCHITECTURE.md, a docs/architecture* or docs/design* file, an ADR folder (docs/adr/, decisions/), a diagram source (.drawio, .puml, .mmd), an "Architecture" / "System design" heading, or an "Overview" / "How it works" heading whose section holds a diagram (mermaid block or image). */
export default defineRule({
  meta: {
    id: 'architecture-undocumented',
    area: 'docs',
    severity: 'low',
    title: "The architecture is documented",
    failureTitle: "No architecture overview or diagram",
    why: "Without an overview of the components, their data stores and the calls between them, every change and every incident starts with reading the code to rebuild the picture. A one-page diagram also exposes single points of failure and undocumented dependencies before they cause outages.",
    fix: {
      default: "Add `ARCHITECTURE.md` (or an \"Architecture\" section in the README) with a diagram of the processes (API, workers, scheduler), data stores, queues and external services, and why the main choices were made (ADRs in `docs/adr/`).",
    },
    examples: { good: "## Architecture\n```mermaid\nflowchart LR\n  client --> api[FastAPI] --> db[(Postgres)]\n  api --> redis[(Redis)] --> worker[Celery worker]\n```", lang: 'markdown' },
    effort: 'hours',
    appliesTo: ['any'],
    needs: ['docTopics', 'files'],
    confidence: 'medium',
  },
  check(facts) {
    return docTopicCheck(facts, 'architecture', {
      documented: 'architecture documented',
      missing: 'No architecture overview or diagram in the repository',
      note: 'no ARCHITECTURE.md, architecture section, diagram or ADR folder',
    });
  },
});
