import { evidenceForFile } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

const CODE = new Set(['python', 'typescript', 'tsx', 'javascript', 'jsx']);
const MANIFEST = /(^|\/)(package\.json|pyproject\.toml|requirements\.txt|setup\.py|Pipfile)$/;
const README = /^(\.github\/|docs\/)?readme(\.(md|markdown|mdx|rst|txt|adoc))?$/i;

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
  check({ docTopics, files }) {
    const appCode = files.filter((f) => f.role === 'app' && CODE.has(f.language));
    if (appCode.length === 0) return notApplicable('no application code to operate');
    const found = docTopics.topics.architecture;
    if (found.length > 0) return pass(`architecture documented (${plural(found.length, 'place')})`, found.slice(0, 5));
    const byDepth = (a: { path: string }, b: { path: string }) => a.path.split('/').length - b.path.split('/').length || (a.path < b.path ? -1 : 1);
    const usable = files.filter((f) => f.role !== 'fixture' && f.role !== 'test');
    const anchor = usable.filter((f) => README.test(f.path)).sort(byDepth)[0]?.path ?? usable.filter((f) => MANIFEST.test(f.path)).sort(byDepth)[0]?.path ?? [...appCode].sort(byDepth)[0].path;
    return fail([{ message: 'No architecture overview or diagram in the repository', evidence: [evidenceForFile(anchor, 'no ARCHITECTURE.md, architecture section, diagram or ADR folder')] }]);
  },
});
