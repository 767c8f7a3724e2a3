import { redactValue } from '../../core/redact.js';

/** Naming conventions of environment variables shared by the env extractors. */

const SECRET_WORDS = new Set(['KEY', 'APIKEY', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS', 'PASSWORD', 'PASSWD', 'PASS', 'PWD', 'DSN', 'CREDENTIAL', 'CREDENTIALS']);

/** KEY / SECRET / TOKEN / PASSWORD / DSN / CREDENTIAL as a word of the name (`OPENAI_API_KEY`, `DB_PASSWORD`, `SENTRY_DSN`, `APIKEY`). */
/** Words that make a name describe a secret rather than hold one: `ACCESS_TOKEN_EXPIRE_MINUTES`, `JWT_TOKEN_PREFIX`. */
const NOT_A_VALUE = new Set(['EXPIRE', 'EXPIRES', 'EXPIRY', 'EXPIRATION', 'TTL', 'MINUTES', 'SECONDS', 'HOURS', 'DAYS', 'LENGTH', 'LEN', 'PREFIX', 'HEADER', 'ALGORITHM', 'TYPE', 'URL', 'URI', 'ENDPOINT', 'PATH', 'FILE', 'NAME', 'ID', 'ENABLED', 'REQUIRED', 'LIMIT', 'MAX', 'MIN']);

export function isSecretName(name: string): boolean {
  const words = name.toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);
  if (words.some((w) => NOT_A_VALUE.has(w))) return false;
  return words.some((w) => SECRET_WORDS.has(w) || /(API|ACCESS|PRIVATE|SECRET)KEY$|(AUTH|ACCESS|REFRESH)TOKEN$|PASSWORD$/.test(w));
}

/** A plausible environment variable name (rules out dotted config paths such as `database.host`). */
export function isEnvName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/** `scheme://user:password@host`: the password part redacted, wherever it appears in a snippet. */
export function hideUrlPasswords(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^/:@\s'"]+:)([^/@\s'"]+)@/gi, (_m, head: string, pw: string) => `${head}${redactValue(pw)}@`);
}
