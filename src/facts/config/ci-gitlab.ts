/**
 * GitLab CI: jobs (top-level maps with a script; `.hidden` templates only through `extends`), their
 * before_script/script commands, `allow_failure`, and the events `rules` / `only` / `when` limit them
 * to. Local includes (and local child pipelines) are read as part of the pipeline; templates,
 * remote and project includes stay opaque steps that name them.
 */
import type { CiConfig, CiJob, CiStep } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { usesRunsTests } from './ci-commands.js';
import { commandLines, entries, ev, get, isTrue, items, readYaml, str, type YamlFile } from './ci-yaml.js';
import { table } from '../../core/table.js';

const RESERVED = new Set(['image', 'services', 'stages', 'types', 'before_script', 'after_script', 'variables', 'cache', 'include', 'default', 'workflow', 'spec']);

interface JobNode {
  y: YamlFile;
  node: unknown;
  key: unknown;
}

const ONLY_REFS = table<string>({
  merge_requests: 'merge_request',
  schedules: 'schedule',
  tags: 'tag',
  web: 'manual',
  api: 'api',
  triggers: 'trigger',
  pipelines: 'pipeline',
  external: 'external',
  chat: 'chat',
  branches: 'push',
  pushes: 'push',
});
const SOURCES = table<string>({
  merge_request_event: 'merge_request',
  schedule: 'schedule',
  push: 'push',
  web: 'manual',
  api: 'api',
  trigger: 'trigger',
  pipeline: 'pipeline',
  parent_pipeline: 'pipeline',
  external_pull_request_event: 'pull_request',
});

