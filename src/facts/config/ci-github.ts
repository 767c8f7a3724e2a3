/**
 * GitHub Actions workflows: `on` triggers (string, list or map form), jobs, and their steps as shell
 * commands. A job that calls a reusable workflow of the same repository (`uses: ./.github/workflows/x.yml`)
 * gets the called workflow's steps, so tests run there count for the caller's triggers; a workflow of
 * another repository stays an opaque step that names it.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { CiConfig, CiJob, CiStep } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { usesRunsTests } from './ci-commands.js';
import { commandLines, entries, ev, get, isTrue, items, pair, readYaml, str, type YamlFile } from './ci-yaml.js';

export function githubTriggers(y: YamlFile): string[] {
  // YAML 1.1 readers turn a bare `on` key into `true`; this parser keeps it a string, but accept both.
  const on = get(y, y.doc.contents, 'on') ?? get(y, y.doc.contents, 'true');
  if (isScalar(on)) return on.value ? [String(on.value)] : [];
  if (isSeq(on)) return items(y, on).map((i) => str(y, i)).filter((s): s is string => !!s);
  if (isMap(on)) return entries(y, on).map(([k]) => k);
  return [];
}

/** `if: github.event_name == 'push'`: the events a job is limited to, when its condition names them. */
function jobEvents(condition: string | undefined): string[] | undefined {
  if (!condition || /!=/.test(condition)) return undefined;
  const names = [...condition.matchAll(/github\.event_name\s*==\s*['"]([\w-]+)['"]/g)].map((m) => m[1]);
  return names.length ? names : undefined;
}

function stepsOf(y: YamlFile, job: unknown, jobBlocking: boolean): CiStep[] {
  const out: CiStep[] = [];
  for (const step of items(y, get(y, job, 'steps'))) {
    const blocking = jobBlocking && !isTrue(y, get(y, step, 'continue-on-error'));
    const uses = str(y, get(y, step, 'uses'));
    const name = str(y, get(y, step, 'name')) ?? uses ?? '';
    const runNode = get(y, step, 'run');
    // Actions that take a command (`with: run:` / `command:`) run it like a step would.
    const withNode = get(y, step, 'with');
    const delegated = get(y, withNode, 'run') ?? get(y, withNode, 'command') ?? get(y, withNode, 'script');
    const commands = commandLines(y, runNode ?? delegated);
    if (uses) {
      out.push({ name, run: '', evidence: ev(y, pair(y, step, 'uses')?.value), blocking, uses, runsTests: usesRunsTests(uses) });
    }
    for (const c of commands) {
      out.push({
        name: name || c.text,
        run: c.text,
        evidence: y.repo.ev(y.file, c.line),
        blocking: blocking && !c.guarded,
        ...(uses ? { uses } : {}),
        runsTests: c.runsTests,
      });
    }
  }
  return out;
}

function readWorkflow(repo: RepoContext, file: string, depth: number): CiConfig | null {
  const y = readYaml(repo, file);
  if (!y) return null;
  const jobs: CiJob[] = [];
  for (const [name, job, keyNode] of entries(y, get(y, y.doc.contents, 'jobs'))) {
    const blocking = !isTrue(y, get(y, job, 'continue-on-error'));
    const steps = stepsOf(y, job, blocking);
    const called = str(y, get(y, job, 'uses'));
    if (called) {
      const local = /^\.\/(.+\.ya?ml)$/.exec(called)?.[1];
      const inner = local && depth < 3 && repo.file(local) ? readWorkflow(repo, local, depth + 1) : null;
      if (inner) for (const j of inner.jobs) steps.push(...j.steps.map((s) => ({ ...s, blocking: s.blocking && blocking })));
      else steps.push({ name: called, run: '', evidence: ev(y, pair(y, job, 'uses')?.value), blocking, uses: called, runsTests: usesRunsTests(called) });
    }
    const events = jobEvents(str(y, get(y, job, 'if')));
    jobs.push({ name: str(y, get(y, job, 'name')) ?? name, evidence: ev(y, keyNode), steps, ...(events ? { triggers: events } : {}) });
  }
  return { system: 'github-actions', file, triggers: githubTriggers(y), jobs };
}

export function githubConfigs(repo: RepoContext): CiConfig[] {
  const out: CiConfig[] = [];
  for (const f of repo.discovery.files) {
    // Gitea and Forgejo Actions use the same workflow syntax.
    if (!/^\.(github|gitea|forgejo)\/workflows\/[^/]+\.ya?ml$/.test(f.path)) continue;
    const c = readWorkflow(repo, f.path, 0);
    if (c) out.push(c);
  }
  return out;
}
