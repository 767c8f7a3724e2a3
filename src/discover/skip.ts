/**
 * What discovery leaves out whatever .gitignore says: dependency trees, build output, caches and
 * editor folders (committed or not, they are not the service's own code), and media files, which no
 * check reads and which would only clutter the "skipped" report.
 */
import { extensionOf } from './language.js';

/** Folder names never descended into. `env` is absent on purpose: only a virtualenv called env is skipped. */
const SKIPPED_DIRS = new Set([
  '.git',
  'node_modules',
  '.venv',
  'venv',
  'site-packages',
  '__pycache__',
  'dist',
  'build',
  'out',
  '.next',
  '.nuxt',
  'coverage',
  '.cache',
  '.pytest_cache',
  '.mypy_cache',
  '.ruff_cache',
  '.tox',
  'vendor',
  'third_party',
  'bower_components',
  '.terraform',
  'target',
  '.turbo',
  '.vercel',
  '.idea',
  '.vscode',
]);

/** Images, fonts, documents, archives, audio/video and bytecode: irrelevant to a readiness audit. */
const MEDIA_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'ico', 'icns', 'webp', 'avif', 'bmp', 'tif', 'tiff', 'svg', 'heic', 'psd',
  'woff', 'woff2', 'ttf', 'otf', 'eot',
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx',
  'zip', 'gz', 'tgz', 'tar', 'bz2', 'xz', '7z', 'rar', 'jar',
  'mp3', 'mp4', 'm4a', 'wav', 'ogg', 'webm', 'mov', 'avi', 'mkv', 'flac',
  'pyc', 'pyo',
]);
const JUNK_NAMES = new Set(['.ds_store', 'thumbs.db']);

/**
 * Extensions known to hold text although languageOf files them as 'other'. Such files skip the NUL
 * byte sniff, which keeps discovery from opening files it does not need to.
 */
const TEXT_EXTENSIONS = new Set([
  'html', 'htm', 'css', 'scss', 'sass', 'less', 'xml', 'csv', 'tsv', 'graphql', 'gql', 'proto',
  'vue', 'svelte', 'astro', 'ejs', 'hbs', 'pug', 'njk', 'j2', 'jinja', 'jinja2', 'mako', 'tpl', 'tmpl',
  'go', 'mod', 'sum', 'rb', 'java', 'kt', 'kts', 'scala', 'rs', 'php', 'c', 'h', 'cc', 'cpp', 'hpp', 'cs',
  'swift', 'dart', 'lua', 'pl', 'ex', 'exs', 'erl', 'r', 'ps1', 'bat', 'cmd', 'fish',
  'lock', 'conf', 'cnf', 'properties', 'gradle', 'tf', 'tfvars', 'hcl', 'rst', 'adoc', 'pem', 'crt', 'pub',
  'map', 'patch', 'diff', 'log', 'http', 'rest',
]);

/** True for a folder name that is never the service's own source. */
export function isSkippedDirName(name: string): boolean {
  return SKIPPED_DIRS.has(name.toLowerCase());
}

/** Media and OS junk: dropped silently rather than reported as skipped. */
export function isIgnoredMedia(name: string): boolean {
  const lower = name.toLowerCase();
  return JUNK_NAMES.has(lower) || MEDIA_EXTENSIONS.has(extensionOf(lower));
}

export function isKnownTextExtension(name: string): boolean {
  return TEXT_EXTENSIONS.has(extensionOf(name));
}

/**
 * Removes paths under skipped folders and under virtualenvs. Git listings need this (a committed
 * `node_modules` is still listed); the filesystem walk prunes the same folders earlier but runs this
 * as well so both modes share one definition.
 */
export function dropAlwaysSkipped(paths: readonly string[]): string[] {
  // Any folder holding pyvenv.cfg is a virtualenv, whatever it is called (`env`, `.env3`, `py311`).
  const venvDirs = new Set<string>();
  for (const path of paths) {
    if (path === 'pyvenv.cfg') continue; // the repository itself is not skipped
    if (path.endsWith('/pyvenv.cfg')) venvDirs.add(path.slice(0, -'/pyvenv.cfg'.length));
  }
  return paths.filter((path) => {
    const segments = path.split('/');
    const name = segments.pop() ?? '';
    // A `.git` file is a submodule or worktree pointer, not content.
    if (name === '.git') return false;
    let dir = '';
    for (const segment of segments) {
      if (isSkippedDirName(segment)) return false;
      dir = dir === '' ? segment : `${dir}/${segment}`;
      if (venvDirs.has(dir)) return false;
    }
    return true;
  });
}
