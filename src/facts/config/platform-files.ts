/**
 * Readers for each platform file (see platform.ts). Each returns PlatformConfig facts with the line
 * that says each thing. A malformed file is reported through repo.errors by the loaders and yields
 * nothing.
 *
 * `judged` (platform-healthcheck-missing) is true only where the platform lets the file declare a
 * health check and the service serves HTTP: Railway services (not workers), Fly apps with an
 * http_service / services block, Render `type: web` services, and services that build from this
 * repository in a compose file named for production (docker-compose.prod.yml). App Engine, Heroku,
 * Cloud Build and Vercel are recorded for what they build but not judged: Heroku has no configurable
 * health check, App Engine flex checks by default and standard cannot.
 */
import { parse as parseToml } from 'smol-toml';
import { hideUrlPasswords, isSecretName } from './env-names.js';
import { isMap, isScalar, isSeq } from 'yaml';
import { evidenceForFile } from '../../core/evidence.js';
import type { PlatformConfig } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { loadJson, loadYaml, tomlKeyLine, yamlCommand, yamlEntries, yamlGet } from '../deploy/positions.js';
import { dirOf, joinRepoPath as joinPath } from '../../core/paths.js';

type Build = PlatformConfig['build'];

/** A worker or scheduler start command: no HTTP port to health-check. Start commands are plain shell text. */
const WORKER_COMMAND = /\b(celery|rq\s+worker|dramatiq|arq|huey|beat|worker|cron|scheduler)\b/i;

function hasDockerfile(repo: RepoContext, dir: string): string | undefined {
  const p = joinPath(dir, 'Dockerfile');
  return repo.file(p) ? p : undefined;
}

function config(_repo: RepoContext, platform: PlatformConfig['platform'], file: string, extra: Partial<PlatformConfig>): PlatformConfig {
  return {
    platform,
    file,
    evidence: evidenceForFile(file, `${platform} config`),
    dir: dirOf(file),
    build: null,
    healthcheck: null,
    restart: null,
    production: true,
    judged: false,
    ports: [],
    ...extra,
  };
}

