/**
 * tests-thin: test files against application modules, and which critical modules no test names or
 * imports. Test files are classified by path and never parsed (see parse/code.ts), so "imports" is
 * read from their text: a test mentions a module when it contains the module's import path (Python
 * `pkg.module` or `pkg import module`, JS `'…/module'`). This errs towards "tested": a critical
 * module is listed as untested only when no test file name and no test text refers to it.
 *
 * Counted (front-end services are left out: this check is about the back end):
 * - test files: test_*.py, *_test.py, tests.py, *.test.* / *.spec.* / *.e2e.*, and JS/TS files in a
 *   test/, tests/, __tests__/, spec/ or e2e/ folder that are not helpers (mocha's `test/users.js`);
 * - application modules: app-role Python / JS / TS files of at least MIN_MODULE_LINES lines (package
 *   markers, re-export barrels and constant files have nothing of their own to test).
 */
import type { FactMap, TestCoverageMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import type { RepoFile } from '../../discover/types.js';
import { table } from '../../core/table.js';

export const MIN_MODULE_LINES = 20;
const CODE = new Set(['python', 'typescript', 'tsx', 'javascript', 'jsx']);
const TEST_NAME = /(^test_.*\.py$|_test\.py$|^tests\.py$|\.(test|spec|e2e)\.[cm]?[jt]sx?$)/;
/** Topic words that make a module critical, by the token they appear as in a path. */
const CRITICAL = table<string>({
  auth: 'auth', authentication: 'auth', oauth: 'auth', login: 'auth',
  payment: 'payments', payments: 'payments', billing: 'billing', stripe: 'payments', checkout: 'payments',
  worker: 'workers', workers: 'workers', webhook: 'webhooks', webhooks: 'webhooks',
});
/**
 * Background work is found through the task definitions (Celery, RQ, Dramatiq, BullMQ) rather than
 * by name: "task" and "job" are domain words in many apps (a to-do list's tasks.py).
 */
const TASK_TOPIC = 'tasks';
/** Stems that say nothing about what a module does: a test name must say more than these. */
const GENERIC_STEMS = new Set(['index', 'main', 'app', 'models', 'model', 'views', 'view', 'service', 'services', 'routes', 'router', 'utils', 'schemas', 'types', 'api', 'handlers', 'controller', 'crud', 'core', 'base', 'config', 'deps']);

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const stemOf = (p: string) => baseName(p).replace(/\.[^.]+$/, '');

/** Lower-case word tokens of a path: `app/api/routes/login.py` → app, api, routes, login; `stripeWebhook.ts` → stripe, webhook. */
export function pathTokens(path: string): string[] {
  return path
    .replace(/\.[^./]+$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'e2e']);
/** Support files in JS test folders: not tests themselves. */
const JS_TEST_SUPPORT = /(helper|util|setup|teardown|fixture|mock|factor|config|global|index|support|seed)/;
const SUPPORT_DIRS = new Set(['pages', 'page-objects', 'pageobjects', 'utils', 'helpers', 'support', 'fixtures', 'mocks', '__mocks__', 'lib', 'data', 'factories']);

function isTestFile(f: RepoFile): boolean {
  if (f.role !== 'test' || !CODE.has(f.language)) return false;
  const name = baseName(f.path).toLowerCase();
  if (TEST_NAME.test(name)) return true;
  // Mocha and other JS runners take every file of test/ (`test/users.js`); pytest only collects
  // test_*.py, so a Python file there without that name is a helper.
  if (f.language === 'python' || JS_TEST_SUPPORT.test(name)) return false;
  const dirs = f.path.toLowerCase().split('/').slice(0, -1);
  const at = dirs.findIndex((d) => TEST_DIRS.has(d));
  return at >= 0 && !dirs.slice(at + 1).some((d) => SUPPORT_DIRS.has(d));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Text patterns of an import of this module (see the file comment). */
function importPattern(path: string): RegExp {
  const parts = path.replace(/\.[^./]+$/, '').split('/');
  const stem = parts[parts.length - 1];
  if (path.endsWith('.py')) {
    const pkg = parts.length > 1 ? parts[parts.length - 2] : '';
    const alts = pkg ? [`\\b${escape(pkg)}\\.${escape(stem)}\\b`, `\\b${escape(pkg)}\\s+import\\s+[^\\n]*\\b${escape(stem)}\\b`] : [`\\bimport\\s+${escape(stem)}\\b`, `\\bfrom\\s+${escape(stem)}\\s+import\\b`];
    return new RegExp(alts.join('|'));
  }
  const target = stem === 'index' && parts.length > 1 ? parts[parts.length - 2] : stem;
  return new RegExp(`['"\`][^'"\`\\n]*/${escape(target)}(\\.[cm]?[jt]sx?)?['"\`]`);
}

export function collectTestCoverageMap(repo: RepoContext, facts: FactMap): TestCoverageMap {
  const frontends = new Set(facts.services.filter((s) => s.kind === 'frontend').map((s) => s.dir));
  const files = facts.files.filter((f) => !frontends.has(f.service));
  const tests = files.filter(isTestFile).map((f) => f.path);
  const appModules: string[] = [];
  const critical: TestCoverageMap['critical'] = [];
  const testTokens = tests.map((t) => new Set(pathTokens(t)));
  const taskFiles = new Set(facts.tasks.map((t) => t.evidence.file));
  for (const f of files) {
    if (f.role !== 'app' || !CODE.has(f.language)) continue;
    const lines = repo.models.get(f.path)?.lineCount ?? repo.lines(f.path).length;
    if (lines >= MIN_MODULE_LINES) appModules.push(f.path);
    const tokens = pathTokens(f.service === '' ? f.path : f.path.slice(f.service.length + 1));
    const hit = tokens.find((t) => CRITICAL[t]) ?? (taskFiles.has(f.path) ? TASK_TOPIC : undefined);
    if (!hit || lines < MIN_MODULE_LINES) continue;
    const topic = CRITICAL[hit] ?? TASK_TOPIC;
    const stem = stemOf(f.path).toLowerCase();
    // Named: a test path carries the module's own name, or (for a generic name such as
    // auth/service.py) the word the module was found by (`tests/auth/…`, `test_auth.py`).
    const stemTokens = GENERIC_STEMS.has(stem) ? [] : pathTokens(stem);
    let testedBy = tests.find((_, i) => (stemTokens.length > 0 && stemTokens.every((t) => testTokens[i].has(t))) || testTokens[i].has(hit)) ?? null;
    if (!testedBy) {
      const pattern = importPattern(f.path);
      testedBy = tests.find((t) => pattern.test(repo.read(t) ?? '')) ?? null;
    }
    critical.push({ path: f.path, topic, testedBy });
  }
  return { testFiles: tests, appModules, critical };
}
