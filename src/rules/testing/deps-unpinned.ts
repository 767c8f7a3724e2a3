import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'deps-unpinned',
    area: 'testing',
    severity: 'medium',
    title: 'Dependency versions are bounded or locked',
    failureTitle: 'Dependencies with open version ranges and no lockfile',
    why: 'A dependency declared with no version, `*`, `latest` or only a lower bound (`>=`) installs whatever is newest on the day of the build. With no lockfile to hold it, a breaking major release reaches production through an unrelated deploy, and the build cannot be reproduced when it does.',
    fix: {
      default: 'Commit a lockfile, or bound each open dependency (`fastapi>=0.110,<1`, `"express": "^4.19.2"`).',
      py: 'Pin with `==` (or `~=`) in requirements.txt, or lock with `uv lock` / `poetry lock` and commit the lockfile: `fastapi==0.115.0`.',
      node: 'Replace `*` / `latest` / `>=` with a caret range (`"express": "^4.19.2"`) and commit `package-lock.json`.',
    },
    examples: { bad: 'fastapi>=0.100\nuvicorn', good: 'fastapi==0.115.0\nuvicorn==0.30.1', lang: 'text' },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['manifestLocks'],
    confidence: 'high',
  },
  check({ manifestLocks }) {
    if (manifestLocks.length === 0) return notApplicable('no dependency manifest with dependencies');
    const open = manifestLocks.filter((m) => !m.lock && m.openSpecs.length > 0);
    if (open.length === 0) {
      const locked = manifestLocks.filter((m) => m.lock);
      return pass(
        `${plural(manifestLocks.length, 'manifest')}: every dependency is bounded or locked`,
        locked.length ? locked.map((m) => m.lock!) : [],
      );
    }
    return fail(
      open.map((m) => ({
        message: `${m.manifest}: ${plural(m.openSpecs.length, 'dependency', 'dependencies')} with an open version range and no lockfile`,
        evidence: m.openSpecs,
        stack: m.ecosystem === 'npm' ? ('node' as const) : ('py' as const),
      })),
    );
  },
});
