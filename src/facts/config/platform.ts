/**
 * Deployment platform configs, one fact per deployed service: Railway (railway.json / .toml), Fly
 * (fly.toml), Render (render.yaml services), App Engine (app.yaml), Heroku (Procfile / app.json /
 * heroku.yml), Cloud Build, Vercel, Nixpacks / Railpack / Cloud Native Buildpacks files, and
 * docker-compose services that build from this repository.
 *
 * What matters to the checks: what the platform builds (a Railway service whose builder is NIXPACKS
 * does not run the Dockerfile next to it), whether it health-checks the service, and which fixed
 * port it is told about. Files are parsed with yaml / smol-toml / jsonc-parser; lines come from
 * positions.ts. Compose, TOML and JSON readers live in platform-files.ts.
 */
import { evidenceForFile } from '../../core/evidence.js';
import { loadYaml, yamlGet } from '../deploy/positions.js';
import { isScalar } from 'yaml';
import type { PlatformConfig, FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { appEngineConfig, cloudBuildConfig, composeConfigs, flyConfig, herokuConfigs, railwayConfig, renderConfigs } from './platform-files.js';

/**
 * Deploy configs of hosts that build the code themselves (no Dockerfile needed): Serverless Framework,
 * AWS SAM, Zappa, Netlify, Firebase, Cloudflare Workers, App Runner, Platform.sh, DigitalOcean App
 * Platform, Elastic Beanstalk.
 */
const SERVERLESS = /(^|\/)(serverless\.(ya?ml|ts|js|json)|samconfig\.toml|zappa_settings\.(json|ya?ml)|netlify\.toml|firebase\.json|wrangler\.(toml|json|jsonc)|apprunner\.ya?ml|\.platform\.app\.yaml|\.do\/app\.ya?ml|Dockerrun\.aws\.json|\.elasticbeanstalk\/config\.ya?ml|\.ebextensions\/[^/]+\.config)$/;

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

export function collectPlatformConfigs(repo: RepoContext, _facts: FactMap): PlatformConfig[] {
  const out: PlatformConfig[] = [];
  for (const f of repo.discovery.files) {
    if (f.role === 'test' || f.role === 'fixture' || f.role === 'docs' || f.role === 'generated') continue;
    const n = base(f.path);
    try {
      if (n === 'railway.json' || n === 'railway.toml') out.push(...railwayConfig(repo, f.path));
      else if (/^fly(\.[\w-]+)?\.toml$/.test(n)) out.push(...flyConfig(repo, f.path));
      else if (n === 'render.yaml' || n === 'render.yml') out.push(...renderConfigs(repo, f.path));
      else if (n === 'app.yaml' || n === 'app.yml') out.push(...appEngineConfig(repo, f.path));
      else if (n === 'Procfile' || n === 'app.json' || n === 'heroku.yml') out.push(...herokuConfigs(repo, f.path));
      else if (/^cloudbuild\.(ya?ml|json)$/.test(n)) out.push(...cloudBuildConfig(repo, f.path));
      else if (/^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(n)) out.push(...composeConfigs(repo, f.path));
      else if (n === 'vercel.json') out.push(simple(f.path, 'vercel', 'Vercel project config'));
      else if (n === 'nixpacks.toml' || n === 'nixpacks.json' || n === 'railpack.json' || n === 'project.toml') out.push(simple(f.path, 'buildpack', 'buildpack build config'));
      else if (f.language === 'yaml' && f.role === 'config' && isKnativeService(repo, f.path)) out.push(simple(f.path, 'cloud-run', 'Cloud Run service definition'));
      else if (SERVERLESS.test(f.path)) out.push(simple(f.path, 'buildpack', 'serverless / managed-runtime deploy config'));
    } catch (e) {
      repo.errors.push({ path: f.path, message: `could not read platform config: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
    }
  }
  return out;
}

/** A file whose presence alone says "the platform builds this folder with its own builder". */
function simple(file: string, platform: 'vercel' | 'buildpack' | 'cloud-run', note: string): PlatformConfig {
  let dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  // `.do/app.yaml`, `.elasticbeanstalk/config.yml`: the config folder sits inside the service it deploys.
  if (/(^|\/)\.(do|elasticbeanstalk|ebextensions|platform)$/.test(dir)) dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
  const evidence = evidenceForFile(file, note);
  return { platform, file, evidence, dir, build: { kind: 'buildpack', evidence }, healthcheck: null, restart: null, production: true, judged: false, ports: [] };
}

/** A Knative / Cloud Run service manifest (`gcloud run services replace service.yaml`). */
function isKnativeService(repo: RepoContext, path: string): boolean {
  const text = repo.read(path);
  if (!text || !text.includes('serving.knative.dev')) return false;
  const y = loadYaml(repo, path);
  const api = y ? yamlGet(y.doc.contents, 'apiVersion') : undefined;
  return isScalar(api) && String(api.value).startsWith('serving.knative.dev/');
}
