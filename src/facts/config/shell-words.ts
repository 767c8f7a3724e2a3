/**
 * Words of Dockerfile RUN lines. RUN arguments are shell text (not code), so they are split into
 * statements and read token by token: which package manager runs, with which flags and packages.
 */

/** Statements of a RUN line: continuations joined, split on `&&`, `||`, `;`, `|`, leading `VAR=x`, `sudo` and RUN flags dropped. */
export function statementsOf(args: string): string[] {
  return args
    // Comment lines inside a continued RUN are dropped by Docker before the shell sees them.
    .split(/\r?\n/)
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\r?\n/g, ' ')
    .replace(/^\s*(--\S+\s+)+/, '')
    .split(/&&|\|\||;|\||\r?\n/)
    .map((s) => s.trim().replace(/^(\w+=\S*\s+)+/, '').replace(/^(sudo|exec)\s+/, '').trim())
    .filter((s) => s.length > 0);
}

const tokens = (s: string) => s.split(/\s+/).filter((t) => t.length > 0);
const TOOLING = new Set(['pip', 'setuptools', 'wheel', 'uv', 'poetry', 'pipenv', 'pdm', 'pip-tools', 'virtualenv']);

/** Arguments that are not flags (and not a flag's value for the few flags that take one). */
function operands(args: string[], valued: RegExp): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('-')) {
      if (valued.test(a) && !a.includes('=')) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/**
 * 'manifest': installs the project's declared dependencies (pip install -r / `.`, npm ci, npm install
 * with no package names, poetry install, uv sync, …); 'named': installs named packages
 * (`pip install gunicorn`); null: not a dependency install (a global CLI, upgrading pip itself).
 */
export function installStep(stmt: string): 'manifest' | 'named' | null {
  const t = tokens(stmt);
  let rest: string[] | undefined;
  const pip = /^(pip3?|pip[\d.]+)$/.test(t[0] ?? '') && t[1] === 'install' ? 2 : /^python[\d.]*$/.test(t[0] ?? '') && t[1] === '-m' && t[2] === 'pip' && t[3] === 'install' ? 4 : t[0] === 'uv' && t[1] === 'pip' && t[2] === 'install' ? 3 : 0;
  if (pip) {
    rest = t.slice(pip);
    if (rest.some((a) => /^(-r|--requirement|-e|--editable|-c)$/.test(a) || /^(-r|--requirement=)\S/.test(a))) return 'manifest';
    const ops = operands(rest, /^(-i|--index-url|--extra-index-url|-f|--find-links|-t|--target|--prefix|--root|--platform|--python-version|--only-binary|--no-binary)$/);
    if (ops.some((o) => o === '.' || o === './' || /^\.\.?\//.test(o))) return 'manifest';
    if (ops.length === 0 || ops.every((o) => TOOLING.has(o.toLowerCase().replace(/[<>=!~].*$/, '').replace(/\[.*$/, '')))) return null;
    return 'named';
  }
  if ((t[0] === 'uv' && t[1] === 'sync') || (t[0] === 'poetry' && t[1] === 'install') || (t[0] === 'pdm' && (t[1] === 'install' || t[1] === 'sync'))) return 'manifest';
  if (t[0] === 'pipenv' && (t[1] === 'install' || t[1] === 'sync')) return operands(t.slice(2), /^$/).length ? 'named' : 'manifest';
  const js = jsInstall(t);
  return js ? (js.global ? null : js.named ? 'named' : 'manifest') : null;
}

function jsInstall(t: string[]): { named: boolean; global: boolean; args: string[] } | null {
  const [pm, sub] = t;
  let args: string[] | undefined;
  if (pm === 'npm' && (sub === 'ci' || sub === 'install' || sub === 'i')) args = t.slice(2);
  else if ((pm === 'pnpm' || pm === 'bun') && (sub === 'install' || sub === 'i')) args = t.slice(2);
  else if (pm === 'yarn' && (sub === undefined || sub === 'install' || sub.startsWith('-'))) args = t.slice(sub === 'install' ? 2 : 1);
  if (!args) return null;
  const global = args.some((a) => a === '-g' || a === '--global');
  const named = operands(args, /^(--prefix|--cache|--registry|--network-timeout|--modules-folder)$/).length > 0;
  return { named, global, args };
}

/** An npm / yarn / pnpm install of the whole manifest that keeps devDependencies: the command, else null. */
export function devDependencyInstall(stmt: string): string | null {
  const t = tokens(stmt);
  const js = jsInstall(t);
  if (!js || js.named || js.global) return null;
  if (js.args.some((a) => /^(--omit[= ]?dev|--only=prod(uction)?|--prod(uction)?(=true)?|-P)$/.test(a)) || /--omit\s+dev/.test(stmt)) return null;
  return t.slice(0, 2).join(' ');
}

/** Compiling or bundling the application: `npm run build`, `tsc`, `next build`, `python -m build`. */
export function buildStep(stmt: string): boolean {
  return /^((npm|pnpm|bun)\s+run\s+build\b|(yarn|pnpm)\s+build\b|(npx\s+)?(tsc|nest\s+build|next\s+build|vite\s+build|webpack|esbuild|tsup)\b|python[\d.]*\s+-m\s+build\b|(go|cargo)\s+build\b|mvn\s+package\b|gradle\s+build\b)/.test(stmt);
}

/** Compilers and build toolchains, and header packages (`libpq-dev`, `python3-dev`, `openssl-devel`). */
const BUILD_PKG = /^(build-essential|build-base|gcc|g\+\+|gcc-c\+\+|cc|clang|make|cmake|autoconf|automake|libtool|musl-dev|linux-headers|[a-z0-9][\w.+-]*-dev|[a-z0-9][\w.+-]*-devel)$/;

/** Build-tool packages an OS package install adds; `group` = apk `--virtual` name they can be deleted by. */
export function buildToolPackages(stmt: string): { name: string; group?: string }[] {
  const t = tokens(stmt);
  let args: string[] | undefined;
  if ((t[0] === 'apt-get' || t[0] === 'apt' || t[0] === 'yum' || t[0] === 'dnf' || t[0] === 'microdnf') && t[1] === 'install') args = t.slice(2);
  else if (t[0] === 'apk' && t[1] === 'add') args = t.slice(2);
  if (!args) return [];
  let group: string | undefined;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--virtual' || a === '-t') {
      group = args[++i];
      continue;
    }
    if (a.startsWith('--virtual=')) {
      group = a.slice('--virtual='.length);
      continue;
    }
    if (a.startsWith('-')) continue;
    names.push(a.replace(/[=<>~].*$/, ''));
  }
  return names.filter((n) => BUILD_PKG.test(n)).map((name) => ({ name, ...(group ? { group } : {}) }));
}

/** Packages (or apk virtual groups) a statement removes: `apt-get purge -y gcc`, `apk del .build-deps`. */
export function removedPackages(stmt: string): string[] {
  const t = tokens(stmt);
  if (((t[0] === 'apt-get' || t[0] === 'apt') && (t[1] === 'purge' || t[1] === 'remove')) || ((t[0] === 'yum' || t[0] === 'dnf') && (t[1] === 'remove' || t[1] === 'erase')) || (t[0] === 'apk' && t[1] === 'del')) {
    return t.slice(2).filter((a) => !a.startsWith('-'));
  }
  return [];
}
