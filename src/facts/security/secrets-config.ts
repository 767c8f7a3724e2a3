/**
 * Secrets in committed configuration: every text line of YAML/JSON/TOML/INI/Dockerfile/shell/dotenv
 * files is scanned for provider key formats and credentialed URLs (plain text is what these are),
 * and the settings those files define (dotenv lines, YAML keys, Dockerfile ENV/ARG) are checked for
 * high-entropy values under secret-sounding names.
 */
import { DockerfileParser } from 'dockerfile-ast';
import { parse as parseDotenv } from 'dotenv';
import { isPair, isScalar, isSeq, LineCounter, parseAllDocuments, visit } from 'yaml';
import type { RepoFile } from '../../discover/types.js';
import type { SecretFact } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { isEnvTemplate } from './env-names.js';
import { findCredentialUrls, findProviderKeys, isPublicBrowserKey, isRealCredentialUrl, isSecretName, looksRandom, redactAll, redactor } from './secret-patterns.js';

const TEXT_LANGUAGES = new Set(['yaml', 'json', 'jsonc', 'toml', 'ini', 'dockerfile', 'shell', 'dotenv', 'text', 'other']);
const SCANNED_ROLES = new Set(['app', 'config', 'script']);
const MAX_BYTES = 512 * 1024;
const LOCKFILE = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|poetry\.lock|uv\.lock|Pipfile\.lock|Cargo\.lock|composer\.lock|Gemfile\.lock|go\.sum)$|\.lock$/;

/** Committed, non-template configuration files worth a text scan. */
export function scannedConfigFiles(repo: RepoContext): RepoFile[] {
  return repo.discovery.files.filter(
    (f) =>
      TEXT_LANGUAGES.has(f.language) &&
      SCANNED_ROLES.has(f.role) &&
      f.tracked !== false && // an untracked local file is not committed (env-file-committed covers it)
      f.size <= MAX_BYTES &&
      !LOCKFILE.test(f.path) &&
      !(f.language === 'dotenv' && isEnvTemplate(f.path)) &&
      !/(^|\/)\.(gitignore|dockerignore)$/.test(f.path),
  );
}

export function configSecrets(repo: RepoContext): SecretFact[] {
  const out: SecretFact[] = [];
  for (const f of scannedConfigFiles(repo)) {
    const lines = repo.lines(f.path);
    const seen = new Set<number>();
    const ciOrTest = isCiOrTestConfig(f.path);
    const svc = repo.discovery.services.find((s) => s.dir === f.service);
    const context = { frontend: svc?.kind === 'frontend' || /\.(html?|vue|svelte)$/.test(f.path), firebaseConfig: false };
    lines.forEach((text, i) => {
      const keys = findProviderKeys(text).filter((k) => !isPublicBrowserKey(k.kind, context));
      const urls = ciOrTest ? [] : findCredentialUrls(text).filter(isRealCredentialUrl);
      if (keys.length === 0 && urls.length === 0) return;
      const values = [...keys.map((k) => k.value), ...urls.map((u) => u.password)];
      // One fact per line (its evidence is the line), every value on it redacted.
      const kind = keys[0]?.kind ?? 'credential-url';
      out.push({ kind, evidence: repo.ev(f.path, i + 1, { redact: redactAll(values), note: label(kind) }) });
      seen.add(i + 1);
    });
    // CI and test stacks start throwaway services: their passwords protect nothing. Provider keys there still count.
    if (ciOrTest) continue;
    for (const n of namedValues(repo, f)) {
      if (seen.has(n.line) || !isSecretName(n.name) || !looksRandom(n.value)) continue;
      if (findProviderKeys(n.value).some((k) => isPublicBrowserKey(k.kind, context))) continue;
      seen.add(n.line);
      out.push({ kind: 'high-entropy-assignment', name: n.name, evidence: repo.ev(f.path, n.line, { redact: redactor(n.value), note: `${n.name} holds a literal credential` }) });
    }
  }
  return out;
}

/**
 * Settings modules for the test suite or CI: `configuration_testing.py`, `settings/test.py`,
 * `settings_ci.py`, `config/testing.ts`. The SECRET_KEY they hold signs nothing in production.
 */
export function isTestSettingsModule(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase().replace(/\.(py|[cm]?[jt]s)$/, '');
  const dir = path.slice(0, Math.max(0, path.lastIndexOf('/'))).split('/').pop()?.toLowerCase() ?? '';
  const testWord = /^(test|tests|testing|ci)$/;
  if (/^(settings|config|conf|configs|configuration)$/.test(dir) && testWord.test(name)) return true;
  const words = name.split(/[._-]/);
  return words.length === 2 && words.some((w) => /^(settings|config|conf|configuration)$/.test(w)) && words.some((w) => testWord.test(w));
}

