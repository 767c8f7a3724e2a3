/**
 * The places a deployment declares what to run: Dockerfile CMD/ENTRYPOINT (final stage), Procfile,
 * railway.json/toml, fly.toml, render.yaml, app.yaml, docker-compose. Each yields root commands;
 * start.ts then follows what they run (scripts, package.json scripts, Python entry modules).
 */
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { parse as parseToml } from 'smol-toml';
import { isMap, isScalar, isSeq } from 'yaml';
import type { Evidence } from '../../core/evidence.js';
import type { RepoFile } from '../../discover/types.js';
import type { StartSource } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { loadJson, loadYaml, shellJoin, tomlKeyLine, yamlCommand, yamlEntries, yamlGet } from './positions.js';
import { dirOf, joinRepoPath as joinPath } from '../../core/paths.js';

export interface RootCommand {
  source: StartSource;
  command: string;
  evidence: Evidence;
  production: boolean;
  process?: string;
  /** Folder relative paths in the command are resolved against (repository-relative, '' = root). */
  baseDir: string;
  /** Container paths that map to baseDir (a Dockerfile's WORKDIR), for `/app/start.sh`. */
  containerDirs?: string[];
  /** What the image's COPY / ADD put where: `COPY ./docker/entrypoint.sh /app/` maps `/app/entrypoint.sh`. */
  containerCopies?: ContainerCopy[];
}

export interface ContainerCopy {
  /** Repository path copied (a file or a folder). */
  src: string;
  /** Absolute path in the image; a trailing `/` when it is a folder the source goes into. */
  dest: string;
}

