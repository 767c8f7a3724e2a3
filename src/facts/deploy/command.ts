/**
 * Reads one shell command line (a Procfile entry, a CMD, a start-script line) for what it runs
 * next: a `cd`, another shell script, a package.json script (`npm run X`), or a Python file.
 * Shell is plain text, so a small quote-aware scanner is the right tool here.
 */

export type CommandRef =
  | { type: 'cd'; dir: string }
  | { type: 'script'; path: string }
  | { type: 'pkg'; manager: 'npm' | 'yarn' | 'pnpm' | 'bun'; name: string }
  | { type: 'python-file'; path: string }
  | { type: 'python-module'; module: string }
  | { type: 'node-file'; path: string };

/** Splits on `&&`, `||`, `;`, `|`, a lone `&` and newlines, outside quotes. */
export function splitStatements(cmd: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < cmd.length; i++) {
    const ch = cmd[i];
    if (quote) {
      if (ch === '\\' && quote === '"' && i + 1 < cmd.length) {
        cur += ch + cmd[++i];
        continue;
      }
      if (ch === quote) quote = null;
      cur += ch;
      continue;
    }
    if (ch === '\\' && i + 1 < cmd.length) {
      cur += ch + cmd[++i];
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      cur += ch;
      continue;
    }
    const prev = cmd[i - 1] ?? '';
    const next = cmd[i + 1] ?? '';
    const redirect = ch === '&' && (prev === '>' || prev === '<' || next === '>');
    if ((ch === '&' || ch === '|' || ch === ';' || ch === '\n') && !redirect) {
      if ((ch === '&' || ch === '|') && next === ch) i++;
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur.trim());
  return out.filter((s) => s.length > 0);
}

/** Words of one statement, quotes removed (`"a b"` is one word). */
export function tokenize(stmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: string | null = null;
  for (let i = 0; i < stmt.length; i++) {
    const ch = stmt[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < stmt.length) cur += stmt[++i];
      else cur += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      has = true;
      continue;
    }
    if (ch === '\\' && i + 1 < stmt.length) {
      cur += stmt[++i];
      has = true;
      continue;
    }
    if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
      continue;
    }
    cur += ch;
  }
  if (has || cur) out.push(cur);
  return out;
}

const PREFIX_WORDS = new Set(['exec', 'nohup', 'time', 'command', 'sudo']);

/** Drops `FOO=bar`, `exec`, `nohup`, `env A=b` … so words[0] is the program. */
export function programWords(stmt: string): string[] {
  const words = tokenize(stmt);
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) || PREFIX_WORDS.has(w)) i++;
    else if (w === 'env') {
      i++;
      while (i < words.length && (words[i].startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]))) i++;
    } else break;
  }
  return words.slice(i);
}

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', '/bin/sh', '/bin/bash', '/usr/bin/env', 'source', '.']);

/** What a command line runs next, in order. */
export function commandRefs(cmd: string, depth = 0): CommandRef[] {
  const out: CommandRef[] = [];
  for (const stmt of splitStatements(cmd)) {
    const words = programWords(stmt);
    if (words.length === 0) continue;
    let [prog, ...rest] = words;
    if (prog === '/usr/bin/env' && rest.length > 0) [prog, ...rest] = rest;
    if (prog === 'cd' && rest[0]) {
      out.push({ type: 'cd', dir: rest[0] });
      continue;
    }
    if (SHELLS.has(prog) || SHELLS.has(prog.replace(/^.*\//, ''))) {
      const c = rest.findIndex((w) => w === '-c' || /^-[a-z]*c$/.test(w));
      if (c >= 0 && rest[c + 1] !== undefined) {
        if (depth < 3) out.push(...commandRefs(rest[c + 1], depth + 1));
        continue;
      }
      const file = rest.find((w) => !w.startsWith('-'));
      if (file) out.push({ type: 'script', path: file });
      continue;
    }
    if (/\.(sh|bash)$/.test(prog) || (/^(\.{0,2}\/)/.test(prog) && !/\.(py|js|mjs|cjs|ts)$/.test(prog))) {
      out.push({ type: 'script', path: prog });
      continue;
    }
    const pkg = packageScriptRef(prog, rest);
    if (pkg) {
      out.push(pkg);
      continue;
    }
    // `npm-run-all check-db start-server`, `run-s build start`: each name is a package script.
    if (RUN_ALL.has(prog)) {
      for (const name of rest.filter((w) => !w.startsWith('-') && !/[*{]/.test(w))) out.push({ type: 'pkg', manager: 'npm', name });
      continue;
    }
    if (prog === 'node' || prog.endsWith('/node')) {
      const file = rest.find((w) => !w.startsWith('-'));
      if (file && /\.(c|m)?js$/.test(file)) out.push({ type: 'node-file', path: file });
      continue;
    }
    if (/^python[0-9.]*$/.test(prog.replace(/^.*\//, ''))) {
      const py = pythonRef(rest);
      if (py) out.push(py);
    }
  }
  return out;
}

const RUN_ALL = new Set(['npm-run-all', 'npm-run-all2', 'run-s', 'run-p']);

const NPM_BUILTIN = new Set(['install', 'ci', 'i', 'exec', 'x', 'dlx', 'add', 'remove', 'build', 'config', 'cache', 'init', 'publish', 'link', 'audit', 'prune', 'rebuild', 'why', 'list', 'ls', 'outdated', 'update', 'upgrade', 'version', 'workspace', 'workspaces', 'set', 'dedupe', 'pack', 'create', 'global', 'import', 'store', 'patch', 'up', 'node']);

/** `npm start`, `npm run X`, `yarn X`, `pnpm run X`, `bun run X`. */
function packageScriptRef(prog: string, rest: string[]): CommandRef | undefined {
  if (prog !== 'npm' && prog !== 'yarn' && prog !== 'pnpm' && prog !== 'bun') return undefined;
  const args = rest.filter((w) => !w.startsWith('-'));
  if (args.length === 0) return undefined;
  const [verb, name] = args;
  if (verb === 'start' || verb === 'test') return { type: 'pkg', manager: prog, name: verb };
  if (verb === 'run' || verb === 'run-script') return name ? { type: 'pkg', manager: prog, name } : undefined;
  // `yarn dev` / `pnpm dev` run a script by name; npm needs `run`, bun treats bare names as files.
  if ((prog === 'yarn' || prog === 'pnpm') && !NPM_BUILTIN.has(verb)) return { type: 'pkg', manager: prog, name: verb };
  return undefined;
}

/** `python app.py`, `python -u main.py`, `python -m app.main`. */
function pythonRef(rest: string[]): CommandRef | undefined {
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w === '-m') return rest[i + 1] ? { type: 'python-module', module: rest[i + 1] } : undefined;
    if (w === '-c') return undefined;
    if (w === '-W' || w === '-X') {
      i++;
      continue;
    }
    if (w.startsWith('-')) continue;
    return w.endsWith('.py') ? { type: 'python-file', path: w } : undefined;
  }
  return undefined;
}
