/**
 * Test tooling beyond "are there tests": coverage measurement, load tests, browser (e2e) tests and CI
 * type-check steps (coverage-unmeasured, load-test-missing, e2e-missing, ci-tests-nonblocking).
 * Sources are manifests (dependencies, package.json scripts), tool configs (pyproject / setup.cfg /
 * .coveragerc / jest and vitest configs as code models), file names and CI step commands.
 */
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import type { Value } from '../code/model.js';
import type { FactMap, TestTooling } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { ciDeploysAndSmoke } from './smoke-checks.js';

const COVERAGE_DEPS = new Set(['pytest-cov', 'coverage', 'c8', 'nyc', '@vitest/coverage-v8', '@vitest/coverage-istanbul', '@vitest/coverage-c8', 'codecov', 'coveralls', 'pytest-codecov']);
const LOAD_DEPS = new Set(['locust', 'k6', 'artillery', 'autocannon', 'loadtest', '@grafana/k6', 'molotov', 'vegeta']);
const E2E_DEPS = new Set(['@playwright/test', 'playwright', 'cypress', 'puppeteer', 'webdriverio', '@wdio/cli', 'testcafe', 'nightwatch', 'selenium-webdriver', 'pytest-playwright', 'selenium']);

const COVERAGE_CMD = /(--cov\b|--cov=|--coverage\b|\bcoverage\s+(run|report|xml|html|erase)\b|\bc8\s|\bnyc\s|\bjest\b.*--coverage)/;
const LOAD_CMD = /(^|[\s/])(locust|k6\s+run|artillery\s+run|autocannon|vegeta\s+attack|ab\s+-n|wrk\s+-)/;
const E2E_CMD = /(playwright\s+test|cypress\s+run|wdio\s+run|testcafe\s)/;
/** tsc without emit, vue-tsc, mypy, pyright, `npm run typecheck` / `type-check` / `check-types`. */
export const TYPECHECK_CMD = /(\btsc\b(?!.*--build)(?=.*(--noEmit|-p|--project|$))|\bvue-tsc\b|\bmypy\b|\bpyright\b|\bbasedpyright\b|\bpytype\b|\b(npm|pnpm|yarn|bun)\s+(run\s+)?(typecheck|type-check|check-types|types|tsc)\b)/;

const LOAD_FILE = /(^|\/)(locustfile[\w-]*\.py|[\w-]*\.jmx|artillery[\w.-]*\.ya?ml)$|(^|\/)(load[-_]?tests?|loadtest(ing)?|perf(ormance)?[-_]?tests?|stress[-_]?tests?|k6)\/|(^|\/)(load|perf)\/[^/]*\.[cm]?[jt]s$/;
const E2E_FILE = /(^|\/)(playwright|cypress)\.config\.[cm]?[jt]s$|(^|\/)cypress\.json$|(^|\/)(e2e|cypress)\/.*\.(spec|test|cy)\.[jt]sx?$/;
const COVERAGE_FILE = /(^|\/)(\.coveragerc|codecov\.ya?ml|\.codecov\.ya?ml|\.nycrc(\.json)?|\.c8rc(\.json)?)$/;

function walkValue(v: Value | undefined, visit: (key: string, value: Value) => void, depth = 0): void {
  if (!v || depth > 6) return;
  for (const e of v.entries ?? []) {
    visit(e.key, e.value);
    walkValue(e.value, visit, depth + 1);
  }
  for (const i of v.items ?? []) walkValue(i, visit, depth + 1);
}

