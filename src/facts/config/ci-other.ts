/**
 * CircleCI (`.circleci/config.yml`) and the CI systems read only coarsely: Azure Pipelines, Bitbucket
 * Pipelines, Buildkite, Travis, Drone, Woodpecker, AppVeyor, Cloud Build, Semaphore, CodeBuild, Cirrus (commands under their script keys) and
 * Jenkinsfiles (Groovy: recorded as present, with no jobs, since their steps are code).
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { CiConfig, CiJob, CiStep } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { usesRunsTests } from './ci-commands.js';
import { commandLines, entries, ev, get, items, readYaml, str, type YamlFile } from './ci-yaml.js';
import { table } from '../../core/table.js';

export function circleciConfig(repo: RepoContext, file: string): CiConfig | null {
  const y = readYaml(repo, file);
  if (!y) return null;
  const workflows = entries(y, get(y, y.doc.contents, 'workflows')).filter(([k]) => k !== 'version');
  // Which events start each job: a workflow with `triggers:` runs on its schedule only.
  const jobEvents = new Map<string, Set<string>>();
  const orbJobs: CiJob[] = [];
  for (const [, wf] of workflows) {
    const scheduled = items(y, get(y, wf, 'triggers')).some((t) => get(y, t, 'schedule') !== undefined);
    for (const ref of items(y, get(y, wf, 'jobs'))) {
      const name = str(y, ref) ?? entries(y, ref)[0]?.[0];
      if (!name) continue;
      const set = jobEvents.get(name) ?? new Set<string>();
      set.add(scheduled ? 'schedule' : 'push');
      jobEvents.set(name, set);
      // An orb job (`node/test`) runs the orb's own steps, which are not in the repository.
      if (name.includes('/') && !orbJobs.some((j) => j.name === name)) {
        orbJobs.push({ name, evidence: ev(y, ref), steps: [{ name, run: '', evidence: ev(y, ref), blocking: true, uses: name, runsTests: /(^|\/)test/.test(name) }] });
      }
    }
  }
  const jobs: CiJob[] = [];
  for (const [name, job, key] of entries(y, get(y, y.doc.contents, 'jobs'))) {
    const steps: CiStep[] = [];
    for (const step of items(y, get(y, job, 'steps'))) {
      const run = get(y, step, 'run');
      if (run !== undefined) {
        const command = isMap(run) ? get(y, run, 'command') : run;
        for (const c of commandLines(y, command)) steps.push({ name: str(y, get(y, run, 'name')) ?? c.text, run: c.text, evidence: y.repo.ev(y.file, c.line), blocking: !c.guarded, runsTests: c.runsTests });
        continue;
      }
      // Orb commands: `- python/install-packages` or `- node/test: {…}`.
      const orb = str(y, step) ?? entries(y, step)[0]?.[0];
      if (orb && orb.includes('/')) steps.push({ name: orb, run: '', evidence: ev(y, step), blocking: true, uses: orb, runsTests: /(^|\/)test/.test(orb) });
    }
    const events = jobEvents.get(name);
    jobs.push({ name, evidence: ev(y, key), steps, ...(events || workflows.length ? { triggers: [...(events ?? [])] } : {}) });
  }
  jobs.push(...orbJobs.map((j) => ({ ...j, triggers: [...(jobEvents.get(j.name) ?? [])] })));
  const triggers = workflows.length ? [...new Set([...jobEvents.values()].flatMap((s) => [...s]))] : ['push'];
  return { system: 'circleci', file, triggers, jobs };
}

/** Keys whose values are shell commands in the coarsely read systems. */
const SCRIPT_KEYS = new Set(['script', 'scripts', 'command', 'commands', 'run', 'bash', 'pwsh', 'powershell', 'inlineScript', 'before_script', 'install', 'test_script', 'build_script', 'args']);

/** Bitbucket sections: which event starts the pipelines listed under each. */
const BITBUCKET_SECTIONS = table<string>({ default: 'push', branches: 'push', 'pull-requests': 'pull_request', tags: 'tag', bookmarks: 'push', custom: 'manual' });

