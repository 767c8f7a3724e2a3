/** Which dotenv files are templates (documentation of variables) and which hold real values. */

/** `.env.example`, `.env.sample`, `.env.template`, `.env.dist`, `.env.defaults`, `example.env`, `env.example`, `.env.production.example`. */
export function isEnvTemplate(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return /(^|[._-])(example|sample|template|tmpl|tpl|dist|defaults?|skel|schema)([._-]|$)/.test(name);
}

/** A dotenv file by name: `.env`, `.env.local`, `.env.production`, `prod.env`. */
export function isEnvFileName(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (/\.(py|ts|mts|cts|tsx|js|mjs|cjs|jsx|json|ya?ml|md|sh)$/.test(name)) return false;
  return name === '.env' || name.startsWith('.env.') || name.endsWith('.env');
}
