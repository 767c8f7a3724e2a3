/**
 * Persistent storage declared for the deployed containers (fact StorageFacts.volumes) and where the
 * app runs in a container or on a platform whose disk is wiped on every deploy (StorageFacts.deploys):
 * - compose: `volumes:` of services built from the repository (`build:`); volumes of image-only
 *   services (postgres, redis) keep that service's data, not the app's;
 * - fly.toml `[mounts]` / `[[mounts]]` (`destination`), render.yaml `disk: { mountPath }`,
 *   Dockerfile `VOLUME`;
 * - deploys: production Dockerfiles, fly.toml, render.yaml, railway.json / railway.toml.
 * Configs are parsed (yaml, smol-toml, dockerfile facts); a malformed file is reported, not fatal.
 */
import { parse as parseToml } from 'smol-toml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { evidenceForFile } from '../../core/evidence.js';
import type { FactMap, StorageDeploy, StorageVolume } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

const COMPOSE = /(^|\/)(docker-)?compose(\.[\w-]+)?\.ya?ml$/;
const DEV_COMPOSE = /(^|\/)(docker-)?compose\.(override|dev|development|local|test|ci)\.ya?ml$/;

export function deployTargets(repo: RepoContext, facts: FactMap): StorageDeploy[] {
  const out: StorageDeploy[] = [];
  for (const d of facts.dockerfiles) {
    if (d.devOnly) continue;
    out.push({ source: 'dockerfile', evidence: d.stages[0]?.evidence ?? evidenceForFile(d.file, 'Dockerfile'), service: repo.file(d.file)?.service ?? '' });
  }
  for (const f of repo.discovery.files) {
    if (f.role === 'test' || f.role === 'fixture') continue;
    const name = f.path.slice(f.path.lastIndexOf('/') + 1);
    const source = name === 'fly.toml' ? 'fly' : name === 'render.yaml' ? 'render' : /^railway\.(json|toml)$/.test(name) ? 'railway' : undefined;
    if (source) out.push({ source, evidence: evidenceForFile(f.path, `${source} deployment`), service: f.service });
  }
  return out;
}

export function declaredVolumes(repo: RepoContext, facts: FactMap): StorageVolume[] {
  const out: StorageVolume[] = [];
  for (const d of facts.dockerfiles) {
    if (d.devOnly) continue;
    for (const ins of d.instructions) {
      if (ins.keyword === 'VOLUME') out.push({ source: 'dockerfile', target: ins.args.replace(/[[\]"']/g, '').trim(), evidence: ins.evidence, service: repo.file(d.file)?.service ?? '' });
    }
  }
  for (const f of repo.discovery.files) {
    if (f.role === 'test' || f.role === 'fixture') continue;
    const name = f.path.slice(f.path.lastIndexOf('/') + 1);
    try {
      if (COMPOSE.test(f.path) && !DEV_COMPOSE.test(f.path)) out.push(...composeVolumes(repo, f.path, f.service));
      else if (name === 'fly.toml') out.push(...flyMounts(repo, f.path, f.service));
      else if (name === 'render.yaml') out.push(...renderDisks(repo, f.path, f.service));
    } catch (e) {
      repo.errors.push({ path: f.path, message: `could not read volumes: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  return out;
}

function get(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
  return (pair?.value ?? undefined) as Node | undefined;
}

function lineOf(lc: LineCounter, n: Node | undefined): number {
  return n?.range ? lc.linePos(n.range[0]).line : 0;
}

function composeVolumes(repo: RepoContext, path: string, service: string): StorageVolume[] {
  const lc = new LineCounter();
  const doc = parseDocument(repo.read(path) ?? '', { lineCounter: lc, strict: false, uniqueKeys: false });
  const services = get(doc.contents, 'services');
  const out: StorageVolume[] = [];
  if (!isMap(services)) return out;
  for (const pair of services.items) {
    if (!get(pair.value, 'build')) continue; // an image-only service (database, cache) keeps its own data
    const vols = get(pair.value, 'volumes');
    if (!isSeq(vols)) continue;
    for (const v of vols.items) {
      const text = isScalar(v) ? String(v.value) : String((get(v, 'target') as { value?: unknown } | undefined)?.value ?? '');
      // `./src:/app/src` mounts source code for live reload; any other mount persists data.
      const target = text.includes(':') ? (text.split(':')[1] ?? '') : text;
      if (!target) continue;
      out.push({ source: 'compose', target, evidence: repo.ev(path, lineOf(lc, v as Node)), service });
    }
  }
  return out;
}

function flyMounts(repo: RepoContext, path: string, service: string): StorageVolume[] {
  const data = parseToml(repo.read(path) ?? '') as Record<string, unknown>;
  const raw = data.mounts;
  const list = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Record<string, unknown>[];
  const lines = repo.lines(path);
  const header = lines.findIndex((l) => /^\s*\[\[?\s*mounts\s*\]\]?\s*$/.test(l));
  return list
    .filter((m) => typeof m.destination === 'string')
    .map((m) => ({ source: 'fly' as const, target: String(m.destination), evidence: header >= 0 ? repo.ev(path, header + 1) : evidenceForFile(path, '[mounts]'), service }));
}

function renderDisks(repo: RepoContext, path: string, service: string): StorageVolume[] {
  const lc = new LineCounter();
  const doc = parseDocument(repo.read(path) ?? '', { lineCounter: lc, strict: false });
  const services = get(doc.contents, 'services');
  const out: StorageVolume[] = [];
  if (!isSeq(services)) return out;
  for (const svc of services.items) {
    const disk = get(svc, 'disk');
    const mount = get(disk, 'mountPath');
    if (disk && isScalar(mount)) out.push({ source: 'render', target: String(mount.value), evidence: repo.ev(path, lineOf(lc, disk)), service });
  }
  return out;
}
