import { evidenceForFile } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'lockfile-missing',
    area: 'testing',
    severity: 'medium',
    title: 'Dependencies are locked',
    failureTitle: 'Dependency manifest without a lockfile',
    why: 'Without a lockfile every install resolves versions afresh, so the image built for production can contain different transitive versions from the ones tested in CI. A release of any dependency, or a compromised one, then reaches production without anyone choosing it.',
    fix: {
      default: 'Commit the lockfile your package manager writes and install from it in CI and in the Dockerfile. A `requirements.txt` where every line is pinned with `==` (e.g. compiled by `pip-compile` or `uv pip compile`) counts as a lock.',
      py: 'Use `uv lock` / `poetry lock` and commit `uv.lock` / `poetry.lock`, or compile `requirements.in` into a fully pinned `requirements.txt` with `uv pip compile requirements.in -o requirements.txt`.',
      node: 'Run `npm install` once and commit `package-lock.json` (or `pnpm-lock.yaml` / `yarn.lock`); install with `npm ci` in CI and the Dockerfile.',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['manifestLocks'],
    confidence: 'high',
  },
  check({ manifestLocks }) {
    if (manifestLocks.length === 0) return notApplicable('no dependency manifest with dependencies');
    const missing = manifestLocks.filter((m) => !m.lock);
    if (missing.length === 0) {
      const locks = manifestLocks.map((m) => m.lock!).filter((e, i, a) => a.findIndex((x) => x.file === e.file) === i);
      return pass(`${plural(manifestLocks.length, 'manifest')} locked: ${locks.map((e) => e.file).join(', ')}`, locks);
    }
    return fail(
      missing.map((m) => ({
        message: `${m.manifest} declares ${plural(m.dependencyCount, 'dependency', 'dependencies')} but no lockfile pins them`,
        evidence: [evidenceForFile(m.manifest, 'no lockfile')],
        stack: m.ecosystem === 'npm' ? ('node' as const) : ('py' as const),
      })),
    );
  },
});
