/**
 * How configuration is organised (fact SettingsFacts), for config-unvalidated, config-inconsistent
 * and env-separation-missing:
 * - schemas: typed, validated settings objects: pydantic `BaseSettings` classes, django-environ
 *   `environ.Env(...)`, Dynaconf, zod `.parse(process.env)`, envalid `cleanEnv(process.env, …)`,
 *   joi `.validate(process.env)`, `createEnv` (@t3-oss/env), `envSchema`, convict, and
 *   `ConfigModule.forRoot({ validationSchema | validate })` (@nestjs/config);
 * - environments: a notion of dev/staging/prod: reads of ENVIRONMENT / APP_ENV / NODE_ENV / …,
 *   settings classes per environment (`ProductionConfig`), per-environment settings modules or
 *   config files (`settings/production.py`, `config/production.json`), `.env.production` files,
 *   and Dockerfile `ENV NODE_ENV=production`;
 * - defaults: literal fallbacks given to the same variable in code (`os.getenv("X", "d")`,
 *   `process.env.X || "d"`, pydantic field defaults), per file, to compare across files.
 */
import { evidenceForFile } from '../../core/evidence.js';
import type { CodeModel } from '../code/model.js';
import type { FactMap, SettingDefault, SettingsFacts } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { walkValue } from '../observability/scan.js';
import { nodeEnvReads } from './env-reads-node.js';
import { pythonEnvReads, pythonRepoIndex, settingsClassNames } from './env-reads-python.js';
import { hideUrlPasswords, isSecretName } from './env-names.js';

/** Variables whose value says which environment the process runs in. */
export const ENVIRONMENT_VARS = new Set([
  'ENVIRONMENT', 'ENV', 'APP_ENV', 'APP_ENVIRONMENT', 'NODE_ENV', 'PYTHON_ENV', 'FLASK_ENV', 'FLASK_CONFIG', 'DJANGO_ENV',
  'DJANGO_SETTINGS_MODULE', 'DJANGO_CONFIGURATION', 'DEPLOY_ENV', 'DEPLOYMENT_ENV', 'RUN_ENV', 'STAGE', 'ENV_NAME',
  'ENVIRONMENT_NAME', 'APP_STAGE', 'RACK_ENV', 'ENV_STATE',
]);
const ENV_WORD = '(prod|production|staging|stage|dev|development|local|test|testing|qa|preview)';
const ENV_CLASS = new RegExp(`^${ENV_WORD}(config|settings|configuration)$`, 'i');
const ENV_FILE = new RegExp(`(^|/)\\.env\\.${ENV_WORD}(\\.(example|sample|template))?$`, 'i');
/** Per-environment compose files: `docker-compose.prod.yml`. */
const ENV_COMPOSE = new RegExp(`(^|/)(docker-)?compose\\.${ENV_WORD}\\.ya?ml$`, 'i');
const ENV_MODULE = new RegExp(`(^|/)(settings|config|conf|configs)/${ENV_WORD}\\.(py|json|ya?ml|[cm]?[jt]s)$`, 'i');
/** Files whose own name is an environment: their defaults are meant to differ. */
const ENV_SPECIFIC_FILE = new RegExp(`(^|/|[._-])${ENV_WORD}([._-][^/]*)?\\.[a-z]+$`, 'i');
const CODE_ROLES = new Set(['app', 'config']);

export function collectSettings(repo: RepoContext, facts: FactMap): SettingsFacts {
  const out: SettingsFacts = { schemas: [], environments: [], defaults: [] };
  const pyIndex = pythonRepoIndex(repo.models.values());
  const settingsClasses = settingsClassNames(repo.models.values());
  for (const m of [...repo.models.values()].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const f = repo.file(m.file);
    if (!f || !CODE_ROLES.has(f.role)) continue;
    schemas(repo, m, settingsClasses, out);
    for (const c of m.classes) {
      if (ENV_CLASS.test(c.name)) out.environments.push({ kind: `settings class ${c.name}`, evidence: repo.ev(m.file, c.line) });
    }
    defaults(repo, m, pyIndex, f.service, out.defaults);
    schemaEnvironment(repo, m, out);
    starletteConfig(repo, m, f.service, out);
  }
  for (const r of facts.envReads) {
    if (ENVIRONMENT_VARS.has(r.name)) out.environments.push({ kind: `reads ${r.name}`, evidence: r.evidence });
  }
  for (const f of repo.discovery.files) {
    if (f.role === 'test' || f.role === 'fixture' || f.role === 'docs') continue;
    if (ENV_FILE.test(f.path) || ENV_MODULE.test(f.path) || ENV_COMPOSE.test(f.path)) out.environments.push({ kind: `per-environment file ${f.path}`, evidence: evidenceForFile(f.path, 'per-environment configuration') });
  }
  for (const d of facts.dockerfiles) {
    for (const ins of d.instructions) {
      const m = /^([A-Z_]+)[= ]/.exec(ins.args);
      if (ins.keyword === 'ENV' && m && ENVIRONMENT_VARS.has(m[1])) out.environments.push({ kind: `Dockerfile sets ${m[1]}`, evidence: ins.evidence });
    }
  }
  return out;
}