/** Events of one `if:` expression; a branch or variable condition means an ordinary push pipeline. */
function eventsOfCondition(cond: string | undefined): string[] {
  if (!cond) return ['push'];
  const sources = [...cond.matchAll(/\$CI_PIPELINE_SOURCE\s*==\s*["']?(\w+)["']?/g)].map((m) => SOURCES[m[1]] ?? m[1]);
  if (sources.length && !/\|\||!=|=~/.test(cond.replace(/\$CI_PIPELINE_SOURCE\s*==\s*["']?\w+["']?/g, ''))) return sources;
  if (sources.length && /&&/.test(cond) && !/\|\|/.test(cond)) return sources;
  if (/\$CI_MERGE_REQUEST_/.test(cond) && !/\|\|/.test(cond)) return ['merge_request'];
  if (/\$CI_COMMIT_TAG\b/.test(cond) && !/\|\||!=|==\s*null|!\$CI_COMMIT_TAG/.test(cond)) return ['tag'];
  return ['push'];
}

/** The events a job (or `workflow:`) runs on; undefined when nothing restricts it. */
function eventsOf(y: YamlFile, node: unknown): string[] | undefined {
  const when = str(y, get(y, node, 'when'));
  if (when === 'manual') return ['manual'];
  const rules = items(y, get(y, node, 'rules'));
  if (rules.length) {
    const out = new Set<string>();
    for (const r of rules) {
      const rw = str(y, get(y, r, 'when'));
      if (rw === 'never') continue;
      if (rw === 'manual') {
        out.add('manual');
        continue;
      }
      for (const e of eventsOfCondition(str(y, get(y, r, 'if')))) out.add(e);
    }
    return [...out];
  }
  const only = get(y, node, 'only');
  const refs = items(y, get(y, only, 'refs') ?? only).map((i) => str(y, i)).filter((s): s is string => !!s);
  const single = str(y, only);
  if (single) refs.push(single);
  return refs.length ? [...new Set(refs.map((r) => ONLY_REFS[r] ?? 'push'))] : undefined;
}

/** A job's value for `key`, following `extends` (string or list) through the templates; nearest wins. */
function lookup(jobs: Map<string, JobNode>, job: JobNode, key: string, seen = new Set<JobNode>()): { y: YamlFile; value: unknown } | undefined {
  const own = get(job.y, job.node, key);
  if (own !== undefined) return { y: job.y, value: own };
  if (seen.has(job)) return undefined;
  seen.add(job);
  const ext = get(job.y, job.node, 'extends');
  const parents = [str(job.y, ext), ...items(job.y, ext).map((i) => str(job.y, i))].filter((s): s is string => !!s);
  for (const p of parents.reverse()) {
    const parent = jobs.get(p);
    const found = parent && lookup(jobs, parent, key, seen);
    if (found) return found;
  }
  return undefined;
}

function includes(y: YamlFile, node: unknown): { local?: string; opaque?: string; at: unknown }[] {
  const list = items(y, node).length ? items(y, node) : node !== undefined ? [node] : [];
  return list.map((i) => {
    const s = str(y, i);
    if (s) return /^https?:/.test(s) ? { opaque: s, at: i } : { local: s.replace(/^\//, ''), at: i };
    const local = str(y, get(y, i, 'local'));
    if (local) return { local: local.replace(/^\//, ''), at: i };
    const opaque = str(y, get(y, i, 'template')) ?? str(y, get(y, i, 'remote')) ?? str(y, get(y, i, 'component')) ?? [str(y, get(y, i, 'project')), str(y, get(y, i, 'file'))].filter(Boolean).join(':');
    return { opaque: opaque || 'include', at: i };
  });
}

export function gitlabConfig(repo: RepoContext, file: string): CiConfig | null {
  const root = readYaml(repo, file);
  if (!root) return null;
  const nodes = new Map<string, JobNode>();
  const opaque: CiStep[] = [];
  const files: YamlFile[] = [];
  const load = (y: YamlFile, depth: number) => {
    files.push(y);
    for (const [name, node, key] of entries(y, y.doc.contents)) {
      if (name === 'include') {
        for (const inc of includes(y, node)) {
          const inner = inc.local && depth < 3 && repo.file(inc.local) ? readYaml(repo, inc.local) : null;
          if (inner) load(inner, depth + 1);
          else if (inc.opaque) opaque.push({ name: inc.opaque, run: '', evidence: ev(y, inc.at), blocking: true, uses: inc.opaque, runsTests: usesRunsTests(inc.opaque) });
        }
      } else if (!RESERVED.has(name)) nodes.set(name, { y, node, key });
    }
  };
  load(root, 0);

  const defaults = get(root, root.doc.contents, 'default');
  const jobs: CiJob[] = [];
  for (const [name, job] of nodes) {
    if (name.startsWith('.')) continue;
    const steps: CiStep[] = [];
    const allowFailure = lookup(nodes, job, 'allow_failure');
    const when = lookup(nodes, job, 'when');
    // Manual jobs may fail without failing the pipeline unless allow_failure: false says otherwise.
    const blocking = !(allowFailure && isTrue(allowFailure.y, allowFailure.value)) && !(when && str(when.y, when.value) === 'manual' && !allowFailure);
    // before_script: the job's (or its templates'), else `default:`, else the legacy top-level one.
    const globalBefore = get(root, defaults, 'before_script') ?? get(root, root.doc.contents, 'before_script');
    const before = lookup(nodes, job, 'before_script') ?? (globalBefore !== undefined ? { y: root, value: globalBefore } : undefined);
    for (const [part, ok] of [[before, blocking], [lookup(nodes, job, 'script'), blocking], [lookup(nodes, job, 'after_script'), false]] as const) {
      if (!part) continue;
      for (const c of commandLines(part.y, part.value)) {
        steps.push({ name, run: c.text, evidence: part.y.repo.ev(part.y.file, c.line), blocking: ok && !c.guarded, runsTests: c.runsTests });
      }
    }
    // A child pipeline of the same repository runs its own jobs.
    const trigger = lookup(nodes, job, 'trigger');
    const childInclude = trigger ? get(trigger.y, trigger.value, 'include') : undefined;
    if (trigger && childInclude !== undefined) {
      for (const inc of includes(trigger.y, childInclude)) {
        const child = inc.local && repo.file(inc.local) && inc.local !== file ? gitlabConfig(repo, inc.local) : null;
        if (child) for (const j of child.jobs) steps.push(...j.steps);
      }
    }
    if (steps.length === 0 && !trigger) continue;
    const events = eventsOf(job.y, job.node) ?? eventsOfInherited(nodes, job);
    jobs.push({ name, evidence: ev(job.y, job.key), steps, ...(events ? { triggers: events } : {}) });
  }
  if (opaque.length) jobs.push({ name: 'include', evidence: opaque[0].evidence, steps: opaque });
  const workflow = get(root, root.doc.contents, 'workflow');
  const triggers = (workflow !== undefined ? eventsOf(root, workflow) : undefined) ?? ['push'];
  return { system: 'gitlab-ci', file, triggers, jobs };
}

/** rules/only/when inherited through `extends`: evaluated on the template that declares them. */
function eventsOfInherited(nodes: Map<string, JobNode>, job: JobNode): string[] | undefined {
  for (const key of ['rules', 'only', 'when']) {
    const found = lookup(nodes, job, key);
    if (!found) continue;
    const owner = [...nodes.values()].find((n) => n.y === found.y && get(n.y, n.node, key) === found.value);
    if (owner) return eventsOf(owner.y, owner.node);
  }
  return undefined;
}