function readToml(repo: RepoContext, file: string): { text: string; data: Record<string, unknown> } | undefined {
  const text = repo.read(file);
  if (text === undefined) return undefined;
  try {
    return { text, data: parseToml(text) as Record<string, unknown> };
  } catch (e) {
    repo.errors.push({ path: file, message: `invalid TOML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
    return undefined;
  }
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Railway: `build.builder` DOCKERFILE / NIXPACKS / RAILPACK; unset = the Dockerfile at the service root if any, else Railpack. */
export function railwayConfig(repo: RepoContext, file: string): PlatformConfig[] {
  const dir = dirOf(file);
  let builder: { value: string; line: number } | undefined;
  let dockerfilePath: string | undefined;
  let health: { value: string; line: number } | undefined;
  let restart: { value: string; line: number } | undefined;
  let start: string | undefined;
  if (file.endsWith('.json')) {
    const json = loadJson(repo, file);
    if (!json) return [];
    const str = (p: string[]) => {
      const at = json.at(p);
      return at && at.node.type === 'string' ? { value: String(at.node.value), line: at.line } : undefined;
    };
    builder = str(['build', 'builder']);
    dockerfilePath = str(['build', 'dockerfilePath'])?.value;
    health = str(['deploy', 'healthcheckPath']);
    restart = str(['deploy', 'restartPolicyType']);
    start = str(['deploy', 'startCommand'])?.value;
  } else {
    const t = readToml(repo, file);
    if (!t) return [];
    const b = obj(t.data.build);
    const d = obj(t.data.deploy);
    const at = (table: string, key: string, v: unknown) => (typeof v === 'string' ? { value: v, line: tomlKeyLine(t.text, table, key) } : undefined);
    builder = at('build', 'builder', b.builder);
    dockerfilePath = typeof b.dockerfilePath === 'string' ? b.dockerfilePath : undefined;
    health = at('deploy', 'healthcheckPath', d.healthcheckPath);
    restart = at('deploy', 'restartPolicyType', d.restartPolicyType);
    start = typeof d.startCommand === 'string' ? d.startCommand : undefined;
  }
  let build: Build;
  if (builder) {
    const kind = /^DOCKERFILE$/i.test(builder.value) ? 'dockerfile' : 'buildpack';
    build = { kind, evidence: repo.ev(file, builder.line), ...(kind === 'dockerfile' ? { dockerfile: joinPath(dir, dockerfilePath ?? 'Dockerfile') } : {}) };
  } else if (dockerfilePath) {
    build = { kind: 'dockerfile', evidence: evidenceForFile(file, 'dockerfilePath set'), dockerfile: joinPath(dir, dockerfilePath) };
  } else {
    const df = hasDockerfile(repo, dir);
    build = df
      ? { kind: 'dockerfile', evidence: evidenceForFile(file, 'no builder set: Railway builds the Dockerfile at the service root'), dockerfile: df }
      : { kind: 'buildpack', evidence: evidenceForFile(file, "no builder set and no Dockerfile: Railway's default builder") };
  }
  const web = start ? !WORKER_COMMAND.test(start) : undefined;
  return [
    config(repo, 'railway', file, {
      build,
      healthcheck: health && health.value.trim() ? repo.ev(file, health.line) : null,
      restart: restart && !/^NEVER$/i.test(restart.value) ? repo.ev(file, restart.line) : null,
      ...(web !== undefined ? { web } : {}),
      judged: web !== false,
    }),
  ];
}

/** The first line of a TOML table header matching `re` (`[[http_service.checks]]`, `[checks.alive]`). */
function headerLine(text: string, re: RegExp): number {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(lines[i]);
    if (m && re.test(m[1].replace(/["']/g, ''))) return i + 1;
  }
  return 0;
}

export function flyConfig(repo: RepoContext, file: string): PlatformConfig[] {
  const t = readToml(repo, file);
  if (!t) return [];
  const { text, data } = t;
  const dir = dirOf(file);
  const b = obj(data.build);
  const buildLine = headerLine(text, /^build$/);
  const bev = (key: string) => repo.ev(file, tomlKeyLine(text, 'build', key) || buildLine || 1);
  let build: Build = null;
  if (typeof b.image === 'string') build = { kind: 'image', evidence: bev('image') };
  else if (typeof b.builder === 'string' || Array.isArray(b.buildpacks)) build = { kind: 'buildpack', evidence: bev(typeof b.builder === 'string' ? 'builder' : 'buildpacks') };
  else if (typeof b.dockerfile === 'string') build = { kind: 'dockerfile', evidence: bev('dockerfile'), dockerfile: joinPath(dir, b.dockerfile) };
  else {
    const df = hasDockerfile(repo, dir);
    if (df) build = { kind: 'dockerfile', evidence: evidenceForFile(file, 'fly deploy builds the Dockerfile next to fly.toml'), dockerfile: df };
  }
  const http = obj(data.http_service);
  const services = Array.isArray(data.services) ? data.services.map(obj) : [];
  const web = Object.keys(http).length > 0 || services.length > 0;
  let hc = 0;
  const httpChecks = http.checks;
  if ((Array.isArray(httpChecks) && httpChecks.length > 0) || (httpChecks && typeof httpChecks === 'object' && !Array.isArray(httpChecks))) {
    hc = headerLine(text, /^http_service\.checks/) || tomlKeyLine(text, 'http_service', 'checks');
  }
  if (!hc && services.some((s) => (Array.isArray(s.http_checks) && s.http_checks.length > 0) || (Array.isArray(s.tcp_checks) && s.tcp_checks.length > 0))) {
    hc = headerLine(text, /^services\.(http|tcp)_checks$/) || tomlKeyLine(text, 'services', 'http_checks') || tomlKeyLine(text, 'services', 'tcp_checks');
  }
  if (!hc && Object.keys(obj(data.checks)).length > 0) hc = headerLine(text, /^checks(\.|$)/);
  const ports: PlatformConfig['ports'] = [];
  const port = (v: unknown, table: string, key: string) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
    const line = tomlKeyLine(text, table, key);
    if (n !== undefined && line > 0) ports.push({ port: n, evidence: repo.ev(file, line) });
  };
  port(http.internal_port, 'http_service', 'internal_port');
  for (const s of services) port(s.internal_port, 'services', 'internal_port');
  port(obj(data.env).PORT, 'env', 'PORT');
  const restartLine = headerLine(text, /^restart$/);
  return [
    config(repo, 'fly', file, {
      build,
      web,
      healthcheck: hc > 0 ? repo.ev(file, hc) : null,
      restart: restartLine > 0 ? repo.ev(file, restartLine) : null,
      judged: web,
      ports,
    }),
  ];
}

export function renderConfigs(repo: RepoContext, file: string): PlatformConfig[] {
  const y = loadYaml(repo, file);
  if (!y) return [];
  const services = yamlGet(y.doc.contents, 'services');
  if (!isSeq(services)) return [];
  const out: PlatformConfig[] = [];
  for (const svc of services.items) {
    const str = (k: string) => yamlCommand(yamlGet(svc, k));
    const ev = (k: string) => repo.ev(file, y.lineOf(yamlGet(svc, k)));
    const type = str('type') ?? '';
    const runtime = str('runtime') ?? str('env') ?? '';
    const runtimeKey = str('runtime') !== undefined ? 'runtime' : 'env';
    const dir = joinPath(dirOf(file), str('rootDir') ?? '');
    let build: Build = null;
    if (runtime === 'docker') build = { kind: 'dockerfile', evidence: ev(runtimeKey), dockerfile: joinPath(dir, str('dockerfilePath') ?? 'Dockerfile') };
    else if (runtime === 'image' || yamlGet(svc, 'image') !== undefined) build = { kind: 'image', evidence: ev(yamlGet(svc, 'image') !== undefined ? 'image' : runtimeKey) };
    else if (runtime) build = { kind: 'buildpack', evidence: ev(runtimeKey) };
    const hcNode = yamlGet(svc, 'healthCheckPath');
    const ports: PlatformConfig['ports'] = [];
    const envVars = yamlGet(svc, 'envVars');
    if (isSeq(envVars)) {
      for (const e of envVars.items) {
        const value = yamlCommand(yamlGet(e, 'value'));
        if (yamlCommand(yamlGet(e, 'key')) === 'PORT' && value && /^\d+$/.test(value)) ports.push({ port: Number(value), evidence: repo.ev(file, y.lineOf(yamlGet(e, 'value'))) });
      }
    }
    const name = str('name');
    out.push(
      config(repo, 'render', file, {
        ...(name ? { name } : {}),
        evidence: repo.ev(file, y.lineOf(svc) || 1),
        dir,
        build,
        web: type === 'web',
        healthcheck: isScalar(hcNode) && String(hcNode.value ?? '').trim() ? repo.ev(file, y.lineOf(hcNode)) : null,
        judged: type === 'web',
        ports,
      }),
    );
  }
  return out;
}

export function appEngineConfig(repo: RepoContext, file: string): PlatformConfig[] {
  const y = loadYaml(repo, file);
  if (!y || !isMap(y.doc.contents)) return [];
  const runtime = yamlGet(y.doc.contents, 'runtime');
  if (!isScalar(runtime)) return [];
  const hc = ['liveness_check', 'readiness_check', 'health_check'].map((k) => yamlGet(y.doc.contents, k)).find((n) => n !== undefined);
  const ev = repo.ev(file, y.lineOf(runtime));
  const custom = String(runtime.value) === 'custom';
  return [
    config(repo, 'app-engine', file, {
      build: custom ? { kind: 'dockerfile', evidence: ev, dockerfile: joinPath(dirOf(file), 'Dockerfile') } : { kind: 'buildpack', evidence: ev },
      web: true,
      healthcheck: hc !== undefined ? repo.ev(file, y.lineOf(hc)) : null,
    }),
  ];
}

/** Procfile (buildpacks run it), heroku.yml (`build.docker`), app.json (Heroku app manifest). */
export function herokuConfigs(repo: RepoContext, file: string): PlatformConfig[] {
  const n = file.slice(file.lastIndexOf('/') + 1);
  if (n === 'Procfile') {
    const lines = repo.lines(file);
    const web = lines.findIndex((l) => /^\s*web\s*:/.test(l));
    const ev = web >= 0 ? repo.ev(file, web + 1) : evidenceForFile(file, 'Procfile');
    return [config(repo, 'heroku', file, { evidence: ev, build: { kind: 'buildpack', evidence: ev }, web: web >= 0 })];
  }
  if (n === 'heroku.yml') {
    const y = loadYaml(repo, file);
    if (!y) return [];
    const docker = yamlGet(yamlGet(y.doc.contents, 'build'), 'docker');
    const first = yamlEntries(docker)[0];
    const dockerfile = first ? yamlCommand(first.value) : undefined;
    const ev = docker !== undefined ? repo.ev(file, y.lineOf(docker)) : evidenceForFile(file, 'heroku.yml');
    return [config(repo, 'heroku', file, { build: docker !== undefined ? { kind: 'dockerfile', evidence: ev, ...(dockerfile ? { dockerfile: joinPath(dirOf(file), dockerfile) } : {}) } : null })];
  }
  // app.json is also a generic name: only a Heroku manifest (buildpacks, formation, or scripts with a dokku/heroku shape) counts.
  const json = loadJson(repo, file);
  if (!json || json.tree.type !== 'object') return [];
  const key = ['buildpacks', 'formation', 'stack'].find((k) => json.at([k]));
  if (!key) return [];
  const at = json.at([key]);
  const ev = at ? repo.ev(file, at.line) : evidenceForFile(file, 'app.json');
  return [config(repo, 'heroku', file, { build: { kind: 'buildpack', evidence: ev } })];
}

export function cloudBuildConfig(repo: RepoContext, file: string): PlatformConfig[] {
  const text = repo.read(file) ?? '';
  // Step args are argument lists; joined they are plain command text.
  const docker = /\bdocker\b[\s\S]{0,200}?\bbuild\b/.test(text) || /gcr\.io\/cloud-builders\/docker/.test(text);
  const ev = evidenceForFile(file, 'Cloud Build config');
  return [config(repo, 'cloud-run', file, { build: docker ? { kind: 'dockerfile', evidence: ev } : /--source\b|\bpack\b|buildpacks/.test(text) ? { kind: 'buildpack', evidence: ev } : null })];
}

const DEV_COMPOSE = /(^|[.-])(override|dev|develop|development|local|test|testing|ci|debug|e2e)([.-]|$)/i;
const PROD_COMPOSE = /(^|[.-])(prod|production|deploy|release|live)([.-]|$)/i;

/** docker-compose services. Only services that `build:` from this repository are the application. */
export function composeConfigs(repo: RepoContext, file: string): PlatformConfig[] {
  const y = loadYaml(repo, file);
  if (!y) return [];
  const stem = file.slice(file.lastIndexOf('/') + 1).replace(/^(docker-)?compose/i, '').replace(/\.ya?ml$/i, '');
  const production = !DEV_COMPOSE.test(stem);
  const namedProd = PROD_COMPOSE.test(stem);
  const out: PlatformConfig[] = [];
  for (const { key: name, value: svc, keyNode } of yamlEntries(yamlGet(y.doc.contents, 'services'))) {
    const buildNode = yamlGet(svc, 'build');
    const imageNode = yamlGet(svc, 'image');
    let build: Build = null;
    if (buildNode !== undefined) {
      const context = isScalar(buildNode) ? String(buildNode.value) : (yamlCommand(yamlGet(buildNode, 'context')) ?? '.');
      const dockerfile = yamlCommand(yamlGet(buildNode, 'dockerfile')) ?? 'Dockerfile';
      const ctxDir = joinPath(dirOf(file), context);
      build = { kind: 'dockerfile', evidence: repo.ev(file, y.lineOf(buildNode)), dockerfile: joinPath(ctxDir, dockerfile) };
    } else if (imageNode !== undefined) build = { kind: 'image', evidence: repo.ev(file, y.lineOf(imageNode)) };
    const hcNode = yamlGet(svc, 'healthcheck');
    const disabled = yamlGet(hcNode, 'disable');
    const test = yamlCommand(yamlGet(hcNode, 'test'));
    const hcOn = hcNode !== undefined && !(isScalar(disabled) && disabled.value === true) && test !== 'NONE';
    const restartNode = yamlGet(svc, 'restart') ?? yamlGet(yamlGet(svc, 'deploy'), 'restart_policy');
    const restartOn = restartNode !== undefined && !(isScalar(restartNode) && /^(no|"no")$/i.test(String(restartNode.value)));
    const ports: PlatformConfig['ports'] = [];
    const env = yamlGet(svc, 'environment');
    const pairs = isSeq(env)
      ? env.items.filter(isScalar).map((i) => ({ k: String(i.value).split('=')[0], v: String(i.value).split('=')[1] ?? '', node: i as unknown }))
      : yamlEntries(env).map((e) => ({ k: e.key, v: isScalar(e.value) ? String(e.value.value) : '', node: e.value }));
    for (const p of pairs) if (p.k === 'PORT' && /^\d+$/.test(p.v)) ports.push({ port: Number(p.v), evidence: repo.ev(file, y.lineOf(p.node)) });
    const environment = pairs.filter((p) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(p.k)).map((p) => ({ name: p.k, evidence: repo.ev(file, y.lineOf(p.node), { redact: isSecretName(p.k) ? (t: string) => t.replace(/([:=]\s*).+$/, '$1…') : hideUrlPasswords }) }));
    const context = build?.kind === 'dockerfile' && build.dockerfile ? dirOf(build.dockerfile) : dirOf(file);
    out.push(
      config(repo, 'compose', file, {
        name,
        evidence: repo.ev(file, y.lineOf(keyNode) || 1),
        dir: context,
        build,
        healthcheck: hcOn ? repo.ev(file, y.lineOf(hcNode)) : null,
        restart: restartOn ? repo.ev(file, y.lineOf(restartNode)) : null,
        production,
        judged: production && namedProd && buildNode !== undefined,
        ports,
        environment,
      }),
    );
  }
  return out;
}

