/**
 * Decides why a file exists (see `Role` in types.ts). Checks lean on it to tell a `print()` in a route
 * handler (a finding) from one in a seed script (fine). Rules run in order and the first match wins,
 * so the more specific meanings (generated, fixture, test) are claimed before the broad ones.
 */
import { baseName, extensionOf } from './language.js';
import type { Language, Role } from './types.js';

const CODE_LANGUAGES: ReadonlySet<Language> = new Set(['python', 'typescript', 'tsx', 'javascript', 'jsx']);

const FIXTURE_DIRS = new Set(['fixtures', '__fixtures__', 'testdata', 'test-data', '__mocks__', 'mocks']);
const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'e2e', 'cypress', 'playwright']);
const MIGRATION_DIRS = new Set(['migrations', 'migrate']);
const SCRIPT_DIRS = new Set(['scripts', 'bin', 'tools', 'cli', 'seeds', 'seed']);
const DOCS_DIRS = new Set(['docs', 'doc']);

/** Test runner and load-test configuration: only ever loaded by the test tooling. */
const TEST_CONFIG = /^(jest|vitest|playwright|cypress)\.(config|setup|workspace)\.[a-z]+$|^setuptests\.[a-z]+$/;
/** Project paperwork that is prose whatever its extension. */
const PAPERWORK_NAMES = [
  'license', 'licence', 'copying', 'changelog', 'changes', 'history', 'authors', 'contributors', 'notice',
  'readme', 'code_of_conduct', 'contributing', 'security',
];
const PAPERWORK = new RegExp(`^(${PAPERWORK_NAMES.join('|')})(\\.(txt|md|rst))?$`);
/** `vite.config.ts`, `next.config.mjs`, `tailwind.config.js`: build tooling, never deployed as service code. */
const JS_TOOL_CONFIG = /\.config\.(js|ts|mjs|cjs|mts|cts)$/;

/** Lower-cased folder names of a repository-relative path, the file name left out. */
export function dirSegments(path: string): string[] {
  const segments = path.toLowerCase().split('/');
  segments.pop();
  return segments;
}

function hasDir(dirs: readonly string[], names: ReadonlySet<string>): boolean {
  return dirs.some((d) => names.has(d));
}

/** True when `first/second` appear as consecutive folders, e.g. `management/commands`. */
function hasDirPair(dirs: readonly string[], first: string, second: string): boolean {
  for (let i = 0; i + 1 < dirs.length; i++) if (dirs[i] === first && dirs[i + 1] === second) return true;
  return false;
}

/**
 * A path under a test or fixture folder. Manifests found there describe sample projects used as test
 * input, not services, so service discovery skips them too.
 */
export function isUnderTestOrFixtureDir(path: string): boolean {
  const dirs = dirSegments(path);
  return hasDir(dirs, TEST_DIRS) || hasDir(dirs, FIXTURE_DIRS);
}

/** `packageScript`: false for a `setup.py` that is no setuptools script (a module of the app named so). */
export function roleOf(path: string, language: Language, packageScript = true): Role {
  const dirs = dirSegments(path);
  const name = baseName(path).toLowerCase();
  if (isGenerated(name)) return 'generated';
  // Sample inputs and mocks: their contents are deliberately fake (or deliberately bad).
  if (hasDir(dirs, FIXTURE_DIRS)) return 'fixture';
  if (isTest(dirs, name, language)) return 'test';
  if (isMigration(dirs)) return 'migration';
  if (isScript(dirs, name, language, packageScript)) return 'script';
  if (isDocs(dirs, name, language)) return 'docs';
  if (isConfig(name, language)) return 'config';
  // Whatever is left runs inside a deployed service: code, and the templates/styles shipped beside it.
  return 'app';
}

/** Written by a tool, so a finding in it cannot be fixed by editing it; the source it came from is what matters. */
function isGenerated(name: string): boolean {
  return (
    name.includes('_pb2.') ||
    name.includes('_pb2_grpc.') ||
    name.includes('.generated.') ||
    name.includes('.gen.') ||
    /\.d\.(ts|mts|cts)$/.test(name) ||
    // Minified bundles and source maps are build output that happened to be committed.
    /\.min\.(js|css)$/.test(name) ||
    // Content-hashed build output (`workbox-f1770938.js`, `main.3f2a1b9c.js`): the hash has a letter,
    // so a date-stamped `backup-20240101.js` is not taken for one.
    /[.-](?=[0-9a-f]*[a-f])[0-9a-f]{8,}\.(js|mjs|cjs|css)$/.test(name) ||
    name.endsWith('.map')
  );
}

