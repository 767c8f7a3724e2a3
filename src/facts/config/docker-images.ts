/**
 * Production Dockerfiles read as image builds (fact DockerImage), for the docker-* checks: which RUN
 * lines install dependencies or build code, where the whole build context is copied, what build
 * toolchain is left in the final image, and which .dockerignore applies.
 *
 * RUN arguments are shell text, split into statements on `&&`, `||`, `;`, `|` and matched as words
 * (shell-words.ts). Dev-only Dockerfiles are left out. A Dockerfile is "not built" when a platform
 * config for its folder builds another way (Railway NIXPACKS / RAILPACK, a Fly or Render buildpack
 * or prebuilt image) and no config names this Dockerfile: the Dockerfile is then not what runs.
 */
import { evidenceForFile, type Evidence } from '../../core/evidence.js';
import type { DockerImage, DockerfileFact, FactMap, PlatformConfig } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { buildStep, buildToolPackages, devDependencyInstall, installStep, removedPackages, statementsOf } from './shell-words.js';
import { dirOf } from '../../core/paths.js';

/** Database, cache and broker images: their Dockerfiles customise a service, not the application. */
const SERVICE_IMAGE = /^(postgres|postgis\/postgis|timescale\/timescaledb(-ha)?|mysql|mariadb|redis|mongo|rabbitmq|memcached|elasticsearch|docker\.elastic\.co\/elasticsearch\/elasticsearch|opensearchproject\/opensearch|nginx|traefik|caddy|haproxy)$/;

export function collectDockerImages(repo: RepoContext, facts: FactMap): DockerImage[] {
  const out: DockerImage[] = [];
  for (const d of facts.dockerfiles) {
    if (d.devOnly || d.stages.length === 0) continue;
    out.push(readImage(repo, facts, d));
  }
  return out;
}

/**
 * The default (non-slim, non-alpine) python, node and buildpack-deps images are built on Debian's
 * buildpack-deps: gcc, make and dozens of -dev header packages come with the base of the final stage.
 */
function fullBaseImage(d: DockerfileFact): { evidence: Evidence; what: string } | null {
  const chain = finalChain(d);
  const root = d.stages[chain[chain.length - 1]];
  if (root.resolved === null) return null;
  const image = (root.resolved?.image ?? root.image).toLowerCase().replace(/^(docker\.io\/)?(library\/)?/, '');
  const tag = (root.resolved?.tag ?? root.tag ?? 'latest').toLowerCase();
  if (!/^(python|node|buildpack-deps)$/.test(image)) return null;
  if (/(slim|alpine|distroless|chiseled|windowsservercore|nanoserver)/.test(tag)) return null;
  if (image === 'buildpack-deps' && /(curl|scm)$/.test(tag)) return null;
  return { evidence: root.evidence, what: `the full \`${image}:${tag}\` base image (buildpack-deps: gcc, make and -dev headers)` };
}

function stageOf(d: DockerfileFact, line: number): number {
  let k = -1;
  d.stages.forEach((s, i) => {
    if (s.evidence.line <= line) k = i;
  });
  return k;
}

/** The final stage and the stages it is built FROM: what ends up in the image. */
function finalChain(d: DockerfileFact): number[] {
  const chain: number[] = [];
  let i = d.stages.length - 1;
  while (i >= 0 && !chain.includes(i)) {
    chain.push(i);
    const ref = d.stages[i].image.toLowerCase();
    i = d.stages.findIndex((s, j) => j < i && s.name?.toLowerCase() === ref);
  }
  return chain;
}