/** COPY / ADD from the build context (not `--from` another stage or image) in these instructions. */
function copiesOf(instructions: readonly Instruction[], context: string): ContainerCopy[] {
  const out: ContainerCopy[] = [];
  let workdir = '/';
  for (const ins of instructions) {
    const kw = ins.getKeyword();
    if (kw === 'WORKDIR') workdir = joinContainer(workdir, ins.getArgumentsContent() ?? '');
    if (kw !== 'COPY' && kw !== 'ADD') continue;
    const flags = (ins as unknown as { getFlags?: () => { getName(): string }[] }).getFlags?.() ?? [];
    if (flags.some((fl) => fl.getName() === 'from')) continue;
    const args = execArgs(ins) ?? ins.getArguments().map((a) => a.getValue()).filter((a) => !a.startsWith('--'));
    if (args.length < 2) continue;
    const srcs = args.slice(0, -1).filter((a) => !a.includes('$') && !/^[a-z]+:\/\//i.test(a));
    const last = args[args.length - 1];
    let dest = joinContainer(workdir, last);
    // `.`, `dir/` and several sources name a folder the sources go into.
    if (last.endsWith('/') || last === '.' || last.endsWith('/.') || srcs.length > 1) dest = `${dest.replace(/\/+$/, '')}/`;
    for (const src of srcs) out.push({ src: joinPath(context, src), dest });
  }
  return out;
}

/** A container path joined onto the working directory (absolute paths win). */
function joinContainer(workdir: string, path: string): string {
  if (path.startsWith('/')) return path;
  const joined = `/${joinPath(workdir.replace(/^\/+/, ''), path)}`;
  return path.endsWith('/') ? `${joined.replace(/\/+$/, '')}/` : joined;
}

const name = (f: RepoFile) => f.path.slice(f.path.lastIndexOf('/') + 1);

/** Dockerfile.dev, dev.Dockerfile, Dockerfile.local, Dockerfile.test: images nobody deploys. */
export function isDevDockerfile(fileName: string): boolean {
  return /(^|[.-])(dev|develop|development|local|test|testing|ci|debug)([.-]|$)/i.test(fileName.replace(/dockerfile/i, ''));
}

/** compose files for development: docker-compose.override.yml, compose.dev.yaml, docker-compose.local.yml …
 * A compose service is also development when it builds a dev target, declares NODE_ENV=development
 * (or the like), or bind-mounts its own source. */
function isDevCompose(fileName: string): boolean {
  return /(^|[.-])(override|dev|develop|development|local|test|testing|ci|debug)([.-]|$)/i.test(fileName.replace(/^(docker-)?compose/i, ''));
}

function dockerfileCommands(repo: RepoContext, f: RepoFile): RootCommand[] {
  const text = repo.read(f.path);
  if (text === undefined) return [];
  let df;
  try {
    df = DockerfileParser.parse(text);
  } catch (e) {
    repo.errors.push({ path: f.path, message: `could not parse Dockerfile: ${e instanceof Error ? e.message : String(e)}` });
    return [];
  }
  const froms = df.getFROMs();
  if (froms.length === 0) return [];
  const stageStarts = froms.map((fr) => fr.getRange().start.line);
  const all = df.getInstructions();
  const inStage = (k: number) => all.filter((ins) => ins.getRange().start.line >= stageStarts[k] && (k + 1 >= stageStarts.length || ins.getRange().start.line < stageStarts[k + 1]));
  // The final stage runs; when it has no CMD/ENTRYPOINT it inherits them from the stage it is built FROM.
  let k = froms.length - 1;
  const workdirs: string[] = [];
  let cmd: Instruction | undefined;
  let entry: Instruction | undefined;
  const copies: ContainerCopy[] = [];
  for (let guard = 0; guard < froms.length && k >= 0; guard++) {
    const ins = inStage(k);
    copies.push(...copiesOf(ins, dirOf(f.path)));
    for (const w of ins.filter((x) => x.getKeyword() === 'WORKDIR')) workdirs.push(w.getArgumentsContent() ?? '');
    cmd ??= ins.filter((x) => x.getKeyword() === 'CMD').pop();
    entry ??= ins.filter((x) => x.getKeyword() === 'ENTRYPOINT').pop();
    if (cmd && entry) break;
    const base = froms[k].getImageName();
    const parent = froms.findIndex((fr, j) => j < k && fr.getBuildStage() === base);
    if (parent < 0) break;
    k = parent;
  }
  // A final stage named for development (`FROM base AS dev-envs`) is a dev image whatever the file name.
  const finalStage = froms[froms.length - 1].getBuildStage() ?? '';
  const production = !isDevDockerfile(name(f)) && !isDevName(finalStage);
  const out: RootCommand[] = [];
  const entryExec = entry ? execArgs(entry) : undefined;
  const mk = (ins: Instruction, command: string): RootCommand => ({
    source: 'dockerfile',
    command,
    evidence: repo.ev(f.path, ins.getRange().start.line + 1, { endLine: ins.getRange().end.line + 1 }),
    production,
    baseDir: dirOf(f.path),
    containerDirs: workdirs.filter((w) => w.startsWith('/')),
    ...(copies.length > 0 ? { containerCopies: copies } : {}),
  });
  if (entry) out.push(mk(entry, entryExec ? shellJoin(entryExec) : (entry.getArgumentsContent() ?? '')));
  // A shell-form ENTRYPOINT ignores CMD entirely.
  if (cmd && (!entry || entryExec)) out.push(mk(cmd, cmdText(cmd)));
  return out.filter((c) => c.command.trim() !== '');
}

function execArgs(ins: Instruction): string[] | undefined {
  const json = (ins as unknown as { getJSONStrings?: () => { getJSONValue(): string }[] }).getJSONStrings?.();
  return json && json.length > 0 ? json.map((j) => j.getJSONValue()) : undefined;
}

function cmdText(ins: Instruction): string {
  const exec = execArgs(ins);
  return exec ? shellJoin(exec) : (ins.getArgumentsContent() ?? '');
}

function procfileCommands(repo: RepoContext, f: RepoFile): RootCommand[] {
  const out: RootCommand[] = [];
  const production = name(f) === 'Procfile';
  repo.lines(f.path).forEach((text, i) => {
    const m = /^([A-Za-z0-9_-]+)\s*:\s*(.+)$/.exec(text.trim());
    if (!m || text.trim().startsWith('#')) return;
    out.push({ source: 'procfile', command: m[2].trim(), evidence: repo.ev(f.path, i + 1), production, process: m[1], baseDir: dirOf(f.path) });
  });
  return out;
}

function railwayCommands(repo: RepoContext, f: RepoFile): RootCommand[] {
  const out: RootCommand[] = [];
  const base = dirOf(f.path);
  const push = (process: string, command: string, line: number) =>
    command.trim() && out.push({ source: 'railway', command, evidence: repo.ev(f.path, line), production: true, process, baseDir: base });
  if (f.path.endsWith('.json')) {
    const json = loadJson(repo, f.path);
    if (!json) return [];
    for (const key of ['startCommand', 'preDeployCommand']) {
      const at = json.at(['deploy', key]);
      if (!at) continue;
      if (at.node.type === 'string') push(key === 'startCommand' ? 'start' : 'preDeploy', String(at.node.value), at.line);
      else if (at.node.type === 'array')
        for (const c of at.node.children ?? []) if (c.type === 'string') push('preDeploy', String(c.value), json.at(['deploy', key, (at.node.children ?? []).indexOf(c)])?.line ?? at.line);
    }
    return out;
  }
  const text = repo.read(f.path) ?? '';
  let data: Record<string, unknown>;
  try {
    data = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    repo.errors.push({ path: f.path, message: `invalid TOML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
    return [];
  }
  const deploy = (data.deploy ?? {}) as Record<string, unknown>;
  for (const key of ['startCommand', 'preDeployCommand']) {
    const v = deploy[key];
    const cmds = typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    for (const c of cmds) push(key === 'startCommand' ? 'start' : 'preDeploy', c, tomlKeyLine(text, 'deploy', key));
  }
  return out;
}

function flyCommands(repo: RepoContext, f: RepoFile): RootCommand[] {
  const text = repo.read(f.path) ?? '';
  let data: Record<string, unknown>;
  try {
    data = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    repo.errors.push({ path: f.path, message: `invalid TOML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
    return [];
  }
  const out: RootCommand[] = [];
  const base = dirOf(f.path);
  const asCmd = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && v.every((x) => typeof x === 'string') ? shellJoin(v as string[]) : undefined);
  const push = (process: string, v: unknown, table: string, key: string) => {
    const command = asCmd(v);
    if (command) out.push({ source: 'fly', command, evidence: repo.ev(f.path, tomlKeyLine(text, table, key)), production: true, process, baseDir: base });
  };
  for (const [proc, v] of Object.entries((data.processes ?? {}) as Record<string, unknown>)) push(proc, v, 'processes', proc);
  const experimental = (data.experimental ?? {}) as Record<string, unknown>;
  push('app', experimental.cmd, 'experimental', 'cmd');
  const deploy = (data.deploy ?? {}) as Record<string, unknown>;
  push('release', deploy.release_command, 'deploy', 'release_command');
  return out;
}

function renderCommands(repo: RepoContext, f: RepoFile): RootCommand[] {
  const y = loadYaml(repo, f.path);
  if (!y) return [];
  const out: RootCommand[] = [];
  const services = yamlGet(y.doc.contents, 'services');
  if (!isSeq(services)) return [];
  for (const svc of services.items) {
    const svcName = yamlCommand(yamlGet(svc, 'name'));
    const rootDir = yamlCommand(yamlGet(svc, 'rootDir')) ?? '';
    for (const key of ['startCommand', 'preDeployCommand', 'dockerCommand']) {
      const node = yamlGet(svc, key);
      const command = yamlCommand(node);
      if (!command) continue;
      out.push({
        source: 'render',
        command,
        evidence: repo.ev(f.path, y.lineOf(node)),
        production: true,
        ...(svcName ? { process: key === 'startCommand' || key === 'dockerCommand' ? svcName : `${svcName} (preDeploy)` } : {}),
        baseDir: joinPath(dirOf(f.path), rootDir),
      });
    }
  }
  return out;
}

/** Google App Engine: an app.yaml with `runtime:`; `entrypoint:` is the start command. */
function appEngineCommands(repo: RepoContext, f: RepoFile): RootCommand[] {
  const y = loadYaml(repo, f.path);
  if (!y || !isMap(y.doc.contents) || yamlGet(y.doc.contents, 'runtime') === undefined) return [];
  const node = yamlGet(y.doc.contents, 'entrypoint');
  const command = yamlCommand(node);
  return command ? [{ source: 'app-engine', command, evidence: repo.ev(f.path, y.lineOf(node)), production: true, baseDir: dirOf(f.path) }] : [];
}

/**
 * docker-compose services' `command`/`entrypoint`. A compose file named for development (override,
 * dev, local, test) is not production; neither is a service that bind-mounts its own source folder
 * (`.:/app`): live source mounts exist for development reloads, a deployed image carries its code.
 */
function composeCommands(repo: RepoContext, f: RepoFile): RootCommand[] {
  const y = loadYaml(repo, f.path);
  if (!y) return [];
  const out: RootCommand[] = [];
  const fileDev = isDevCompose(name(f));
  for (const { key: svcName, value: svc } of yamlEntries(yamlGet(y.doc.contents, 'services'))) {
    const build = yamlGet(svc, 'build');
    const context = isScalar(build) ? String(build.value) : (yamlCommand(yamlGet(build, 'context')) ?? undefined);
    const baseDir = context !== undefined ? joinPath(dirOf(f.path), context) : dirOf(f.path);
    const profiles = yamlGet(svc, 'profiles');
    const devProfile = isSeq(profiles) && profiles.items.some((p) => isScalar(p) && /^(dev|development|local|test|debug)$/i.test(String(p.value)));
    const target = yamlCommand(yamlGet(build, 'target'));
    const production = !fileDev && !devProfile && !isDevName(target ?? '') && !mountsOwnSource(svc, dirOf(f.path), baseDir, context !== undefined) && !declaresDevEnv(svc) && !declaresDevEnv(build, 'args');
    for (const key of ['entrypoint', 'command']) {
      const node = yamlGet(svc, key);
      const command = yamlCommand(node);
      if (command) out.push({ source: 'compose', command, evidence: repo.ev(f.path, y.lineOf(node)), production, process: svcName, baseDir });
    }
  }
  return out;
}

const DEV_NAME = /(^|[._-])(dev|develop|development|local|test|testing|debug)([._-]|$)/i;
function isDevName(name: string): boolean {
  return DEV_NAME.test(name);
}

/** `NODE_ENV=development`, `FLASK_ENV: development`, `APP_ENV=local` in `environment` (or build `args`). */
function declaresDevEnv(node: unknown, key = 'environment'): boolean {
  const env = yamlGet(node, key);
  const pairs: [string, string][] = isSeq(env)
    ? env.items.filter(isScalar).map((i) => String(i.value).split('=') as [string, string])
    : yamlEntries(env).map((e) => [e.key, isScalar(e.value) ? String(e.value.value) : '']);
  return pairs.some(([k, v]) => /^(NODE_ENV|FLASK_ENV|APP_ENV|ENV|ENVIRONMENT|PYTHON_ENV|DJANGO_ENV|RAILS_ENV)$/.test(k) && /^(dev|development|local)$/i.test(v ?? ''));
}

/** A bind mount of the build context or a folder inside it: live source for development reloads. */
function mountsOwnSource(svc: unknown, composeDir: string, baseDir: string, hasBuild: boolean): boolean {
  const volumes = yamlGet(svc, 'volumes');
  if (!isSeq(volumes)) return false;
  for (const v of volumes.items) {
    const spec = isScalar(v) ? String(v.value) : yamlCommand(yamlGet(v, 'source'));
    if (!spec) continue;
    const host = spec.split(':')[0];
    if (!/^\.{1,2}(\/|$)/.test(host)) continue;
    const mounted = joinPath(composeDir, host);
    if (mounted === baseDir || (hasBuild && (baseDir === '' || mounted.startsWith(`${baseDir}/`)))) return true;
  }
  return false;
}

/** Every root command the repository declares, in a stable order. */
export function rootCommands(repo: RepoContext): RootCommand[] {
  const out: RootCommand[] = [];
  for (const f of repo.discovery.files) {
    if (f.role === 'test' || f.role === 'fixture' || f.role === 'docs') continue;
    const n = name(f);
    if (f.language === 'dockerfile' || /^(Dockerfile|Containerfile)(\.[\w.-]+)?$/.test(n) || /\.[Dd]ockerfile$/.test(n)) out.push(...dockerfileCommands(repo, f));
    else if (/^Procfile(\.[\w-]+)?$/.test(n)) out.push(...procfileCommands(repo, f));
    else if (n === 'railway.json' || n === 'railway.toml') out.push(...railwayCommands(repo, f));
    else if (n === 'fly.toml') out.push(...flyCommands(repo, f));
    else if (n === 'render.yaml' || n === 'render.yml') out.push(...renderCommands(repo, f));
    else if (n === 'app.yaml' || n === 'app.yml') out.push(...appEngineCommands(repo, f));
    else if (/^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(n)) out.push(...composeCommands(repo, f));
  }
  return out;
}
