/**
 * Maps a repository-relative path to the language later layers parse it as. Pure: looks at the name
 * only, never at contents, so it can run on thousands of paths for free.
 */
import type { Language } from './types.js';
import { table } from '../core/table.js';

const BY_EXTENSION = table<Language>({
  py: 'python',
  pyi: 'python',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'jsx',
  json: 'json',
  jsonc: 'jsonc',
  yml: 'yaml',
  yaml: 'yaml',
  toml: 'toml',
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'markdown',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  ksh: 'shell',
  ini: 'ini',
  cfg: 'ini',
  prisma: 'prisma',
  sql: 'sql',
  txt: 'text',
});

/** Extensions that mean "code" even after a `.env.` prefix: `.env.ts` is a module, not a dotenv file. */
const CODE_EXTENSIONS = new Set(['py', 'ts', 'mts', 'cts', 'tsx', 'js', 'mjs', 'cjs', 'jsx']);

/** Plain-text files that carry settings but have no telling extension. */
const TEXT_NAMES = new Set([
  'procfile',
  '.gitignore',
  '.dockerignore',
  '.nvmrc',
  '.node-version',
  '.python-version',
]);

export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

/** Lower-case extension without the dot; '' for `Makefile` and for dotfiles such as `.nvmrc`. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export function languageOf(path: string): Language {
  const name = baseName(path);
  const lower = name.toLowerCase();
  const ext = extensionOf(name);

  // Build output kept for the record but never parsed: minified bundles are one enormous line and
  // source maps are machine-written JSON, so neither is worth a parser's time.
  if (/\.min\.(js|css)$/.test(lower) || ext === 'map') return 'other';

  // BuildKit's per-Dockerfile ignore file (`Dockerfile.dockerignore`) would otherwise look like a Dockerfile.
  if (lower.endsWith('.dockerignore')) return 'text';
  if (isDockerfileName(lower)) return 'dockerfile';
  if (isDotenvName(lower, ext)) return 'dotenv';
  if (TEXT_NAMES.has(lower) || lower.startsWith('procfile.')) return 'text';

  if (ext === 'json' && isJsoncJson(path, lower)) return 'jsonc';
  return BY_EXTENSION[ext] ?? 'other';
}

/** `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, `api.dockerfile`, `Containerfile`. */
function isDockerfileName(lower: string): boolean {
  return (
    lower === 'dockerfile' ||
    lower.startsWith('dockerfile.') ||
    lower.endsWith('.dockerfile') ||
    lower === 'containerfile' ||
    lower.startsWith('containerfile.')
  );
}

/** `.env`, `.env.local`, `prod.env`, `env.example`: all hold KEY=value settings and often secrets. */
function isDotenvName(lower: string, ext: string): boolean {
  if (lower === '.env' || lower.endsWith('.env')) return true;
  if (lower.startsWith('.env.')) return !CODE_EXTENSIONS.has(ext);
  return lower === 'env.example' || lower === 'env.sample' || lower === 'env.template';
}

/**
 * JSON files that the tools reading them accept with comments and trailing commas; a strict JSON
 * parser would reject a perfectly valid tsconfig, so they get the tolerant parser instead.
 */
function isJsoncJson(path: string, lower: string): boolean {
  if (/^(tsconfig|jsconfig).*\.json$/.test(lower)) return true;
  if (lower === '.devcontainer.json') return true;
  const segments = path.toLowerCase().split('/');
  const parent = segments.length >= 2 ? segments[segments.length - 2] : undefined;
  return parent === '.devcontainer' || parent === '.vscode';
}