function readImage(repo: RepoContext, facts: FactMap, d: DockerfileFact): DockerImage {
  const installs: DockerImage['installs'] = [];
  const builds: DockerImage['builds'] = [];
  const contextCopies: DockerImage['contextCopies'] = [];
  const chain = new Set(finalChain(d));
  const installedTools: { evidence: Evidence; what: string; stage: number; group?: string }[] = [];
  const removed = new Set<string>();
  const devInstalls: { evidence: Evidence; what: string }[] = [];
  let nodeEnvProduction = false;
  let pruned = false;
  const devDeps = hasNpmDevDependencies(facts, dirOf(d.file));
  for (const ins of d.instructions) {
    const stage = stageOf(d, ins.evidence.line);
    if (stage < 0) continue;
    if (ins.keyword === 'FROM') {
      // A stage not built FROM the previous chain starts from a clean environment.
      if (chain.has(stage) && !chain.has(stage - 1)) nodeEnvProduction = false;
      continue;
    }
    if ((ins.keyword === 'ENV' || ins.keyword === 'ARG') && /\bNODE_ENV[=\s]+["']?production\b/.test(ins.args) && chain.has(stage)) nodeEnvProduction = true;
    if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      if (copiesWholeContext(ins.args)) contextCopies.push({ stage, evidence: ins.evidence });
      continue;
    }
    if (ins.keyword !== 'RUN') continue;
    const stmts = statementsOf(ins.args);
    const inst = stmts.map(installStep).find((x) => x !== null);
    if (inst) installs.push({ stage, evidence: ins.evidence, manifest: inst === 'manifest' });
    if (stmts.some(buildStep)) builds.push({ stage, evidence: ins.evidence });
    if (!chain.has(stage)) continue;
    for (const s of stmts) {
      for (const r of removedPackages(s)) removed.add(r);
      if (/^(npm\s+prune\b.*(--production|--omit[= ]dev))|(pnpm\s+prune\b.*--prod)|(yarn\s+(install\b.*)?--production)/.test(s)) pruned = true;
      for (const t of buildToolPackages(s)) installedTools.push({ evidence: ins.evidence, what: t.name, stage, ...(t.group ? { group: t.group } : {}) });
      const dev = devDependencyInstall(s);
      if (dev && devDeps && !nodeEnvProduction) devInstalls.push({ evidence: ins.evidence, what: `devDependencies (\`${dev}\` without --omit=dev / --production)` });
    }
  }
  const buildTools: DockerImage['buildTools'] = [];
  for (const t of installedTools) {
    if (removed.has(t.what) || (t.group && removed.has(t.group))) continue;
    const prev = buildTools.find((b) => b.evidence.line === t.evidence.line && b.evidence.file === t.evidence.file);
    if (prev) prev.what += `, ${t.what}`;
    else buildTools.push({ evidence: t.evidence, what: t.what });
  }
  if (!pruned) buildTools.push(...devInstalls);
  const final = d.stages[d.stages.length - 1];
  const image = (final.resolved?.image ?? final.image).toLowerCase().replace(/^(docker\.io\/)?(library\/)?/, '');
  const full = fullBaseImage(d);
  if (full) buildTools.push(full);
  return {
    file: d.file,
    notBuilt: notBuilt(d.file, facts.platformConfigs),
    stageCount: d.stages.length,
    finalStage: final.evidence,
    installs,
    builds,
    contextCopies,
    buildTools: buildTools.sort((a, b) => a.evidence.line - b.evidence.line),
    dockerignore: dockerignoreFor(repo, facts, d.file),
    serviceImage: SERVICE_IMAGE.test(image),
  };
}

/** `COPY . .`, `COPY ./ /app/`, `ADD . /code` (not `COPY --from=build . .`, which copies from a stage). */
function copiesWholeContext(args: string): boolean {
  const words = args.trim().split(/\s+/);
  if (words.some((w) => /^--from=/.test(w))) return false;
  const paths = words.filter((w) => !w.startsWith('--'));
  if (paths[0]?.startsWith('[')) {
    try {
      const arr = JSON.parse(args.trim().replace(/^(--\S+\s+)*/, '')) as string[];
      return arr.slice(0, -1).some((p) => p === '.' || p === './');
    } catch {
      return false;
    }
  }
  return paths.slice(0, -1).some((p) => p === '.' || p === './' || p === '*');
}

function related(a: string, b: string): boolean {
  return a === b || a === '' || b === '' || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

function notBuilt(file: string, configs: readonly PlatformConfig[]): string | null {
  if (configs.some((c) => c.build?.kind === 'dockerfile' && c.build.dockerfile === file)) return null;
  const dir = dirOf(file);
  // Only platforms whose config names the builder explicitly; a Procfile or vercel.json next to a Dockerfile says nothing about it.
  const other = configs.find((c) => c.production && (c.platform === 'railway' || c.platform === 'fly' || c.platform === 'render') && c.dir === dir && c.build && c.build.kind !== 'dockerfile');
  if (!other || !other.build) return null;
  const where = other.build.evidence.line > 0 ? `${other.file}:${other.build.evidence.line}` : other.file;
  return `${other.platform} builds ${dir === '' ? 'the repository root' : `${dir}/`} with ${other.build.kind === 'image' ? 'a prebuilt image' : 'its own builder'} (${where})`;
}

function hasNpmDevDependencies(facts: FactMap, dir: string): boolean {
  return facts.dependencies.some((dep) => dep.ecosystem === 'npm' && dep.dev && related(dirOf(dep.evidence.file), dir));
}

/**
 * The .dockerignore of the build context: next to the Dockerfile (or `<Dockerfile>.dockerignore`),
 * in a compose build context that builds it, or in a parent folder (builds run from the root with
 * `-f docker/Dockerfile .`).
 */
function dockerignoreFor(repo: RepoContext, facts: FactMap, file: string): Evidence | null {
  const candidates = [`${file}.dockerignore`];
  for (const c of facts.platformConfigs) if (c.build?.kind === 'dockerfile' && c.build.dockerfile === file) candidates.push(c.dir === '' ? '.dockerignore' : `${c.dir}/.dockerignore`);
  let dir = dirOf(file);
  for (;;) {
    candidates.push(dir === '' ? '.dockerignore' : `${dir}/.dockerignore`);
    if (dir === '') break;
    dir = dirOf(dir);
  }
  const hit = candidates.find((p) => repo.file(p));
  return hit ? evidenceForFile(hit, 'excludes files from the build context') : null;
}
