import { evidenceForFile } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

/**
 * "Far fewer": under one test file per five application modules (RATIO), judged only from
 * MIN_MODULES counted modules up (a ten-file service with two test files is not thin, just small).
 * Modules and test files are counted as the testCoverageMap fact defines them (back-end services,
 * modules of 20 lines or more).
 */
const RATIO = 0.2;
const MIN_MODULES = 20;
const LISTED = 10;

export default defineRule({
  meta: {
    id: 'tests-thin',
    area: 'testing',
    severity: 'medium',
    title: 'Tests cover the code base and its critical modules',
    failureTitle: 'Few tests for the size of the code base',
    why: 'A handful of test files for a large code base means most changes ship untested: the suite passes while sign-in, billing or background jobs break. Those critical paths are where a regression costs money or locks users out, so they need tests of their own first.',
    fix: {
      default: 'Add tests for the critical modules listed (auth, payments, webhooks, background tasks) first, then grow the suite alongside new modules; aim for at least one test file per few application modules.',
      fastapi: 'Test routes through `TestClient(app)` with dependency overrides (`app.dependency_overrides[get_current_user] = ...`) in `tests/test_<module>.py`, one file per router or service.',
      django: 'Add `tests/test_<module>.py` per app with `django.test.TestCase` / pytest-django, starting with the auth and payment views.',
      express: 'Test each router with `supertest` against the exported `app` in `test/<module>.test.ts`.',
      celery: 'Call tasks directly (`my_task.apply(args=...)` or the function itself) in tests, with `task_always_eager` for integration tests.',
    },
    effort: 'days',
    appliesTo: ['py', 'node'],
    needs: ['testCoverageMap'],
    confidence: 'medium',
  },
  check({ testCoverageMap: map }) {
    const tests = map.testFiles.length;
    const modules = map.appModules.length;
    if (tests === 0) return notApplicable('no test files (tests-missing covers this)');
    if (modules < MIN_MODULES) return notApplicable(`${plural(modules, 'application module')}: too few to judge test density (needs ${MIN_MODULES})`);
    const ratio = tests / modules;
    const pct = Math.round(ratio * 100);
    const untested = map.critical.filter((c) => c.testedBy === null);
    const tested = map.critical.filter((c) => c.testedBy !== null);
    if (ratio < RATIO) {
      const listed = untested.slice(0, LISTED);
      const critical = untested.length ? `; untested critical modules (no test names or imports them): ${listed.map((c) => `${c.path} (${c.topic})`).join(', ')}${untested.length > LISTED ? ', …' : ''}` : '';
      return fail([
        {
          message: `${plural(tests, 'test file')} for ${plural(modules, 'application module')} (${pct} %, below ${Math.round(RATIO * 100)} %)${critical}`,
          evidence: listed.length
            ? listed.map((c) => evidenceForFile(c.path, `critical module (${c.topic}) with no test naming or importing it`))
            : [evidenceForFile(map.testFiles[0], `${plural(tests, 'test file')} in all`)],
        },
      ]);
    }
    return pass(
      `${plural(tests, 'test file')} for ${plural(modules, 'application module')} (${pct} %)${map.critical.length ? `; ${tested.length} of ${plural(map.critical.length, 'critical module')} tested` : ''}`,
      [...tested.map((c) => evidenceForFile(c.testedBy as string, `tests ${c.path}`)), ...map.testFiles.map((t) => evidenceForFile(t, 'test file'))]
        .filter((e, i, all) => all.findIndex((x) => x.file === e.file) === i)
        .slice(0, 5),
    );
  },
});
