import { evidenceForFile } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass } from '../../core/rule.js';

const CODE = new Set(['python', 'typescript', 'tsx', 'javascript', 'jsx']);
const MANIFEST = /(^|\/)(package\.json|pyproject\.toml|requirements\.txt|setup\.py|Pipfile)$/;

/**
 * The repository's README (root, .github/ or docs/: what GitHub shows) must exist and say how to
 * install and run the service. Service folders of a monorepo need not have their own: the root
 * README is the entry point a new engineer or an on-call responder opens first.
 */
export default defineRule({
  meta: {
    id: 'readme-missing',
    area: 'docs',
    severity: 'medium',
    title: 'The README explains how to set up and run the service',
    failureTitle: 'No README with setup and run instructions',
    why: 'The README is the first thing a new engineer or an on-call responder opens. Without install and run steps, every new person reverse-engineers the start command, the required environment variables and the services it needs, and a recovery under pressure starts with guesswork.',
    fix: {
      default: 'Add a `README.md` at the repository root with: what the service does, prerequisites, a "Getting started" section with the exact commands (install, configure `.env`, migrate, run), and how to run the tests.',
      py: '## Getting started\n```bash\npython -m venv .venv && . .venv/bin/activate\npip install -r requirements.txt\ncp .env.example .env\nuvicorn app.main:app --reload\n```',
      node: '## Getting started\n```bash\nnpm ci\ncp .env.example .env\nnpm run dev\n```',
      docker: 'Document `docker compose up --build` and the URL the service answers on.',
    },
    examples: { good: '# Orders API\n\n## Getting started\n```bash\nnpm ci\ncp .env.example .env\nnpm run dev\n```', lang: 'markdown' },
    effort: 'hours',
    appliesTo: ['any'],
    needs: ['docTopics', 'files'],
    confidence: 'high',
  },
  check({ docTopics, files }) {
    const code = files.filter((f) => CODE.has(f.language) && (f.role === 'app' || f.role === 'script'));
    if (code.length === 0) return notApplicable('no code to set up or run');
    const readmes = [...docTopics.readmes].sort((a, b) => a.file.split('/').length - b.file.split('/').length);
    if (readmes.length === 0) {
      const byDepth = (a: { path: string }, b: { path: string }) => a.path.split('/').length - b.path.split('/').length || (a.path < b.path ? -1 : 1);
      const manifest = files.filter((f) => MANIFEST.test(f.path) && f.role !== 'fixture' && f.role !== 'test').sort(byDepth)[0];
      const anchor = manifest?.path ?? code.sort(byDepth)[0].path;
      return fail([{ message: 'No README at the repository root', evidence: [evidenceForFile(anchor, 'no README.md at the root, in .github/ or in docs/')] }]);
    }
    const withSetup = readmes.find((r) => r.setup.length > 0);
    if (withSetup) return pass(`${withSetup.file} has setup / run instructions`, withSetup.setup.slice(0, 3));
    // A README that leaves setup to a guide kept in the repository (docs/installation.md) is fine.
    if (docTopics.setupDocs.length > 0) return pass(`${readmes[0].file} exists and setup is documented in ${docTopics.setupDocs[0].file}`, docTopics.setupDocs.slice(0, 3));
    return fail([
      {
        message: `${readmes[0].file} has no setup or run instructions (no install / getting started / usage section and no command block)`,
        evidence: [evidenceForFile(readmes[0].file, 'README without setup or run instructions')],
      },
    ]);
  },
});
