/**
 * What a hard-coded credential looks like: provider key formats (with their real lengths),
 * credentialed URLs, and high-entropy values bound to secret-sounding names. Also what it does
 * not look like: placeholders, env-var references, local development defaults.
 */
import { redactIn, redactValue } from '../../core/redact.js';

export interface KeyFormat {
  kind: string;
  /** Matches the key at a token boundary; group 0 is the key itself. */
  re: RegExp;
}

/** Bounded so a key inside a longer token (a hash, a base64 blob) does not match. */
const B = '(?<![A-Za-z0-9_\\-])';
const E = '(?![A-Za-z0-9_\\-])';

export const KEY_FORMATS: KeyFormat[] = [
  { kind: 'anthropic-key', re: new RegExp(`${B}sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_\\-]{80,}${E}`, 'g') },
  { kind: 'openai-key', re: new RegExp(`${B}sk-(?:proj-|svcacct-|admin-)?(?!ant-)[A-Za-z0-9_\\-]{32,}${E}`, 'g') },
  { kind: 'aws-access-key', re: new RegExp(`${B}(?:AKIA|ASIA)[A-Z0-9]{16}${E}`, 'g') },
  { kind: 'github-token', re: new RegExp(`${B}gh[pousr]_[A-Za-z0-9]{36}${E}`, 'g') },
  { kind: 'github-token', re: new RegExp(`${B}github_pat_[A-Za-z0-9_]{70,}${E}`, 'g') },
  { kind: 'slack-token', re: new RegExp(`${B}xox[bpars]-\\d{6,}-[A-Za-z0-9\\-]{16,}${E}`, 'g') },
  { kind: 'google-api-key', re: new RegExp(`${B}AIza[0-9A-Za-z_\\-]{35}${E}`, 'g') },
  { kind: 'stripe-secret-key', re: new RegExp(`${B}(?:sk|rk)_live_[0-9A-Za-z]{24,}${E}`, 'g') },
  { kind: 'webhook-secret', re: new RegExp(`${B}whsec_[A-Za-z0-9+/=]{24,}${E}`, 'g') },
  { kind: 'sendgrid-key', re: new RegExp(`${B}SG\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43}${E}`, 'g') },
  { kind: 'gitlab-token', re: new RegExp(`${B}glpat-[A-Za-z0-9_\\-]{20,}${E}`, 'g') },
  { kind: 'groq-key', re: new RegExp(`${B}gsk_[A-Za-z0-9]{48,}${E}`, 'g') },
  { kind: 'huggingface-token', re: new RegExp(`${B}hf_[A-Za-z0-9]{34,}${E}`, 'g') },
  { kind: 'npm-token', re: new RegExp(`${B}npm_[A-Za-z0-9]{36}${E}`, 'g') },
];

/** Words that mark a value as a stand-in, not a credential. */
const PLACEHOLDER_WORDS =
  /(change|replace|your[-_ ]?|xxxx|example|dummy|test|fake|placeholder|sample|insert|todo|redacted|foobar|lorem|demo|notreal|not[-_]a[-_]real|mock|<[^>]*>|\.\.\.)/i;
/** Whole values that are stand-ins. */
const PLACEHOLDER_VALUES = new Set([
  'secret', 'password', 'passw0rd', 'pass', 'postgres', 'root', 'admin', 'user', 'username', 'guest', 'default',
  'none', 'null', 'changeit', 'token', 'key', 'apikey', 'api_key', 'mysql', 'redis', 'rabbitmq', 'mongo', 'minio',
  'minioadmin', 'letmein', 'qwerty', '123456', '12345678', 'abc123', 'pw', 'pwd',
]);

/** `${VAR}`, `$VAR`, `{{ var }}`, `%(var)s`, `<var>`, `***`: references and masks, not values. */
export function isReference(value: string): boolean {
  return /\$\{[^}]*\}|^\$[A-Za-z_]\w*$|\{\{[^}]*\}\}|%\([^)]*\)s|^<[^>]*>$|^\*+$|^x+$/i.test(value) || /^[{%]/.test(value);
}

export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '' || isReference(v)) return true;
  if (PLACEHOLDER_VALUES.has(v.toLowerCase())) return true;
  // One character repeated (`aaaaaaaa`, `00000000`) or a short run of the same two.
  if (/^(.)\1+$/.test(v) || /^(..)\1+$/.test(v)) return true;
  return PLACEHOLDER_WORDS.test(v);
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

function classes(s: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(s)).length;
}

