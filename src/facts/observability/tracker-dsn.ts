/**
 * Error tracker init calls and where their DSN comes from (Sentry, Python and JS SDKs). The DSN is
 * the `dsn` option (Python: keyword or first argument); when absent, the SDK reads `SENTRY_DSN`.
 * - a string literal: configured in code (`documented`);
 * - an environment read (`os.getenv("X")`, `os.environ["X"]`, `env("X")`, `process.env.X`,
 *   `import.meta.env.X`), a module constant assigned from one, or a settings attribute
 *   (`settings.sentry_dsn` → `SENTRY_DSN`, the pydantic-settings convention): documented when the
 *   variable is in an env template or named in a configuration file (compose, platform config,
 *   Helm values);
 * - anything else (a value computed elsewhere): `unknown`, never reported.
 * Only back-end and worker services, and services of unknown kind: front-end DSNs are public and
 * usually inlined at build time.
 */
import type { Value } from '../code/model.js';
import type { FactMap, OpsSignals } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { entry, findImport, type Scanned } from './scan.js';

type Init = OpsSignals['trackerInits'][number];

export function trackerInits(repo: RepoContext, facts: FactMap, files: readonly Scanned[]): Init[] {
  const kinds = new Map(facts.services.map((s) => [s.dir, s.kind]));
  const documented = documentedVars(repo, facts);
  const envNames = new Set(facts.envReads.map((r) => r.name));
  // Config modules: `SENTRY_DSN = config("SENTRY_DSN", default="")` (starlette / decouple / environ readers).
  for (const m of repo.models.values()) {
    for (const a of m.assignments) {
      const call = a.scope === 'module' && a.value.kind === 'call' && a.value.call !== undefined ? m.calls[a.value.call] : undefined;
      if (call?.args[0]?.kind === 'string' && call.args[0].value === a.target) envNames.add(a.target);
    }
  }
  const out: Init[] = [];
  for (const s of files) {
    if (kinds.get(s.file.service) === 'frontend') continue;
    const m = s.model;
    const imp = findImport(m, s.python ? ['sentry_sdk'] : ['@sentry/node', '@sentry/nestjs', '@sentry/nextjs', '@sentry/bun', '@sentry/serverless', '@sentry/aws-serverless', '@sentry/google-cloud-serverless']);
    if (!imp) continue;
    for (const c of m.calls) {
      const isInit = c.callee === 'sentry_sdk.init' || c.callee === 'Sentry.init' || (c.callee === 'init' && imp.names.includes('init'));
      if (!isInit) continue;
      const dsn = s.python ? c.kwargs.dsn ?? c.args[0] : entry(c.args[0], 'dsn');
      if (!s.python && c.args[0] && c.args[0].kind !== 'dict') continue; // options built elsewhere
      const src = dsn ? source(s, dsn, envNames) : { dsn: 'env' as const, envVar: 'SENTRY_DSN' };
      const ev = repo.ev(s.file.path, c.line, { endLine: c.endLine });
      out.push({ detail: 'sentry', evidence: ev, ...src, documented: src.dsn === 'literal' || (!!src.envVar && documented.has(src.envVar)) });
    }
  }
  return out;
}

function source(s: Scanned, v: Value, envNames: ReadonlySet<string>): { dsn: Init['dsn']; envVar?: string } {
  // `str(SENTRY_DSN)`: the wrapped value.
  if (v.kind === 'call' && v.callee === 'str' && v.call !== undefined && s.model.calls[v.call]?.args[0]) return source(s, s.model.calls[v.call].args[0], envNames);
  if (v.kind === 'string') return v.value ? { dsn: 'literal' } : { dsn: 'unknown' };
  const read = s.model.envReads.find((r) => r.line >= v.line && r.line <= v.line + 2 && v.text.includes(r.name));
  if (read) return { dsn: 'env', envVar: read.name };
  if (v.kind === 'call' && v.callee && /(^|\.)(getenv|get|env|str|config)$/.test(v.callee)) {
    const call = v.call !== undefined ? s.model.calls[v.call] : undefined;
    const name = call?.args[0];
    if (name?.kind === 'string' && name.value && /^[A-Z][A-Z0-9_]*$/.test(name.value)) return { dsn: 'env', envVar: name.value };
    return { dsn: 'unknown' };
  }
  const meta = /^import\.meta\.env\.([A-Z][A-Z0-9_]*)$/.exec(v.text);
  if (meta) return { dsn: 'env', envVar: meta[1] };
  if (v.kind === 'name') {
    const a = s.model.assignments.find((x) => x.target === v.text && x.scope === 'module');
    if (a && a.value !== v) return a.value.kind === 'name' ? { dsn: 'unknown' } : source(s, a.value, envNames);
    // A constant imported from the config module, named after the variable it reads.
    return !a && envNames.has(v.text) ? { dsn: 'env', envVar: v.text } : { dsn: 'unknown' };
  }
  if (v.kind === 'attr') {
    // settings.sentry_dsn / config.SENTRY_DSN: a settings field named after the variable it reads.
    const last = v.text.slice(v.text.lastIndexOf('.') + 1);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(last)) return { dsn: 'unknown' };
    if (envNames.has(last) || envNames.has(last.toUpperCase())) return { dsn: 'env', envVar: envNames.has(last) ? last : last.toUpperCase() };
    if (s.python && /dsn/i.test(last)) return { dsn: 'env', envVar: last.toUpperCase() };
  }
  return { dsn: 'unknown' };
}

/** Variables an operator is told about: env templates, and names in configuration files. */
function documentedVars(repo: RepoContext, facts: FactMap): Set<string> {
  const out = new Set<string>();
  for (const t of facts.envTemplates) for (const v of t.vars) out.add(v.name);
  for (const f of repo.discovery.files) {
    if (f.role !== 'config' || !/\.(ya?ml|toml|json|ini|cfg|conf|env)$|(^|\/)(Dockerfile[^/]*|Procfile)$/.test(f.path) || /(^|\/)package(-lock)?\.json$/.test(f.path)) continue;
    for (const w of (repo.read(f.path) ?? '').match(/\b[A-Z][A-Z0-9_]{2,}\b/g) ?? []) out.add(w);
  }
  return out;
}