/**
 * An environment variable declared as a key of a schema object (joi / zod / envalid / convict keys:
 * `NODE_ENV: Joi.string().valid("production", …)`). Too-generic keys (`ENV`, `STAGE`) are left out.
 */
function schemaEnvironment(repo: RepoContext, m: CodeModel, out: SettingsFacts): void {
  if (m.language === 'python') return;
  for (const c of m.calls) {
    for (const v of c.args) {
      for (const x of walkValue(v)) {
        const e = x.entries?.find((en) => ENVIRONMENT_VARS.has(en.key) && en.key.includes('_'));
        if (e) out.environments.push({ kind: `schema declares ${e.key}`, evidence: repo.ev(m.file, e.value.line) });
      }
    }
  }
}

/**
 * Starlette's `config = Config(".env")` then `config("NAME", cast=int, default=…)`: values are read
 * and cast when the module is imported, so a missing or malformed one stops the app at startup.
 * (The shared env-read extractors do not know this reader; it is handled here.)
 */
function starletteConfig(repo: RepoContext, m: CodeModel, service: string, out: SettingsFacts): void {
  if (m.language !== 'python' || !m.imports.some((i) => i.module === 'starlette.config' && i.names.includes('Config'))) return;
  const objects = m.assignments.filter((a) => a.scope === 'module' && a.value.kind === 'call' && a.value.callee === 'Config');
  if (objects.length === 0) return;
  out.schemas.push({ kind: 'starlette Config', evidence: repo.ev(m.file, objects[0].line) });
  const names = new Set(objects.map((a) => a.target));
  for (const c of m.calls) {
    const name = c.args[0]?.kind === 'string' ? c.args[0].value : undefined;
    if (!names.has(c.callee) || !name) continue;
    if (ENVIRONMENT_VARS.has(name)) out.environments.push({ kind: `reads ${name}`, evidence: repo.ev(m.file, c.line) });
    const d = c.kwargs.default;
    if (d?.kind === 'string' && d.value && !isSecretName(name) && !ENV_SPECIFIC_FILE.test(m.file)) {
      out.defaults.push({ name, value: d.value, via: 'starlette Config', service, evidence: repo.ev(m.file, c.line, { redact: hideUrlPasswords }) });
    }
  }
}

function isProcessEnv(text: string | undefined): boolean {
  return text === 'process.env';
}

function schemas(repo: RepoContext, m: CodeModel, settingsClasses: ReadonlySet<string>, out: SettingsFacts): void {
  const add = (kind: string, line: number) => out.schemas.push({ kind, evidence: repo.ev(m.file, line) });
  if (m.language === 'python') {
    for (const c of m.classes) if (settingsClasses.has(c.name)) add('pydantic-settings', c.line);
    for (const c of m.calls) {
      if (c.callee === 'environ.Env' && m.imports.some((i) => i.module === 'environ')) add('django-environ', c.line);
      else if (c.name === 'Dynaconf' && m.imports.some((i) => i.module.startsWith('dynaconf'))) add('dynaconf', c.line);
    }
    return;
  }
  const imported = (re: RegExp) => m.imports.some((i) => re.test(i.module));
  for (const c of m.calls) {
    const first = c.args[0]?.text;
    if ((c.name === 'parse' || c.name === 'safeParse') && isProcessEnv(first) && imported(/^zod(\/|$)/)) add('zod', c.line);
    else if (c.callee === 'cleanEnv' && imported(/^envalid$/)) add('envalid', c.line);
    else if ((c.name === 'validate' || c.name === 'validateAsync') && isProcessEnv(first) && imported(/^joi$/)) add('joi', c.line);
    else if (c.callee === 'createEnv' && imported(/^@t3-oss\/env/)) add('@t3-oss/env', c.line);
    else if ((c.callee === 'envSchema' && imported(/^env-schema$/)) || (c.callee === 'convict' && imported(/^convict$/))) add(c.callee, c.line);
    else if (c.callee === 'ConfigModule.forRoot' && imported(/^@nestjs\/config$/)) {
      const opts = [...walkValue(c.args[0])].flatMap((v) => v.entries ?? []);
      if (opts.some((e) => e.key === 'validationSchema' || e.key === 'validate')) add('@nestjs/config validationSchema', c.line);
    }
  }
}

function defaults(repo: RepoContext, m: CodeModel, pyIndex: ReturnType<typeof pythonRepoIndex>, service: string, out: SettingDefault[]): void {
  // `settings/production.py`, `config.test.ts`: defaults meant to differ per environment.
  if (ENV_SPECIFIC_FILE.test(m.file)) return;
  const lines = repo.lines(m.file);
  const raw = m.language === 'python' ? pythonEnvReads(m, lines, pyIndex) : nodeEnvReads(m, lines);
  for (const r of raw) {
    if (r.defaultText === undefined || r.defaultText === '' || isSecretName(r.name)) continue;
    // A field of `class ProductionSettings` is meant to differ from `class DevelopmentSettings`.
    if (r.via === 'pydantic-settings') {
      const cls = m.classes.find((c) => c.line <= r.line && r.line <= c.endLine);
      if (cls && new RegExp(ENV_WORD, 'i').test(cls.name)) continue;
    }
    out.push({ name: r.name, value: r.defaultText, via: r.via, service, evidence: repo.ev(m.file, r.line, { redact: hideUrlPasswords }) });
  }
}
