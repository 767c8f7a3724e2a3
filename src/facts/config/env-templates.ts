/**
 * Env templates (`.env.example` and friends): the variables an operator is told to set, each with its
 * line. A commented-out `# KEY=` line documents the variable too (it is optional and named), and its
 * evidence says so. Plain text, read line by line: a dotenv line is `[export] KEY=value`.
 * A committed `.env` holding no secret value (placeholders such as `SECRET_KEY=changethis`) is the
 * project's template too: it is how the full-stack-fastapi-template family documents its settings.
 */
import type { EnvTemplate, FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { hideUrlPasswords, isSecretName } from './env-names.js';

/** `.env.example`, `.env.sample`, `.env.template`, `.env.dist`, `.example.env`, `env.example`, `.env.production.example`. */
export function isEnvTemplateName(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const KIND = '(example|sample|template|dist|defaults?|tpl)';
  return (
    new RegExp(`^\\.?env\\.${KIND}$`).test(name) ||
    new RegExp(`^\\.env(\\.[\\w-]+)*\\.${KIND}$`).test(name) ||
    new RegExp(`^(\\.|[\\w-]+\\.)?${KIND}\\.env$`).test(name) ||
    new RegExp(`^${KIND}\\.env$`).test(name)
  );
}

const ACTIVE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=/;
/** `# KEY=value`, `#KEY=`: upper-case names only, so prose such as `# e.g. foo=bar` is not taken for a variable. */
const COMMENTED = /^\s*#+\s*(?:export\s+)?([A-Z_][A-Z0-9_]*)\s*=/;

export function collectEnvTemplates(repo: RepoContext, facts: FactMap): EnvTemplate[] {
  const out: EnvTemplate[] = [];
  for (const f of repo.discovery.files) {
    if (f.role === 'fixture' || f.role === 'test' || f.role === 'generated' || !isEnvTemplateName(f.path)) continue;
    out.push(templateOf(repo, f.path));
  }
  for (const e of facts.envFiles) {
    const name = e.file.slice(e.file.lastIndexOf('/') + 1);
    // Without git (a plain folder) a file no .gitignore rule covers is part of what is shipped.
    if (name === '.env' && e.present && e.tracked !== false && !e.ignored && (e.secretLines ?? []).length === 0) {
      out.push(templateOf(repo, e.file, 'committed .env with no secret values: it serves as the template'));
    }
  }
  return out;
}

/** The variables one template names, each with its line. */
function templateOf(repo: RepoContext, path: string, fileNote?: string): EnvTemplate {
  const lines = repo.lines(path);
  const vars: EnvTemplate['vars'] = [];
  const seen = new Set<string>();
  let openQuote: string | null = null;
  lines.forEach((text, i) => {
    // Inside a multi-line quoted value (a PEM key): no variable starts here.
    if (openQuote) {
      if (text.includes(openQuote)) openQuote = null;
      return;
    }
    const active = ACTIVE.exec(text);
    const commented = active ? null : COMMENTED.exec(text);
    const name = active?.[1] ?? commented?.[1];
    if (active) {
      const value = text.slice(text.indexOf('=') + 1).trim();
      const q = value[0];
      if ((q === '"' || q === "'") && value.indexOf(q, 1) < 0) openQuote = q;
    }
    if (!name || seen.has(name)) return;
    seen.add(name);
    // Values in templates are placeholders, but some carry real keys: secret values stay out of snippets.
    const note = [commented ? 'commented out: documented as optional' : '', fileNote ?? ''].filter(Boolean).join('; ');
    const ev = repo.ev(path, i + 1, {
      redact: isSecretName(name) ? (s: string) => s.replace(/=.*$/, '=…') : hideUrlPasswords,
      ...(note ? { note } : {}),
    });
    vars.push({ name, evidence: ev });
  });
  return { file: path, vars };
}
