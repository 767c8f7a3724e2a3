import { evidenceForFile } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

const CODE = new Set(['python', 'typescript', 'tsx', 'javascript', 'jsx']);
const MANIFEST = /(^|\/)(package\.json|pyproject\.toml|requirements\.txt|setup\.py|Pipfile)$/;

export default defineRule({
  meta: {
    id: 'ci-missing',
    area: 'testing',
    severity: 'high',
    title: 'A CI pipeline runs on every change',
    failureTitle: 'No CI pipeline',
    why: 'Without CI nothing checks a change before it is merged or deployed: tests that exist are run only when someone remembers, a broken lockfile or a syntax error reaches the main branch, and the deploy is the first build anyone sees. A pipeline on every push and pull request is the cheapest safety net a small team can have.',
    fix: {
      default: 'Add a CI workflow that installs dependencies, lints and runs the tests on every push and pull request.',
      'github-actions': 'Create `.github/workflows/ci.yml` with `on: [push, pull_request]` and a job that checks out the code, sets up the runtime (`actions/setup-python` / `actions/setup-node`), installs dependencies and runs the tests.',
      'gitlab-ci': 'Create `.gitlab-ci.yml` with a `test` job whose `script` installs dependencies and runs the tests.',
      py: 'A minimal GitHub Actions job: `actions/checkout@v4`, `actions/setup-python@v5` with `python-version: "3.12"`, `pip install -r requirements.txt`, `pytest`.',
      node: 'A minimal GitHub Actions job: `actions/checkout@v4`, `actions/setup-node@v4` with `cache: npm`, `npm ci`, `npm test`.',
    },
    examples: {
      good: 'on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-python@v5\n        with: { python-version: "3.12" }\n      - run: pip install -r requirements.txt\n      - run: pytest',
      lang: 'yaml',
    },
    effort: 'hours',
    appliesTo: ['any'],
    needs: ['ciConfigs', 'files'],
    confidence: 'high',
  },
  check({ ciConfigs, files }) {
    const appCode = files.filter((f) => f.role === 'app' && CODE.has(f.language));
    if (appCode.length === 0) return notApplicable('no application code');
    if (ciConfigs.length > 0) {
      const systems = [...new Set(ciConfigs.map((c) => c.system))].join(', ');
      return pass(
        `${plural(ciConfigs.length, 'CI configuration')} (${systems})`,
        ciConfigs.map((c) => evidenceForFile(c.file, `${c.system} configuration`)),
      );
    }
    const manifests = files.filter((f) => MANIFEST.test(f.path) && f.role !== 'fixture' && f.role !== 'test');
    manifests.sort((a, b) => a.path.split('/').length - b.path.split('/').length || (a.path < b.path ? -1 : 1));
    const anchor = manifests[0]?.path ?? appCode[0].path;
    return fail([
      {
        message: `No CI configuration (GitHub Actions, GitLab CI, CircleCI, Azure Pipelines, Bitbucket, Buildkite, Jenkins) for ${plural(appCode.length, 'application module')}`,
        evidence: [evidenceForFile(anchor, 'no CI configuration anywhere in the repository')],
      },
    ]);
  },
});
