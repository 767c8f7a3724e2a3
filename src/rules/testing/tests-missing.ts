import { evidenceForFile } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

const CODE = new Set(['python', 'typescript', 'tsx', 'javascript', 'jsx']);

export default defineRule({
  meta: {
    id: 'tests-missing',
    area: 'testing',
    severity: 'high',
    title: 'The code has automated tests',
    failureTitle: 'No automated tests',
    why: 'Without tests every deploy is a manual gamble: a refactor of the auth dependency or a changed query ships untested, and the first user finds the regression. Even a handful of API tests for the critical paths (sign-in, the paid feature, the health route) catch most launch-week breakages.',
    fix: {
      default: 'Add a test suite for the critical paths and run it in CI.',
      fastapi: 'Add `pytest` and `httpx`, then test routes through `fastapi.testclient.TestClient(app)` in `tests/test_*.py`.',
      flask: 'Add `pytest` and test routes with `app.test_client()` in `tests/test_*.py`.',
      django: 'Write tests in `<app>/tests.py` or `tests/` with `django.test.TestCase` and run `python manage.py test` (or pytest-django).',
      express: 'Add `vitest` (or jest) and `supertest`, and test routes against the exported `app` in `test/*.test.ts`.',
      nestjs: 'Use `@nestjs/testing` `Test.createTestingModule` with `supertest` for e2e tests of controllers.',
    },
    examples: {
      good: 'def test_health(client):\n    assert client.get("/health").status_code == 200',
      lang: 'python',
    },
    effort: 'days',
    appliesTo: ['py', 'node'],
    needs: ['files'],
    confidence: 'high',
  },
  check({ files }) {
    const appCode = files.filter((f) => f.role === 'app' && CODE.has(f.language));
    if (appCode.length === 0) return notApplicable('no application code');
    const tests = files.filter((f) => f.role === 'test' && CODE.has(f.language));
    if (tests.length > 0) {
      return pass(
        `${plural(tests.length, 'test file')} found`,
        tests.slice(0, 5).map((t) => evidenceForFile(t.path, 'test file')),
      );
    }
    const anchor =
      files.find((f) => /(^|\/)(package\.json|pyproject\.toml|requirements\.txt|setup\.py)$/.test(f.path) && f.role !== 'fixture') ??
      appCode[0];
    return fail([
      {
        message: `No test files next to ${plural(appCode.length, 'application module')}`,
        evidence: [evidenceForFile(anchor.path, 'no test files anywhere in the repository')],
      },
    ]);
  },
});
