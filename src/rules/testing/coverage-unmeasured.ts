import { evidenceForFile } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'coverage-unmeasured',
    area: 'testing',
    severity: 'low',
    title: 'Test coverage is measured',
    failureTitle: 'Test coverage is not measured',
    why: 'Without a coverage report nobody knows which modules the tests exercise, so untested auth, payment or worker code looks as safe as tested code. A threshold in CI also stops coverage from eroding one pull request at a time.',
    fix: {
      default: 'Measure coverage where the tests run and fail below a threshold.',
      py: 'Add `pytest-cov` and run `pytest --cov=app --cov-fail-under=70` (or set `[tool.coverage.report] fail_under = 70` in pyproject.toml).',
      node: 'Vitest: add `@vitest/coverage-v8` and `test: { coverage: { thresholds: { lines: 70 } } }`; Jest: `jest --coverage` with `coverageThreshold`.',
      'github-actions': 'Run the tests with coverage (`pytest --cov`, `vitest run --coverage`) and upload the report (e.g. to Codecov).',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['testTooling', 'files', 'services'],
    confidence: 'medium',
  },
  check({ testTooling, files, services }) {
    const tests = files.filter((f) => f.role === 'test');
    if (tests.length === 0) return notApplicable('no tests (see tests-missing)');
    if (testTooling.coverage.length > 0) return pass(`Coverage measured: ${plural(testTooling.coverage.length, 'place')}`, testTooling.coverage);
    if (testTooling.unreadConfigs.length > 0) return notApplicable(`coverage may be configured in ${testTooling.unreadConfigs.join(', ')}, which is not read`);
    // The fix goes in the manifest of the service holding most test files.
    const count = new Map<string, number>();
    for (const t of tests) count.set(t.service, (count.get(t.service) ?? 0) + 1);
    const service = [...count].sort((a, b) => b[1] - a[1])[0][0];
    const root = services.find((s) => s.dir === service);
    const manifest = ['pyproject.toml', 'package.json', 'requirements.txt'].find((m) => root?.manifests.includes(m)) ?? root?.manifests[0];
    const note = 'no coverage tool or configuration';
    const anchor = manifest ? evidenceForFile(service === '' ? manifest : `${service}/${manifest}`, note) : evidenceForFile(tests[0].path, note);
    return fail([{ message: `${plural(tests.length, 'test file')} but no coverage measurement (pytest-cov, coverage.py, vitest/jest coverage, c8, nyc)`, evidence: [anchor] }]);
  },
});