/** CI pipelines and compose files for tests/CI/e2e/local development: `.github/`, `.ci/`, `compose.test.yml`, `docker-compose.ci.yaml`. */
export function isCiOrTestConfig(path: string): boolean {
  if (/(^|\/)\.(ci|circleci|github|gitlab|buildkite)\//.test(path) || /(^|\/)\.gitlab-ci\.ya?ml$/.test(path)) return true;
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return /\.(ya?ml|env)$|^\.env/.test(name) && /(^|[._-])(ci|test|tests|testing|e2e|cypress|playwright)([._-]|$)/.test(name);
}

interface Named {
  name: string;
  value: string;
  line: number;
}

function namedValues(repo: RepoContext, f: RepoFile): Named[] {
  const text = repo.read(f.path);
  if (text === undefined) return [];
  try {
    if (f.language === 'dotenv') return dotenvValues(text);
    if (f.language === 'yaml') return yamlValues(text);
    if (f.language === 'dockerfile') return dockerfileValues(text);
  } catch (e) {
    repo.errors.push({ path: f.path, message: `could not read settings: ${e instanceof Error ? e.message : String(e)}` });
  }
  return [];
}

/** `KEY=value` lines of a dotenv file (dotenv's own parser decides the values). */
export function dotenvValues(text: string): Named[] {
  const parsed = parseDotenv(text);
  const lines = text.split(/\r?\n/);
  const out: Named[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`^\\s*(?:export\\s+)?${esc}\\s*[=:]`);
    let line = -1;
    lines.forEach((l, i) => {
      if (re.test(l)) line = i + 1; // the last definition wins, as in dotenv
    });
    if (line > 0) out.push({ name, value, line });
  }
  return out;
}

/** Scalar `key: value` pairs and compose-style `- KEY=value` list items. */
function yamlValues(text: string): Named[] {
  const lc = new LineCounter();
  const out: Named[] = [];
  for (const doc of parseAllDocs(text, lc)) {
    visit(doc, {
      Pair(_, pair) {
        if (!isPair(pair) || !isScalar(pair.key) || !isScalar(pair.value)) return;
        const v = pair.value.value;
        if (typeof v !== 'string' || !pair.value.range) return;
        out.push({ name: String(pair.key.value), value: v, line: lc.linePos(pair.value.range[0]).line });
      },
      Seq(_, seq) {
        if (!isSeq(seq)) return;
        for (const item of seq.items) {
          if (!isScalar(item) || typeof item.value !== 'string' || !item.range) continue;
          const m = /^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/.exec(item.value);
          if (m) out.push({ name: m[1], value: m[2], line: lc.linePos(item.range[0]).line });
        }
      },
    });
  }
  return out;
}

function parseAllDocs(text: string, lc: LineCounter) {
  // Multi-document files (Kubernetes manifests) hold several documents; all share one line counter.
  const docs = parseAllDocuments(text, { lineCounter: lc, strict: false, uniqueKeys: false });
  return Array.isArray(docs) ? docs : [];
}

function dockerfileValues(text: string): Named[] {
  const out: Named[] = [];
  for (const ins of DockerfileParser.parse(text).getInstructions()) {
    const kw = ins.getKeyword();
    if (kw !== 'ENV' && kw !== 'ARG') continue;
    const props = (ins as unknown as { getProperties?: () => { getName(): string; getValue(): string | null; getRange(): { start: { line: number } } }[] }).getProperties?.() ?? [];
    for (const p of props) {
      const v = p.getValue();
      if (v) out.push({ name: p.getName(), value: v.replace(/^(['"])(.*)\1$/, '$2'), line: p.getRange().start.line + 1 });
    }
  }
  return out;
}

const LABELS: Record<string, string> = {
  'openai-key': 'OpenAI API key',
  'anthropic-key': 'Anthropic API key',
  'aws-access-key': 'AWS access key id',
  'github-token': 'GitHub token',
  'slack-token': 'Slack token',
  'google-api-key': 'Google API key',
  'stripe-secret-key': 'Stripe live secret key',
  'webhook-secret': 'webhook signing secret',
  'sendgrid-key': 'SendGrid API key',
  'gitlab-token': 'GitLab token',
  'groq-key': 'Groq API key',
  'huggingface-token': 'Hugging Face token',
  'npm-token': 'npm token',
  'credential-url': 'URL with an embedded password',
};

export function label(kind: string): string {
  return LABELS[kind] ?? kind;
}