/** Test code may use fake secrets, prints and sleeps freely; none of it ships. */
function isTest(dirs: readonly string[], name: string, language: Language): boolean {
  if (hasDir(dirs, TEST_DIRS)) return true;
  // pytest's discovery conventions; `tests_helpers.py` is deliberately not matched.
  if (language === 'python' && (/^test_.*\.py$/.test(name) || /_test\.py$/.test(name))) return true;
  if (name === 'conftest.py' || name === 'pytest.ini' || name === 'locustfile.py') return true;
  // Django's default test module: `startapp` creates `<app>/tests.py`.
  if (language === 'python' && name === 'tests.py') return true;
  // Jest/Vitest/Playwright/Cypress naming: `x.test.ts`, `x.spec.tsx`, `x.e2e.ts`, `x.cy.js`.
  if (/\.(test|spec|e2e|cy)\.[a-z0-9]+$/.test(name)) return true;
  if (TEST_CONFIG.test(name)) return true;
  // k6 load-test scripts are JavaScript living in load/perf folders; restricted to JS/TS so that a
  // Python ETL package called `load/` stays app code.
  const isScriptLanguage = language === 'javascript' || language === 'typescript';
  return isScriptLanguage && dirs.some((d) => d === 'load' || d === 'perf' || d.startsWith('loadtest'));
}

/**
 * Schema migrations (Django, Knex, Prisma, Rails-style db/migrate, Alembic) run once at deploy time;
 * they get their own checks (reversibility, locking) rather than app-code checks. The whole `alembic/`
 * folder counts, not only `versions/`: its env.py is the migration harness, not service code.
 */
function isMigration(dirs: readonly string[]): boolean {
  if (hasDir(dirs, MIGRATION_DIRS) || dirs.includes('alembic')) return true;
  // Alembic trees under other names (`database/revisions/core/versions/`): a `versions` folder below
  // a `revisions` one holds revision scripts.
  const v = dirs.lastIndexOf('versions');
  return v > 0 && dirs.slice(0, v).includes('revisions');
}

/** Run by a person or CI, not by the service: printing and exiting are their normal behaviour. */
function isScript(dirs: readonly string[], name: string, language: Language, packageScript: boolean): boolean {
  if (hasDir(dirs, SCRIPT_DIRS) || hasDirPair(dirs, 'management', 'commands')) return true;
  // Developer tooling kept at the top of the repository (`dev/code-generation/gen_types.py`, `hack/`).
  if (dirs.length > 0 && (dirs[0] === 'dev' || dirs[0] === 'hack' || dirs[0] === 'devtools')) return true;
  if (name === 'manage.py' || (name === 'setup.py' && packageScript) || name === 'makefile') return true;
  if (/^seed.*\.(py|ts|js|mjs|cjs|mts|cts)$/.test(name)) return true;
  return language === 'shell';
}

/** Prose: read for evidence (a documented runbook, a health endpoint) but never linted as code. */
function isDocs(dirs: readonly string[], name: string, language: Language): boolean {
  if (language === 'markdown' || hasDir(dirs, DOCS_DIRS)) return true;
  return PAPERWORK.test(name) || extensionOf(name) === 'rst';
}

/**
 * Declarative settings and tooling configuration: manifests, compose files, Dockerfiles, env files,
 * SQL schema, lockfiles and dotfiles. Note `settings.py` is not here: Django imports it at runtime, so
 * it is app code.
 */
function isConfig(name: string, language: Language): boolean {
  if (!CODE_LANGUAGES.has(language)) {
    if (language !== 'other') return true;
    // Untyped leftovers: lockfiles (`yarn.lock`, `poetry.lock`), Pipfile and tool dotfiles (`.npmrc`).
    return extensionOf(name) === 'lock' || name === 'pipfile' || name.startsWith('.');
  }
  // Tool configuration written in JavaScript/TypeScript, including `.eslintrc.js` and `.prettierrc.cjs`.
  return JS_TOOL_CONFIG.test(name) || /^\.[a-z]+rc\.[a-z]+$/.test(name);
}
