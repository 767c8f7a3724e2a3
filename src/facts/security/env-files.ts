/**
 * EnvFileFact: real dotenv files (not templates) with whether git tracks them, whether a .gitignore
 * rule covers them, and which lines give secret-named variables real values; plus, for each service
 * whose code reads environment variables, whether its `.env` would be ignored (`present: false`).
 */
import { evidenceForFile } from '../../core/evidence.js';
import type { Evidence } from '../../core/evidence.js';
import type { CodeModel } from '../code/model.js';
import type { EnvFileFact, FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { isEnvFileName, isEnvTemplate } from './env-names.js';
import { GitignoreRules } from './gitignore.js';
import { dotenvValues } from './secrets-config.js';
import { findCredentialUrls, findProviderKeys, isPlaceholder, isRealCredentialUrl, isSecretName, redactAll } from './secret-patterns.js';

const SKIPPED_ROLES = new Set(['test', 'fixture', 'docs', 'generated']);

export function collectEnvFiles(repo: RepoContext, _facts: FactMap): EnvFileFact[] {
  const rules = new GitignoreRules(repo);
  const out: EnvFileFact[] = [];
  const envFiles = repo.discovery.files.filter((f) => f.language === 'dotenv' && isEnvFileName(f.path) && !isEnvTemplate(f.path) && !SKIPPED_ROLES.has(f.role));
  for (const f of envFiles) {
    const verdict = rules.check(f.path);
    const why = f.tracked ? 'tracked by git' : verdict.ignored ? 'ignored' : 'not matched by any .gitignore rule';
    out.push({
      file: f.path,
      tracked: f.tracked,
      ignored: verdict.ignored,
      evidence: evidenceForFile(f.path, why),
      present: true,
      secretLines: secretLines(repo, f.path),
    });
  }
  for (const { dir, reader } of envReadingServices(repo)) {
    const file = dir === '' ? '.env' : `${dir}/.env`;
    const verdict = rules.check(file);
    let evidence: Evidence;
    if (verdict.ignored && verdict.file && verdict.line) evidence = repo.ev(verdict.file, verdict.line, { note: `ignores ${file}` });
    else {
      const gi = rules.nearest(file);
      const present = envFiles.find((f) => f.path === file);
      const anchor = gi ?? present?.path ?? manifestOf(repo, dir) ?? reader.file;
      evidence = evidenceForFile(anchor, gi ? `no rule ignores ${file}; ${reader.file}:${reader.line} reads environment variables` : `no .gitignore; ${reader.file}:${reader.line} reads environment variables`);
    }
    out.push({ file, tracked: undefined, ignored: verdict.ignored, evidence, present: false });
  }
  return out;
}

/** Lines giving a secret-named variable a real value, or holding a provider key or credentialed URL. */
function secretLines(repo: RepoContext, path: string): Evidence[] {
  const text = repo.read(path);
  if (text === undefined) return [];
  const lines = repo.lines(path);
  const hits = new Map<number, string[]>();
  const add = (line: number, value: string) => hits.set(line, [...(hits.get(line) ?? []), value]);
  for (const n of dotenvValues(text)) {
    if (isSecretName(n.name) && n.value.length >= 8 && !isPlaceholder(n.value)) add(n.line, n.value);
  }
  lines.forEach((l, i) => {
    for (const k of findProviderKeys(l)) add(i + 1, k.value);
    for (const u of findCredentialUrls(l).filter(isRealCredentialUrl)) add(i + 1, u.password);
  });
  return [...hits.entries()].sort((a, b) => a[0] - b[0]).map(([line, values]) => repo.ev(path, line, { redact: redactAll(values) }));
}

/** Service folders whose code reads environment variables, with one place that does. */
function envReadingServices(repo: RepoContext): { dir: string; reader: { file: string; line: number } }[] {
  const byDir = new Map<string, { file: string; line: number }>();
  const models = [...repo.models.values()].sort((a, b) => (a.file < b.file ? -1 : 1));
  for (const m of models) {
    const f = repo.file(m.file);
    if (!f || f.role !== 'app' || byDir.has(f.service)) continue;
    const line = envReadLine(m);
    if (line) byDir.set(f.service, { file: m.file, line });
  }
  return [...byDir.entries()].map(([dir, reader]) => ({ dir, reader }));
}

const ENV_MODULES = /^(dotenv|dotenv\/config|decouple|environ|envalid|@nestjs\/config|@t3-oss\/env-\w+|pydantic_settings)$/;

/** First line where a file reads the environment: os.environ / os.getenv / process.env / a settings library. */
function envReadLine(m: CodeModel): number | undefined {
  if (m.envReads.length > 0) return m.envReads[0].line;
  // The whole environment handed to a schema: `EnvSchema.parse(process.env)`, `cleanEnv(process.env, …)`.
  const whole = m.calls.find((c) => c.args.some((a) => /^process\.env$|^os\.environ$/.test(a.text)));
  if (whole) return whole.line;
  const call = m.calls.find((c) => /(^|\.)(getenv|load_dotenv)$/.test(c.callee) || /(^|\.)environ\.get$/.test(c.callee));
  if (call) return call.line;
  const settings = m.classes.find((c) => c.bases.some((b) => /(^|\.)BaseSettings\b/.test(b)));
  if (settings) return settings.line;
  return m.imports.find((i) => ENV_MODULES.test(i.module))?.line;
}

function manifestOf(repo: RepoContext, dir: string): string | undefined {
  const svc = repo.discovery.services.find((s) => s.dir === dir);
  const m = svc?.manifests[0];
  return m === undefined ? undefined : dir === '' ? m : `${dir}/${m}`;
}
