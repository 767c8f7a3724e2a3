/**
 * Signing secrets (SECRET_KEY, JWT / session / cookie secrets) that fall back to a literal written in
 * the code, for secret-key-default:
 * - env reads with a literal fallback: `os.getenv("SECRET_KEY", "dev")`, pydantic
 *   `secret_key: str = "changeme"`, `process.env.JWT_SECRET || "secret"` (the shared env-read
 *   extractors find them; settings.ts drops secret names, so they are read again here);
 * - Python literals: Django `SECRET_KEY = "django-insecure-…"`, Flask `app.secret_key = "dev"`,
 *   `app.config["SECRET_KEY"] = "dev"`.
 * Development-only places are skipped (dev settings modules, `DevelopmentConfig`, `if DEBUG:` blocks).
 * The credit (`guard`): something in the same service that refuses the default in production:
 * a pydantic validator naming the field, an `if` that tests the key and raises / exits, or a
 * schema entry with `.min(n)` on the variable (zod / joi).
 */
import { redactIn } from '../../core/redact.js';
import type { CodeModel } from '../code/model.js';
import { pythonEnvReads, pythonRepoIndex } from '../config/env-reads-python.js';
import { nodeEnvReads } from '../config/env-reads-node.js';
import type { Evidence } from '../../core/evidence.js';
import type { FactMap, SigningSecret } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { appModels, isDevClassName, isDevSettingsFile, productionAssignment, walkValue } from './code-util.js';
import { envGuard } from './layout.js';

