/**
 * Entry point of the discover layer: which files a repository has, what language each is in, why it
 * exists and which service owns it. Reads no file contents beyond a NUL sniff of unknown file types
 * and the manifests that decide service kinds, so it stays fast on large repositories.
 */
import { accessSync, closeSync, constants, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { walkFiles } from './fswalk.js';
import { listGitFiles } from './git.js';
import { baseName, languageOf } from './language.js';
import { roleOf } from './roles.js';
import { findServiceRoots, serviceOf } from './services.js';
import { dirOf } from '../core/paths.js';
import { dropAlwaysSkipped, isIgnoredMedia, isKnownTextExtension } from './skip.js';
import type { Discovery, Language, RepoFile, SkippedFile } from './types.js';

export interface DiscoverOptions {
  /** Files above this size are reported as 'too-large' and not analysed. Default 1 MiB. */
  maxFileBytes?: number;
  /**
   * Limit for lockfiles, which later layers read for dependency versions and which routinely exceed
   * 1 MiB (package-lock.json). Default 32 MiB, or maxFileBytes when that is larger.
   */
  maxLockfileBytes?: number;
  /** false: walk the folder even inside a git work tree, so results do not depend on git state (fixtures). */
  useGit?: boolean;
}

const MIB = 1024 * 1024;
const SNIFF_BYTES = 8192;
const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'poetry.lock',
  'uv.lock',
  'Pipfile.lock',
]);

export async function discover(root: string, opts: DiscoverOptions = {}): Promise<Discovery> {
  const absRoot = resolve(root);
  // A missing root is the caller's mistake, not one bad file: say so instead of reporting an empty repo.
  if (!isDirectory(absRoot)) throw new Error(`shipready: ${absRoot} is not a directory`);
  const maxFileBytes = opts.maxFileBytes ?? MIB;
  const maxLockfileBytes = opts.maxLockfileBytes ?? Math.max(32 * MIB, maxFileBytes);

  // An empty git listing means root is ignored by an enclosing repository (say, a scratch folder
  // inside a checkout) or holds nothing at all; either way the folder's own contents decide.
  const git = opts.useGit === false ? undefined : await listGitFiles(absRoot);
  const isGitRepo = git !== undefined && git.paths.length > 0;
  const listed = isGitRepo ? git.paths : await walkFiles(absRoot);
  const paths = dropAlwaysSkipped(listed).sort();

  const kept: Array<{ path: string; language: Language; size: number }> = [];
  const skipped: SkippedFile[] = [];
  const sniffBuffer = Buffer.alloc(SNIFF_BYTES);
  for (const path of paths) {
    const name = baseName(path);
    if (isIgnoredMedia(name)) continue;
    const language = languageOf(path);
    const limit = LOCKFILES.has(name) ? maxLockfileBytes : maxFileBytes;
    const needsSniff = language === 'other' && !isKnownTextExtension(name);
    const verdict = inspect(join(absRoot, path), limit, needsSniff, sniffBuffer);
    if (verdict.kind === 'gone') continue;
    if (verdict.kind === 'skip') skipped.push({ path, reason: verdict.reason, message: verdict.message });
    else kept.push({ path, language, size: verdict.size });
  }

  const services = findServiceRoots(
    kept.map((f) => f.path),
    (path) => readTextOrUndefined(join(absRoot, path)),
  );
  const serviceDirs = new Set(services.map((s) => s.dir));
  const files: RepoFile[] = kept.map(({ path, language, size }) => {
    const file: RepoFile = {
      path,
      abs: join(absRoot, path),
      language,
      // A setup.py that found no service root is a module of the app that happens to be named so.
      role: roleOf(path, language, baseName(path) !== 'setup.py' || serviceDirs.has(dirOf(path))),
      size,
      service: serviceOf(path, services),
    };
    if (isGitRepo) file.tracked = git.tracked.has(path);
    return file;
  });

  return { root: absRoot, isGitRepo, files, services, skipped, gitignorePatterns: gitignorePatterns(absRoot) };
}

type Verdict =
  | { kind: 'keep'; size: number }
  | { kind: 'skip'; reason: SkippedFile['reason']; message: string }
  /** Listed but not a regular file on disk: deleted since it was committed, a folder symlink, a submodule. */
  | { kind: 'gone' };

/**
 * Synchronous on purpose: a stat costs microseconds, and for a few thousand files a loop of sync
 * calls beats scheduling the same number of thread-pool jobs.
 */
function inspect(abs: string, limit: number, needsSniff: boolean, buffer: Buffer): Verdict {
  let stats: Stats;
  try {
    stats = statSync(abs);
  } catch (error) {
    return failure(error);
  }
  if (!stats.isFile()) return { kind: 'gone' };
  if (stats.size > limit) {
    const message = `${formatBytes(stats.size)} is over the ${formatBytes(limit)} limit; not analysed`;
    return { kind: 'skip', reason: 'too-large', message };
  }
  try {
    // World-readable files need no access() call; checking mode bits first keeps the common case free.
    if ((stats.mode & 0o444) !== 0o444) accessSync(abs, constants.R_OK);
    if (needsSniff && hasNulByte(abs, buffer)) {
      const message = `binary content (NUL byte in the first ${SNIFF_BYTES} bytes); not analysed`;
      return { kind: 'skip', reason: 'binary', message };
    }
  } catch (error) {
    return failure(error);
  }
  return { kind: 'keep', size: stats.size };
}

function failure(error: unknown): Verdict {
  const code = (error as NodeJS.ErrnoException).code;
  // Vanished between listing and stat, or a dangling symlink: there is nothing to analyse or report.
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') return { kind: 'gone' };
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'skip', reason: 'unreadable', message: `cannot be read: ${detail.split('\n')[0]}` };
}

/** The same test git uses to call a file binary. */
function hasNulByte(abs: string, buffer: Buffer): boolean {
  const fd = openSync(abs, 'r');
  try {
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).includes(0);
  } finally {
    closeSync(fd);
  }
}

function isDirectory(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

function readTextOrUndefined(abs: string): string | undefined {
  try {
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}

/** Root .gitignore lines as written, without blank lines and comments. */
function gitignorePatterns(root: string): string[] {
  const text = readTextOrUndefined(join(root, '.gitignore'));
  if (text === undefined) return [];
  return text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

function formatBytes(bytes: number): string {
  if (bytes >= MIB) return `${(bytes / MIB).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}
