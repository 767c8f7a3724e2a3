/**
 * Where the repository itself supplies an environment variable for deployment: env templates
 * (.env.example …), render.yaml envVars, fly.toml [env], production docker-compose `environment`,
 * app.yaml env_variables, Dockerfile ENV, Heroku app.json (env, or a Postgres add-on for
 * DATABASE_URL). A production compose service with `env_file:` may supply anything: key '*'. Used to tell a SQLite URL that is only a local fallback from one production runs on:
 * a value that is itself a SQLite URL supplies nothing.
 */
import { parse as parseDotenv } from 'dotenv';
import { parse as parseToml } from 'smol-toml';
import { isMap, isScalar, isSeq } from 'yaml';
import type { Evidence } from '../../core/evidence.js';
import type { RepoContext } from '../repo.js';
import { loadJson, loadYaml, tomlKeyLine, yamlEntries, yamlGet } from '../deploy/positions.js';
import { isSqliteUrl } from './values.js';

/** Env templates (`.env.example`, `.env.prod-sample`, `example.env`) and committed production env files; not dev/test ones. */
const TEMPLATE = /^(\.env[.-]([\w.-]*[.-])?(example|sample|template|dist|defaults)|\.env\.(prod|production)|(example|sample|template)\.env|env\.(example|sample|template))$/i;
const DEV_TEMPLATE = /(^|[.-])(dev|development|local|test|testing)([.-]|$)/i;

const cache = new WeakMap<RepoContext, Map<string, Evidence>>();

export function providedEnv(repo: RepoContext): Map<string, Evidence> {
  let m = cache.get(repo);
  if (!m) {
    m = collect(repo);
    cache.set(repo, m);
  }
  return m;
}

function collect(repo: RepoContext): Map<string, Evidence> {
  const out = new Map<string, Evidence>();
  const add = (name: string, value: string | undefined, file: string, line: number) => {
    if (isSqliteUrl(value) || out.has(name) || line <= 0) return;
    out.set(name, repo.ev(file, line, { note: `${name} supplied here` }));
  };
  for (const f of repo.discovery.files) {
    if (f.role === 'test' || f.role === 'fixture') continue;
    const name = f.path.slice(f.path.lastIndexOf('/') + 1);
    try {
      if (TEMPLATE.test(name) && !DEV_TEMPLATE.test(name.replace(/^\.env/, ''))) {
        const vars = parseDotenv(repo.read(f.path) ?? '');
        const lines = repo.lines(f.path);
        for (const [k, v] of Object.entries(vars)) add(k, v, f.path, lines.findIndex((l) => new RegExp(`^\\s*(export\\s+)?${k}\\s*=`).test(l)) + 1);
      } else if (name === 'render.yaml' || name === 'render.yml') {
        const y = loadYaml(repo, f.path);
        const services = y && yamlGet(y.doc.contents, 'services');
        for (const svc of isSeq(services) ? services.items : []) {
          const vars = yamlGet(svc, 'envVars');
          for (const v of isSeq(vars) ? vars.items : []) {
            const key = yamlGet(v, 'key');
            const value = yamlGet(v, 'value');
            if (isScalar(key)) add(String(key.value), isScalar(value) ? String(value.value) : undefined, f.path, y!.lineOf(key));
          }
        }
      } else if (name === 'fly.toml') {
        const text = repo.read(f.path) ?? '';
        const env = (parseToml(text) as Record<string, unknown>).env;
        for (const [k, v] of Object.entries((env ?? {}) as Record<string, unknown>)) add(k, String(v), f.path, tomlKeyLine(text, 'env', k));
      } else if (/^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(name) && !/(override|dev|local|test)/i.test(name)) {
        const y = loadYaml(repo, f.path);
        if (!y) continue;
        for (const { value: svc } of yamlEntries(yamlGet(y.doc.contents, 'services'))) {
          // `env_file:` hands the container a whole file of variables: any of them may be there.
          const envFile = yamlGet(svc, 'env_file');
          if (envFile !== undefined && y.lineOf(envFile) > 0) add('*', undefined, f.path, y.lineOf(envFile));
          const env = yamlGet(svc, 'environment');
          if (isMap(env)) for (const e of yamlEntries(env)) add(e.key, isScalar(e.value) ? String(e.value.value) : undefined, f.path, y.lineOf(e.keyNode));
          else if (isSeq(env))
            for (const item of env.items) {
              if (!isScalar(item)) continue;
              const [k, ...rest] = String(item.value).split('=');
              add(k, rest.join('='), f.path, y.lineOf(item));
            }
        }
      } else if (name === 'app.yaml' || name === 'app.yml') {
        const y = loadYaml(repo, f.path);
        if (y) for (const e of yamlEntries(yamlGet(y.doc.contents, 'env_variables'))) add(e.key, isScalar(e.value) ? String(e.value.value) : undefined, f.path, y.lineOf(e.keyNode));
      } else if (f.language === 'dockerfile' || /^Dockerfile$/.test(name)) {
        repo.lines(f.path).forEach((l, i) => {
          const m = /^\s*ENV\s+([A-Za-z_][A-Za-z0-9_]*)[=\s]\s*(\S*)/i.exec(l);
          if (m) add(m[1], m[2].replace(/^["']|["']$/g, ''), f.path, i + 1);
        });
      } else if (name === 'app.json' && f.path === name) {
        const json = loadJson(repo, f.path);
        const env = json?.at(['env']);
        for (const prop of env?.node.children ?? []) {
          const key = prop.children?.[0];
          if (key?.type === 'string') add(String(key.value), undefined, f.path, json!.at(['env', String(key.value)])?.line ?? 0);
        }
        const addons = json?.at(['addons']);
        for (const a of addons?.node.children ?? []) {
          const plan = a.type === 'string' ? String(a.value) : String(a.children?.find((p) => p.children?.[0]?.value === 'plan')?.children?.[1]?.value ?? '');
          if (/postgres/.test(plan)) add('DATABASE_URL', undefined, f.path, json!.at(['addons'])?.line ?? 0);
        }
      }
    } catch (e) {
      repo.errors.push({ path: f.path, message: `could not read: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
    }
  }
  return out;
}