export function collectTestTooling(repo: RepoContext, facts: FactMap): TestTooling {
  const out: TestTooling = { coverage: [], unreadConfigs: [], loadTests: [], e2e: [], ciTypeChecks: [], ...ciDeploysAndSmoke(facts.ciConfigs) };
  for (const d of facts.dependencies) {
    if (COVERAGE_DEPS.has(d.name)) out.coverage.push({ ...d.evidence, note: `${d.name} dependency` });
    if (LOAD_DEPS.has(d.name)) out.loadTests.push({ ...d.evidence, note: `${d.name} dependency` });
    if (E2E_DEPS.has(d.name)) out.e2e.push({ ...d.evidence, note: `${d.name} dependency` });
  }
  for (const f of repo.discovery.files) {
    const base = f.path.slice(f.path.lastIndexOf('/') + 1);
    if (COVERAGE_FILE.test(f.path)) out.coverage.push(repo.ev(f.path, 0, { note: 'coverage configuration' }));
    if (LOAD_FILE.test(f.path) && f.role !== 'fixture') out.loadTests.push(repo.ev(f.path, 0, { note: 'load test' }));
    if (E2E_FILE.test(f.path)) out.e2e.push(repo.ev(f.path, 0, { note: 'browser tests' }));
    // k6 / autocannon / Locust scripts recognised by what they import.
    for (const imp of repo.models.get(f.path)?.imports ?? [])
      if (/^(k6(\/.*)?|autocannon|locust)$/.test(imp.module)) {
        out.loadTests.push(repo.ev(f.path, 0, { note: `imports ${imp.module}` }));
        break;
      }
    // Shell scripts and Makefile recipes are plain command text: `pytest --cov`, `coverage run`.
    if (f.language === 'shell' || base === 'Makefile' || base === 'tox.ini') {
      const i = repo.lines(f.path).findIndex((l) => !/^\s*#/.test(l) && COVERAGE_CMD.test(l));
      if (i >= 0) out.coverage.push(repo.ev(f.path, i + 1, { note: 'coverage run' }));
    }
    if (base === 'package.json') packageScripts(repo, f.path, out);
    if (base === 'pyproject.toml') pyprojectCoverage(repo, f.path, out);
    if (base === 'setup.cfg' || base === 'tox.ini' || base === 'pytest.ini') iniCoverage(repo, f.path, out);
    // Jest configs are test tooling and are not parsed: coverage set there cannot be seen.
    if (/^jest\.config\.[cm]?[jt]s$/.test(base)) out.unreadConfigs.push(f.path);
    // vite.config.*: `test.coverage` (code model). Vitest coverage also needs its provider dependency, seen above.
    if (/^vite\.config\.[cm]?[jt]s$/.test(base)) {
      const model = repo.models.get(f.path);
      const values = [...(model?.assignments.map((a) => a.value) ?? []), ...(model?.calls.flatMap((c) => c.args) ?? []), ...(model?.returns.map((r) => r.value) ?? [])];
      for (const v of values)
        walkValue(v ?? undefined, (key, value) => {
          if ((key === 'coverage' && value.kind === 'dict') || key === 'coverageThreshold' || (key === 'collectCoverage' && value.value === 'true')) out.coverage.push(repo.ev(f.path, value.line, { note: `${key} in ${base}` }));
        });
    }
  }
  for (const c of facts.ciConfigs)
    for (const j of c.jobs)
      for (const s of j.steps) {
        const cmd = s.run || '';
        if (COVERAGE_CMD.test(cmd) || /codecov|coveralls/i.test(s.uses ?? '')) out.coverage.push({ ...s.evidence, note: 'coverage in CI' });
        if (LOAD_CMD.test(cmd) || /k6|locust|artillery/i.test(s.uses ?? '')) out.loadTests.push({ ...s.evidence, note: 'load test in CI' });
        if (E2E_CMD.test(cmd) || /cypress-io\/github-action/.test(s.uses ?? '')) out.e2e.push({ ...s.evidence, note: 'browser tests in CI' });
        if (cmd && TYPECHECK_CMD.test(cmd) && !/\b(pip|npm|pnpm|yarn|uv|poetry)\s+(install|add|i)\b/.test(cmd)) out.ciTypeChecks.push({ evidence: s.evidence, blocking: s.blocking });
      }
  return out;
}

function packageScripts(repo: RepoContext, path: string, out: TestTooling): void {
  const text = repo.read(path);
  if (!text) return;
  const tree = parseTree(text);
  const scripts = tree && findNodeAtLocation(tree, ['scripts']);
  for (const prop of scripts?.type === 'object' ? (scripts.children ?? []) : []) {
    const [k, v] = prop.children ?? [];
    if (typeof v?.value !== 'string' || !k) continue;
    const line = text.slice(0, k.offset).split('\n').length;
    if (COVERAGE_CMD.test(v.value)) out.coverage.push(repo.ev(path, line, { note: 'coverage script' }));
    if (LOAD_CMD.test(v.value)) out.loadTests.push(repo.ev(path, line, { note: 'load test script' }));
    if (E2E_CMD.test(v.value)) out.e2e.push(repo.ev(path, line, { note: 'browser test script' }));
  }
  const jest = tree && findNodeAtLocation(tree, ['jest']);
  for (const prop of jest?.type === 'object' ? (jest.children ?? []) : []) {
    const [k, v] = prop.children ?? [];
    if (k && (k.value === 'coverageThreshold' || (k.value === 'collectCoverage' && v?.value === true)))
      out.coverage.push(repo.ev(path, text.slice(0, k.offset).split('\n').length, { note: `jest ${String(k.value)}` }));
  }
}

function lineOf(repo: RepoContext, path: string, re: RegExp): number {
  const i = repo.lines(path).findIndex((l) => re.test(l));
  return i + 1;
}

function pyprojectCoverage(repo: RepoContext, path: string, out: TestTooling): void {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(repo.read(path) ?? '') as Record<string, unknown>;
  } catch {
    return;
  }
  const tool = (doc.tool ?? {}) as Record<string, unknown>;
  if (tool.coverage) out.coverage.push(repo.ev(path, lineOf(repo, path, /^\s*\[tool\.coverage/), { note: '[tool.coverage]' }));
  const pytest = (tool.pytest as Record<string, unknown> | undefined)?.ini_options as Record<string, unknown> | undefined;
  const addopts = pytest?.addopts;
  const text = Array.isArray(addopts) ? addopts.join(' ') : typeof addopts === 'string' ? addopts : '';
  if (/--cov\b/.test(text)) out.coverage.push(repo.ev(path, lineOf(repo, path, /--cov\b/), { note: 'pytest --cov' }));
}

function iniCoverage(repo: RepoContext, path: string, out: TestTooling): void {
  const lines = repo.lines(path);
  let section = '';
  lines.forEach((l, i) => {
    const h = /^\s*\[([^\]]+)\]/.exec(l);
    if (h) {
      section = h[1];
      if (/^coverage:/.test(section)) out.coverage.push(repo.ev(path, i + 1, { note: `[${section}]` }));
      return;
    }
    if (/^(tool:pytest|pytest)$/.test(section) && /--cov\b/.test(l) && !/^\s*[#;]/.test(l)) out.coverage.push(repo.ev(path, i + 1, { note: 'pytest --cov' }));
  });
}