/**
 * A value random enough to be a generated credential: ≥ 16 characters, ≥ 3.5 bits/char, at least
 * two character classes, no spaces, and not a URL, path, identifier-like constant or format string.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 16 || value.length > 500) return false;
  if (/\s/.test(value) || /:\/\//.test(value) || /^[./~]/.test(value)) return false;
  // A relative file path (`models/users/token.md`, `static/img/logo.svg`): a reference to a file, not a key.
  if (/^[\w-]+(\/[\w.-]+)*\/[\w-]+\.[a-z]{1,5}$/.test(value)) return false;
  if (/^[A-Z][A-Z0-9_]*$/.test(value) || /^[a-z][a-z0-9_]*$/.test(value)) return false; // an env var or identifier name
  if (/^[a-z]+\d*(?:[-_.](?:[a-z]+\d*|\d+))+$/i.test(value)) return false; // words: `app.settings.Prod`, `session-cache-prefix-v2`
  if (/\{\w*\}|%(\(\w+\))?[sdfr]\b|\$\{|^\$\w+$/.test(value)) return false; // a format or template string
  if (isPlaceholder(value)) return false;
  // A stored password hash (bcrypt, argon2, scrypt, Django's pbkdf2): seed data for a user row, not a credential.
  if (/^\$(2[abxy]?|argon2(id|i|d)|scrypt|7|6|5|1)\$/.test(value) || /^(pbkdf2_sha\d+|bcrypt_sha256|argon2|scrypt)\$/.test(value)) return false;
  // Words joined by punctuation (`###Redash::Table::Spacer###`, `Bearer-Token-Header`): a name, not a key.
  const tokens = value.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (tokens.length >= 2 && tokens.every((t) => /^[A-Za-z]{3,}$/.test(t))) return false;
  return classes(value) >= 2 && entropy(value) >= 3.5;
}

/** Name segments (`apiKey` → API, KEY) that make a name hold a credential. */
const SECRET_SEGMENTS = new Set(['KEY', 'APIKEY', 'SECRET', 'SECRETS', 'TOKEN', 'PASSWORD', 'PASSWD', 'PWD', 'PASSPHRASE', 'CREDENTIAL', 'CREDENTIALS']);
/** Segments that make it about a credential rather than the credential itself (or a non-secret key). */
const NOT_SECRET_SEGMENTS = new Set([
  'URL', 'URI', 'HEADER', 'HEADERS', 'NAME', 'FIELD', 'ENV', 'PATH', 'FILE', 'TYPE', 'EXPIRE', 'EXPIRES', 'EXPIRY',
  'CHARSET', 'CHARS', 'ALPHABET', 'CHARACTERS',
  'EXPIRATION', 'PREFIX', 'SUFFIX', 'LENGTH', 'LEN', 'SIZE', 'TTL', 'TIMEOUT', 'ID', 'IDS', 'ALGORITHM', 'ALG', 'COLUMN',
  'PARAM', 'VAR', 'KIND', 'FORMAT', 'MINUTES', 'SECONDS', 'HOURS', 'DAYS', 'COUNT', 'LIMIT', 'ENDPOINT', 'REGEX',
  'PATTERN', 'DIR', 'PUBLIC', 'PUBLISHABLE', 'CACHE', 'SORT', 'PRIMARY', 'FOREIGN', 'PARTITION', 'IDEMPOTENCY',
  'LOCK', 'QUEUE', 'BUCKET', 'STORAGE', 'HASH', 'HASHED', 'DIGEST', 'LABEL', 'PLACEHOLDER', 'HINT', 'POLICY', 'MIN', 'MAX',
  'RESET', 'FORGOT', 'CONFIRM', 'LOCATION', 'SOURCE', 'ISSUER', 'AUDIENCE', 'SCOPE', 'SCOPES', 'KEYS',
  // Test and sample values, and document ids called "keys" (a Google Sheets key is a public file id).
  'TEST', 'EXAMPLE', 'SAMPLE', 'DUMMY', 'FAKE', 'MOCK', 'SPREADSHEET', 'SHEET', 'DOCUMENT',
  // Front-end names about the password field, not the password: `passwordInput: "authPasswordInput"` (a test id).
  'INPUT', 'BUTTON', 'SELECTOR', 'ELEMENT', 'ICON', 'TITLE', 'MESSAGE', 'ERROR', 'PROMPT', 'TOGGLE', 'VISIBLE',
  'VISIBILITY', 'STRENGTH', 'REQUIRED', 'INVALID', 'MISMATCH', 'TESTID', 'FORM',
]);

