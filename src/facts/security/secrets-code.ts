/**
 * Secrets in parsed source files: string literals in provider key formats or credentialed URLs
 * (prefiltered by the query into `secretCandidates`), and high-entropy literals bound to
 * secret-sounding names: assignments, class fields, keyword arguments, dict/object entries,
 * parameter defaults and env-read fallbacks (`os.getenv("API_KEY", "…")`, `process.env.X || "…"`).
 */
import type { CodeModel, Value } from '../code/model.js';
import type { SecretFact } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { walkValue } from './code-util.js';
import { isTestSettingsModule, label } from './secrets-config.js';
import { findCredentialUrls, findProviderKeys, isPublicBrowserKey, isRealCredentialUrl, isSecretName, looksRandom, redactAll, redactor } from './secret-patterns.js';

interface Named {
  name: string;
  value: string;
  line: number;
}

/** The literal a Value stands for: a plain string, or the string fallback of `x or "…"` / `x || "…"` / `x ?? "…"`. */
function literalOf(v: Value | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'binop' && (v.op === 'or' || v.op === '||' || v.op === '??')) {
    const m = /(?:\bor|\|\||\?\?)\s*(['"])([^'"\\]*)\1\s*$/.exec(v.text);
    return m?.[2];
  }
  return undefined;
}

const ENV_GETTERS = /(^|\.)(getenv|environ\.get|config|env|env\.str)$/;

function namedValues(m: CodeModel): Named[] {
  const out: Named[] = [];
  const push = (name: string, v: Value | undefined) => {
    const value = literalOf(v);
    if (value !== undefined && v) out.push({ name, value, line: v.line });
  };
  const entries = (v: Value | undefined) => {
    if (!v?.items && !v?.entries) return;
    for (const x of walkValue(v)) for (const e of x.entries ?? []) push(e.key, e.value);
  };
  for (const a of m.assignments) {
    if (!a.target.includes(',')) push(a.target, a.value);
    entries(a.value);
  }
  for (const c of m.calls) {
    for (const [k, v] of Object.entries(c.kwargs)) {
      push(k, v);
      entries(v);
    }
    for (const v of c.args) entries(v);
    // os.getenv("API_KEY", "literal"), config("API_KEY", default="literal")
    if (ENV_GETTERS.test(c.callee) && c.args[0]?.kind === 'string') push(c.args[0].value ?? '', c.args[1] ?? c.kwargs.default);
  }
  for (const r of m.returns) entries(r.value);
  for (const f of m.functions) for (const p of f.params) push(p.name, p.default);
  return out;
}

function isFrontendFile(repo: RepoContext, m: CodeModel): boolean {
  const f = repo.file(m.file);
  const svc = repo.discovery.services.find((s) => s.dir === f?.service);
  return m.language === 'tsx' || /\.(jsx|vue|svelte)$/.test(m.file) || svc?.kind === 'frontend';
}

const EXAMPLE_KEY = /placeholder|example|sample|hint|mock|dummy|fake/i;

export function codeSecrets(repo: RepoContext, m: CodeModel): SecretFact[] {
  const out: SecretFact[] = [];
  const reported = new Set<number>();
  let firebase: boolean | undefined;
  const context = {
    frontend: isFrontendFile(repo, m),
    // Only asked about Google API keys: not worth walking every value of every file up front.
    get firebaseConfig(): boolean {
      firebase ??= [...m.assignments.map((a) => a.value), ...m.calls.flatMap((c) => c.args)].some((v) => [...walkValue(v)].some((x) => x.entries?.some((e) => e.key === 'authDomain')));
      return firebase;
    },
  };
  for (const cand of m.secretCandidates) {
    // A form's placeholder or a documented example shows what a key looks like; it is none.
    if (cand.key && EXAMPLE_KEY.test(cand.key)) continue;
    const keys = findProviderKeys(cand.value).filter((k) => !isPublicBrowserKey(k.kind, context));
    const urls = findCredentialUrls(cand.value).filter(isRealCredentialUrl);
    if (keys.length === 0 && urls.length === 0) continue;
    if (reported.has(cand.line)) continue;
    reported.add(cand.line);
    const redact = redactAll([...keys.map((k) => k.value), ...urls.map((u) => u.password)]);
    const kind = keys[0]?.kind ?? 'credential-url';
    out.push({ kind, evidence: repo.ev(m.file, cand.line, { redact, note: label(kind) }) });
  }
  // A test or CI settings module's SECRET_KEY protects nothing; a provider key in it (above) still counts.
  if (isTestSettingsModule(m.file)) return out;
  for (const n of namedValues(m)) {
    // looksRandom first: it turns most literals down on their length alone.
    if (reported.has(n.line) || !looksRandom(n.value) || !isSecretName(n.name)) continue;
    if (findProviderKeys(n.value).some((k) => isPublicBrowserKey(k.kind, context))) continue;
    reported.add(n.line);
    out.push({ kind: 'high-entropy-assignment', name: n.name, evidence: repo.ev(m.file, n.line, { redact: redactor(n.value), note: `${n.name} holds a literal credential` }) });
  }
  return out;
}
