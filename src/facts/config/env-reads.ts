/**
 * Environment variables the code reads (fact EnvRead), from application code and scripts only (tests
 * set their own environment and migrations run with the app's), plus `env("X")` in Prisma schemas.
 * Per-language readers live in env-reads-python.ts and env-reads-node.ts; this module picks the
 * files, dedupes and builds evidence.
 */
import { redactIn } from '../../core/redact.js';
import type { EnvRead, FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { nodeEnvReads } from './env-reads-node.js';
import { pythonEnvReads, pythonRepoIndex, type RawEnvRead } from './env-reads-python.js';
import { hideUrlPasswords, isEnvName, isSecretName } from './env-names.js';

const READ_ROLES = new Set(['app', 'script']);

export function collectEnvReads(repo: RepoContext, _facts: FactMap): EnvRead[] {
  const out: EnvRead[] = [];
  const pyIndex = pythonRepoIndex(repo.models.values());
  const paths = [...repo.models.keys()].sort();
  for (const path of paths) {
    const model = repo.models.get(path);
    const file = repo.file(path);
    if (!model || !file || !READ_ROLES.has(file.role)) continue;
    const lines = repo.lines(path);
    const raw: RawEnvRead[] = model.language === 'python' ? pythonEnvReads(model, lines, pyIndex) : nodeEnvReads(model, lines);
    const seen = new Set<string>();
    for (const r of raw.sort((a, b) => a.line - b.line)) {
      const key = `${r.name}:${r.line}`;
      if (!isEnvName(r.name) || seen.has(key)) continue;
      seen.add(key);
      const secret = isSecretName(r.name);
      // A secret's literal fallback, and any password in a connection URL, stay out of the report.
      const fallback = secret && r.defaultText && r.defaultText !== r.name ? r.defaultText : undefined;
      const redact = (s: string) => hideUrlPasswords(fallback ? redactIn(s, fallback) : s);
      out.push({
        name: r.name,
        evidence: repo.ev(path, r.line, { redact }),
        hasDefault: r.hasDefault,
        via: r.via,
        secret,
      });
    }
  }
  out.push(...prismaEnvReads(repo));
  return out;
}

/** `url = env("DATABASE_URL")` in a Prisma schema: the client reads it at runtime. Plain text, line by line. */
function prismaEnvReads(repo: RepoContext): EnvRead[] {
  const out: EnvRead[] = [];
  for (const f of repo.discovery.files) {
    if (f.language !== 'prisma' || f.role === 'test' || f.role === 'fixture' || f.role === 'generated') continue;
    repo.lines(f.path).forEach((text, i) => {
      const code = text.replace(/\/\/.*$/, '');
      for (const m of code.matchAll(/\benv\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\)/g)) {
        out.push({ name: m[1], evidence: repo.ev(f.path, i + 1), hasDefault: false, via: 'prisma', secret: isSecretName(m[1]) });
      }
    });
  }
  return out;
}