/** `OPENAI_API_KEY`, `apiKey`, `client_secret`, `self.token` → secret-bearing; `TOKEN_URL`, `public_key` → not. */
export function isSecretName(name: string): boolean {
  const last = name.split(/[.[\]'"]+/).filter(Boolean).pop() ?? name;
  const segments = last
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  if (segments.length === 0) return false;
  if (segments.some((s) => NOT_SECRET_SEGMENTS.has(s))) return false;
  if (segments[0] === 'NEXT' && segments[1] === 'PUBLIC') return false;
  // A bare `key` is a React key, a lookup key, a column key far more often than a credential.
  if (segments.length === 1 && segments[0] === 'KEY') return false;
  return segments.some((s) => SECRET_SEGMENTS.has(s));
}

export interface CredentialUrl {
  scheme: string;
  user: string;
  password: string;
  host: string;
  /** Offset of the password in the searched text. */
  index: number;
}

const LOCAL_HOSTS = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal)$/i;

/** URLs with `user:password@` in a text. */
export function findCredentialUrls(text: string): CredentialUrl[] {
  const out: CredentialUrl[] = [];
  if (!text.includes('://') || !text.includes('@')) return out;
  const re = /\b([a-z][a-z0-9+.-]*):\/\/([^\s/:@'"`]*):([^\s/@'"`]+)@([^\s/:'"`?#]+)/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ scheme: m[1], user: m[2], password: m[3], host: m[4], index: m.index + m[1].length + 3 + m[2].length + 1 });
  }
  return out;
}

/**
 * A credentialed URL worth reporting. Not reported: placeholder or referenced passwords
 * (`${DB_PASSWORD}`, `password`, `changeme`), a password equal to the user name (`postgres:postgres`),
 * and local development hosts (localhost, 127.0.0.1, host.docker.internal): those are defaults for a
 * developer's machine, not credentials of a deployed system.
 */
export function isRealCredentialUrl(u: CredentialUrl): boolean {
  if (isPlaceholder(u.password) || /\$|%\(|\{/.test(u.password)) return false;
  if (u.password === u.user) return false;
  if (LOCAL_HOSTS.test(u.host) || isPlaceholder(u.host)) return false;
  return true;
}

/** One cheap test before the per-provider patterns: most lines hold none of these prefixes. */
const ANY_PREFIX = /sk-|[sr]k_live_|AKIA|ASIA|gh[pousr]_|github_pat_|xox[bpars]-|AIza|whsec_|SG\.|glpat-|gsk_|hf_|npm_/;

/** Provider keys found in a text, placeholders dropped (`AKIAIOSFODNN7EXAMPLE`, `sk-xxxx…`). */
export function findProviderKeys(text: string): { kind: string; value: string; index: number }[] {
  const out: { kind: string; value: string; index: number }[] = [];
  if (!ANY_PREFIX.test(text)) return out;
  for (const f of KEY_FORMATS) {
    f.re.lastIndex = 0;
    for (let m = f.re.exec(text); m; m = f.re.exec(text)) {
      const v = m[0];
      const body = v.replace(/^[A-Za-z]+[-_.](?:[a-z]+\d*-)?/, '');
      if (PLACEHOLDER_WORDS.test(v) || /(.)\1{5,}/.test(body) || !/[0-9]/.test(body) || !/[A-Za-z]/.test(body)) continue;
      if (out.some((o) => o.index === m!.index)) continue;
      out.push({ kind: f.kind, value: v, index: m.index });
    }
  }
  return out;
}

/**
 * A snippet redactor for `repo.ev(..., { redact })`: replaces every occurrence of the secret, and
 * also the secret's prefix when the snippet was clipped in the middle of it.
 */
export function redactor(secret: string): (s: string) => string {
  return (s: string) => {
    let out = redactIn(s, secret);
    if (out.endsWith('…')) {
      for (let k = secret.length - 1; k > 4; k--) {
        const head = secret.slice(0, k);
        if (out.endsWith(`${head}…`)) {
          out = `${out.slice(0, out.length - head.length - 1)}${redactValue(secret)}`;
          break;
        }
      }
    }
    return out;
  };
}

/** Several secrets on one line. */
export function redactAll(secrets: string[]): (s: string) => string {
  const fns = secrets.map(redactor);
  return (s: string) => fns.reduce((acc, f) => f(acc), s);
}

/**
 * Google browser API keys (Maps, Firebase web config) ship to every visitor by design and are
 * restricted by referrer, not kept secret: not reported in front-end code or a Firebase config.
 */
export function isPublicBrowserKey(kind: string, context: { frontend: boolean; firebaseConfig: boolean }): boolean {
  return kind === 'google-api-key' && (context.frontend || context.firebaseConfig);
}
