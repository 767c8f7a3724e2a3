import { evidenceForFile, type Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, type Finding } from '../../core/rule.js';
import { backendTargets, describeService } from '../../core/rule-support/services.js';

const related = (a: string, b: string) => a === b || a === '' || b === '' || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
const PY = new Set(['fastapi', 'flask', 'django', 'starlette']);

export default defineRule({
  meta: {
    id: 'runtime-version-unpinned',
    area: 'deployment',
    severity: 'low',
    title: 'The Python / Node version is pinned',
    failureTitle: 'No Python / Node version is pinned',
    why: 'Without a pinned runtime, each platform and each developer picks its own default: buildpacks move to a new major version on their schedule, so a redeploy with no code change can switch Python 3.11 to 3.13 or Node 18 to 22 and break on removed APIs or wheels that are not built yet. A pin makes the production runtime a reviewed decision.',
    fix: {
      default: 'Pin the runtime where both your platform and your team read it.',
      py: 'Add `.python-version` (`3.12`), and `requires-python = ">=3.12,<3.13"` in pyproject.toml; in Docker use `FROM python:3.12-slim`.',
      node: 'Add `"engines": { "node": "20.x" }` to package.json and an `.nvmrc` with `20`; in Docker use `FROM node:20-alpine`.',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['appEntries', 'files', 'services', 'runtimePins'],
    confidence: 'high',
  },
  check(facts) {
    const targets = backendTargets(facts);
    if (targets.length === 0) return notApplicable('no back-end service');
    const findings: Finding[] = [];
    const strengths: Evidence[] = [];
    for (const t of targets) {
      const svc = facts.services.find((s) => s.dir === t.service);
      const manifests = svc?.manifests ?? [];
      const code = new Set(facts.files.filter((f) => f.service === t.service && f.role === 'app').map((f) => (f.language === 'python' ? 'python' : /^(typescript|tsx|javascript|jsx)$/.test(f.language) ? 'node' : '')));
      const langs = new Set<'python' | 'node'>();
      for (const f of t.frameworks) langs.add(PY.has(f) ? 'python' : 'node');
      if (langs.size === 0) for (const l of ['python', 'node'] as const) if (code.has(l)) langs.add(l);
      for (const lang of langs) {
        const pin = facts.runtimePins.find((p) => p.language === lang && related(p.dir, t.service));
        if (pin) {
          strengths.push(pin.evidence);
          continue;
        }
        const prefix = t.service === '' ? '' : `${t.service}/`;
        const manifest = lang === 'node' ? manifests.find((m) => m === 'package.json') : (manifests.find((m) => m === 'pyproject.toml') ?? manifests.find((m) => /requirements.*\.txt$|Pipfile|setup\.py/.test(m)));
        const anchor = manifest ? evidenceForFile(prefix + manifest, lang === 'node' ? 'add "engines": { "node": … }' : 'pin the Python version') : t.anchor;
        const name = lang === 'node' ? 'Node' : 'Python';
        findings.push({ message: `${name} version is not pinned for ${describeService(t.service)} (no ${lang === 'node' ? '.nvmrc, .node-version, engines.node' : '.python-version, requires-python, runtime.txt'} or versioned base image)`, evidence: [anchor], stack: lang === 'node' ? 'node' : 'py' });
      }
    }
    if (findings.length) return fail(findings);
    if (strengths.length === 0) return notApplicable('no Python or Node service');
    return pass(`runtime pinned: ${strengths.map((s) => `${s.file}${s.line ? `:${s.line}` : ''}`).join(', ')}`, strengths);
  },
});