const NAMES = new Set([
  'SECRET_KEY', 'SECRET', 'APP_SECRET', 'APP_SECRET_KEY', 'DJANGO_SECRET_KEY', 'FLASK_SECRET_KEY', 'JWT_SECRET', 'JWT_SECRET_KEY',
  'JWT_KEY', 'JWT_SIGNING_KEY', 'JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET', 'ACCESS_TOKEN_SECRET', 'REFRESH_TOKEN_SECRET', 'TOKEN_SECRET',
  'AUTH_SECRET', 'NEXTAUTH_SECRET', 'SESSION_SECRET', 'SESSION_SECRET_KEY', 'COOKIE_SECRET', 'SIGNING_KEY', 'SECRET_KEY_BASE',
]);
/** `app.secret_key`, `app.config["SECRET_KEY"]`, `SECRET_KEY` (module or config class). */
const PY_TARGET = /^(SECRET_KEY|JWT_SECRET_KEY|[\w.]+\.secret_key|[\w.]+\.config\[\s*['"](SECRET_KEY|JWT_SECRET_KEY)['"]\s*\])$/;

/** Prefixed forms: `DISPATCH_JWT_SECRET`, `MYAPP_SESSION_SECRET` (provider keys such as STRIPE_SECRET_KEY are not signing keys). */
const PREFIXED = /_(JWT_SECRET|JWT_SECRET_KEY|JWT_SIGNING_KEY|SESSION_SECRET|COOKIE_SECRET|AUTH_SECRET)$/;

export function isSigningSecretName(name: string): boolean {
  return NAMES.has(name.toUpperCase()) || PREFIXED.test(name.toUpperCase());
}

function inMainGuard(m: CodeModel, line: number): boolean {
  return m.mainGuards.some((g) => g.line <= line && line <= g.endLine);
}

function inDevClass(m: CodeModel, line: number): boolean {
  const cls = m.classes.filter((c) => c.line <= line && line <= c.endLine).pop();
  return cls !== undefined && isDevClassName(cls.name);
}

/** Placeholders that are not a value at all: empty, `${VAR}` templates. */
function usable(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '' && !/^\$\{[^}]+\}$/.test(value.trim());
}

export function collectSigningSecrets(repo: RepoContext, _facts: FactMap): SigningSecret[] {
  const models = appModels(repo, ['app', 'config']).sort((a, b) => (a.file < b.file ? -1 : 1));
  const index = pythonRepoIndex(models);
  const found: { name: string; value: string; file: string; line: number; service: string }[] = [];
  for (const m of models) {
    if (isDevSettingsFile(m.file) || /(^|\/)(tests?|__tests__|fixtures?)\//.test(m.file)) continue;
    const service = repo.file(m.file)?.service ?? '';
    const lines = repo.lines(m.file);
    const skip = (line: number) => inMainGuard(m, line) || inDevClass(m, line) || envGuard(repo, m.file, line) !== null;
    const reads = m.language === 'python' ? pythonEnvReads(m, lines, index) : nodeEnvReads(m, lines);
    for (const r of reads) {
      if (isSigningSecretName(r.name) && usable(r.defaultText) && !skip(r.line)) found.push({ name: r.name.toUpperCase(), value: r.defaultText, file: m.file, line: r.line, service });
    }
    if (m.language !== 'python') continue;
    for (const a of m.assignments) {
      if (a.scope === 'function' || !PY_TARGET.test(a.target) || a.value.kind !== 'string' || !usable(a.value.value) || skip(a.line)) continue;
      if (found.some((f) => f.file === m.file && f.line === a.line)) continue;
      found.push({ name: 'SECRET_KEY', value: a.value.value, file: m.file, line: a.line, service });
    }
  }
  const out: SigningSecret[] = [];
  for (const f of found) {
    // Split settings: a production module that sets the key from the environment (or generates one) replaces the base literal.
    const prod = productionAssignment(models, f.file, f.name);
    const replaced = prod && prod.assignment.value.kind !== 'string' ? repo.ev(prod.model.file, prod.assignment.line, { note: 'production settings replace the literal' }) : null;
    const guard = replaced ?? guardFor(repo, models, f.name, f.value, f.service);
    out.push({
      name: f.name,
      evidence: repo.ev(f.file, f.line, { redact: (s) => redactIn(s, f.value) }),
      service: f.service,
      guard,
    });
  }
  return out;
}

/** Something in the service that refuses the default (or a short key) before the app serves requests. */
function guardFor(repo: RepoContext, models: CodeModel[], name: string, value: string, service: string): Evidence | null {
  const field = new RegExp(`\\b${name}\\b`, 'i');
  for (const m of models) {
    if ((repo.file(m.file)?.service ?? '') !== service) continue;
    const lines = repo.lines(m.file);
    // pydantic `@field_validator("secret_key")` / `@model_validator` whose body names the field.
    for (const f of m.functions) {
      const validator = f.decorators.find((d) => /(^|\.)(field_validator|validator|model_validator|root_validator)$/.test(d.callee ?? d.text));
      if (!validator) continue;
      const body = lines.slice(f.line - 1, f.endLine).join('\n');
      if (field.test(validator.text) || (field.test(body) && /\braise\b/.test(body))) return repo.ev(m.file, validator.line, { note: 'validator refuses the default' });
    }
    // `if settings.SECRET_KEY == "changeme" and ENV == "production": raise …` / `throw` / `process.exit(1)`.
    for (let i = 0; i < lines.length; i++) {
      const t = lines[i].trim();
      if (!/^(if|elif)\b|^(\}\s*)?(else\s+)?if\s*\(/.test(t)) continue;
      if (!field.test(t) && !(value.length >= 3 && t.includes(value))) continue;
      // `if not SECRET_KEY: raise` never fires when a default exists: the test must name the default, the environment or a length.
      if (!(value.length >= 3 && t.includes(value)) && !/prod|environ|\benv\b|debug|len\(|\.length|default|insecure|change/i.test(t)) continue;
      const next = lines.slice(i, i + 4).join('\n');
      if (/\braise\b|\bthrow\b|process\.exit\(|sys\.exit\(/.test(next)) return repo.ev(m.file, i + 1, { redact: (s) => redactIn(s, value), note: 'startup check refuses the default' });
    }
    // Schema entries: `JWT_SECRET: z.string().min(32)`, `Joi.string().min(32)`.
    if (m.language === 'python') continue;
    for (const c of m.calls) {
      for (const v of c.args) {
        for (const x of walkValue(v)) {
          const e = x.entries?.find((en) => en.key.toUpperCase() === name);
          const min = e ? /\.min\(\s*(\d+)/.exec(e.value.text) : null;
          if (e && min && Number(min[1]) >= 16) return repo.ev(m.file, e.value.line, { note: 'schema requires a long key' });
        }
      }
    }
  }
  return null;
}
