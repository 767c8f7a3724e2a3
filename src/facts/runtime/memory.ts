/**
 * Containers that run the application and the memory limit each runs under.
 * - compose: services that `build:` from this repository (third-party images are left out), in files
 *   not named for development; limit = `mem_limit` or `deploy.resources.limits.memory`.
 * - Fly: a Machine always has a fixed memory size (the `[[vm]]` memory / size, else Fly's default
 *   shared-cpu-1x 256 MB), so a Fly app always has a limit: recorded with the `[[vm]]` line or the file.
 * - Kubernetes: Deployment / StatefulSet / DaemonSet / Job / CronJob / Pod manifests (plain YAML; Helm
 *   templates with `{{` are skipped), one target per container; limit = `resources.limits.memory`. A
 *   LimitRange with a default memory limit anywhere in the repository counts for every container.
 */
import { LineCounter, parseAllDocuments, isMap, isSeq } from 'yaml';
import { evidenceForFile, type Evidence } from '../../core/evidence.js';
import type { FactMap, MemoryTarget } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { loadYaml, yamlGet, yamlEntries } from '../deploy/positions.js';

function composeTargets(repo: RepoContext, facts: FactMap): MemoryTarget[] {
  const all: (MemoryTarget & { app: boolean })[] = [];
  for (const c of facts.platformConfigs) {
    if (c.platform !== 'compose' || !c.name) continue;
    const y = loadYaml(repo, c.file);
    const svc = y && yamlGet(yamlGet(y.doc.contents, 'services'), c.name);
    if (!y || !svc) continue;
    const node = yamlGet(svc, 'mem_limit') ?? yamlGet(yamlGet(yamlGet(yamlGet(svc, 'deploy'), 'resources'), 'limits'), 'memory');
    // A dev container (.devcontainer/docker-compose.yml) is a development environment, not a deployment.
    const production = c.production && !/(^|\/)\.devcontainer\//.test(c.file);
    const limit = node !== undefined ? repo.ev(c.file, y.lineOf(node)) : null;
    all.push({ kind: 'compose', name: c.name, evidence: c.evidence, limit, production, app: c.build?.kind === 'dockerfile' });
  }
  // Compose files of one folder are merged at run time (docker-compose.yml + docker-compose.prod.yml):
  // a limit set for a service in any of them applies to that service.
  const dir = (f: string) => f.slice(0, Math.max(0, f.lastIndexOf('/')));
  for (const t of all) {
    if (t.limit) continue;
    const other = all.find((o) => o.limit && o.name === t.name && dir(o.evidence.file) === dir(t.evidence.file));
    if (other) t.limit = other.limit;
  }
  return all.filter((t) => t.app).map(({ app: _app, ...t }) => t);
}

function flyTargets(repo: RepoContext, facts: FactMap): MemoryTarget[] {
  return facts.platformConfigs
    .filter((c) => c.platform === 'fly')
    .map((c) => {
      const lines = repo.lines(c.file);
      const at = lines.findIndex((l) => /^\s*(memory|memory_mb|size)\s*=/.test(l));
      const limit = at >= 0 ? repo.ev(c.file, at + 1, { note: 'Fly machine memory' }) : evidenceForFile(c.file, "Fly machines have a fixed memory size (default shared-cpu-1x, 256 MB)");
      return { kind: 'fly' as const, name: c.name ?? c.file, evidence: c.evidence, limit, production: c.production };
    });
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ReplicaSet']);

function podSpec(kind: string, doc: unknown): unknown {
  if (kind === 'Pod') return yamlGet(doc, 'spec');
  if (kind === 'CronJob') return yamlGet(yamlGet(yamlGet(yamlGet(yamlGet(doc, 'spec'), 'jobTemplate'), 'spec'), 'template'), 'spec');
  return yamlGet(yamlGet(yamlGet(doc, 'spec'), 'template'), 'spec');
}

function kubernetesTargets(repo: RepoContext): MemoryTarget[] {
  const out: MemoryTarget[] = [];
  let limitRange: Evidence | null = null;
  for (const f of repo.discovery.files) {
    if (f.language !== 'yaml' || f.role === 'test' || f.role === 'fixture' || f.role === 'docs' || f.role === 'generated') continue;
    const text = repo.read(f.path);
    if (!text || !/^kind:\s*\w/m.test(text) || !/^apiVersion:/m.test(text) || text.includes('{{')) continue;
    const lc = new LineCounter();
    let docs;
    try {
      docs = parseAllDocuments(text, { lineCounter: lc });
    } catch {
      continue;
    }
    if (!Array.isArray(docs)) continue;
    const lineOf = (n: unknown) => {
      const r = (n as { range?: [number, number, number] } | null)?.range;
      return r ? lc.linePos(r[0]).line : 0;
    };
    for (const d of docs) {
      if (d.errors.length > 0) continue;
      const kindNode = yamlGet(d.contents, 'kind');
      const kind = String((kindNode as { value?: unknown } | undefined)?.value ?? '');
      if (kind === 'LimitRange') {
        const limits = yamlGet(yamlGet(d.contents, 'spec'), 'limits');
        if (isSeq(limits) && limits.items.some((l) => yamlGet(yamlGet(l, 'default'), 'memory') !== undefined)) limitRange = repo.ev(f.path, lineOf(kindNode));
        continue;
      }
      if (!WORKLOADS.has(kind)) continue;
      const containers = yamlGet(podSpec(kind, d.contents), 'containers');
      if (!isSeq(containers)) continue;
      for (const c of containers.items) {
        if (!isMap(c)) continue;
        const name = yamlEntries(c).find((e) => e.key === 'name');
        const mem = yamlGet(yamlGet(yamlGet(c, 'resources'), 'limits'), 'memory');
        out.push({
          kind: 'kubernetes',
          name: String((name?.value as { value?: unknown } | undefined)?.value ?? kind),
          evidence: repo.ev(f.path, lineOf(c) || lineOf(kindNode)),
          limit: mem !== undefined ? repo.ev(f.path, lineOf(mem)) : null,
          production: true,
        });
      }
    }
  }
  if (limitRange) for (const t of out) t.limit ??= limitRange;
  return out;
}

export function collectMemoryLimits(repo: RepoContext, facts: FactMap): MemoryTarget[] {
  return [...composeTargets(repo, facts), ...flyTargets(repo, facts), ...kubernetesTargets(repo)];
}