function collectCommands(y: YamlFile, node: unknown, out: CiStep[], depth = 0): void {
  if (depth > 12) return;
  if (isSeq(node)) for (const i of items(y, node)) collectCommands(y, i, out, depth + 1);
  else if (isMap(node)) {
    for (const [k, v] of entries(y, node)) {
      if (SCRIPT_KEYS.has(k) && (isScalar(v) || isSeq(v))) {
        for (const c of commandLines(y, v)) out.push({ name: k, run: c.text, evidence: y.repo.ev(y.file, c.line), blocking: !c.guarded, runsTests: c.runsTests });
      } else collectCommands(y, v, out, depth + 1);
    }
  }
}

function coarseConfig(repo: RepoContext, file: string): CiConfig | null {
  const y = readYaml(repo, file);
  if (!y) return null;
  const jobs: CiJob[] = [];
  const pipelines = get(y, y.doc.contents, 'pipelines');
  if (/bitbucket-pipelines\.ya?ml$/.test(file) && pipelines !== undefined) {
    for (const [section, node, key] of entries(y, pipelines)) {
      const steps: CiStep[] = [];
      collectCommands(y, node, steps);
      jobs.push({ name: section, evidence: ev(y, key), steps, triggers: [BITBUCKET_SECTIONS[section] ?? 'push'] });
    }
  } else {
    const steps: CiStep[] = [];
    collectCommands(y, y.doc.contents, steps);
    // Azure `- template: x.yml@repo` and Buildkite plugins run steps defined elsewhere.
    for (const t of findTemplates(y, y.doc.contents)) steps.push({ name: t.ref, run: '', evidence: ev(y, t.at), blocking: true, uses: t.ref, runsTests: usesRunsTests(t.ref) });
    jobs.push({ name: file, evidence: y.repo.ev(file, 1), steps });
  }
  const triggers = [...new Set(jobs.flatMap((j) => j.triggers ?? ['push', 'pull_request']))];
  return { system: 'other', file, triggers, jobs };
}

function findTemplates(y: YamlFile, node: unknown, depth = 0): { ref: string; at: unknown }[] {
  if (depth > 12) return [];
  if (isSeq(node)) return items(y, node).flatMap((i) => findTemplates(y, i, depth + 1));
  if (!isMap(node)) return [];
  const out: { ref: string; at: unknown }[] = [];
  for (const [k, v] of entries(y, node)) {
    const s = str(y, v);
    if (k === 'template' && s) out.push({ ref: s, at: v });
    else out.push(...findTemplates(y, v, depth + 1));
  }
  return out;
}

const COARSE = [
  /(^|\/)azure-pipelines[\w.-]*\.ya?ml$/,
  /^\.azure-pipelines\/[^/]+\.ya?ml$/,
  /^bitbucket-pipelines\.ya?ml$/,
  /^\.buildkite\/pipeline[\w.-]*\.ya?ml$/,
  /^\.travis\.ya?ml$/,
  /^\.drone\.ya?ml$/,
  /^\.woodpecker(\.ya?ml|\/[^/]+\.ya?ml)$/,
  /^\.?appveyor\.ya?ml$/,
  /(^|\/)cloudbuild[\w.-]*\.ya?ml$/,
  /^\.semaphore\/[^/]+\.ya?ml$/,
  /(^|\/)buildspec[\w.-]*\.ya?ml$/,
  /^\.cirrus\.ya?ml$/,
];

export function otherConfigs(repo: RepoContext): CiConfig[] {
  const out: CiConfig[] = [];
  for (const f of repo.discovery.files) {
    if (f.role === 'fixture' || f.role === 'test') continue;
    if (/^\.circleci\/config\.ya?ml$/.test(f.path)) {
      const c = circleciConfig(repo, f.path);
      if (c) out.push(c);
    } else if (COARSE.some((re) => re.test(f.path))) {
      const c = coarseConfig(repo, f.path);
      if (c) out.push(c);
    } else if (/(^|\/)Jenkinsfile(\.[\w-]+)?$/.test(f.path)) {
      out.push({ system: 'other', file: f.path, triggers: ['push'], jobs: [] });
    }
  }
  return out;
}
