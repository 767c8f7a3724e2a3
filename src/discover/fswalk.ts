/**
 * Lists files of a folder that is not a git work tree (an unpacked tarball, a CI artefact), honouring
 * .gitignore files the way git would: each one applies to its own folder's subtree, a deeper file can
 * re-include (`!pattern`) what a shallower one excluded, and an excluded folder is never entered.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fdir } from 'fdir';
import ignore, { type Ignore } from 'ignore';
import { isSkippedDirName } from './skip.js';

export async function walkFiles(root: string): Promise<string[]> {
  const rules = new GitignoreTree(root);
  const rootPrefix = root.endsWith('/') ? root : `${root}/`;
  return new fdir()
    .withRelativePaths()
    .withPathSeparator('/')
    .exclude((name, dirPath) => {
      if (isSkippedDirName(name)) return true;
      // fdir hands over an absolute folder path ending in '/'.
      const rel = dirPath.slice(rootPrefix.length).replace(/\/$/, '');
      return rules.ignores(rel, true) || isVirtualenv(dirPath);
    })
    .filter((path, isDirectory) => !isDirectory && !rules.ignores(path, false))
    .crawl(root)
    .withPromise();
}

/** A virtualenv under any name (`env`, `py311`) carries pyvenv.cfg at its top. */
function isVirtualenv(dirPath: string): boolean {
  try {
    return statSync(join(dirPath, 'pyvenv.cfg')).isFile();
  } catch {
    return false;
  }
}

/** The .gitignore files of a tree, each read once, lazily, the first time a path below it is tested. */
class GitignoreTree {
  private readonly byDir = new Map<string, Ignore | null>();

  constructor(private readonly root: string) {}

  /** Whether git would ignore the repository-relative `path` (a folder when `isDirectory`). */
  ignores(path: string, isDirectory: boolean): boolean {
    const segments = path.split('/');
    let ignored = false;
    let dir = '';
    // Shallow to deep, so the deepest .gitignore that has an opinion decides, as in git.
    for (let i = 0; i < segments.length; i++) {
      const rules = this.rulesFor(dir);
      if (rules !== null) {
        const below = segments.slice(i).join('/') + (isDirectory ? '/' : '');
        const verdict = testPath(rules, below);
        if (verdict.ignored) ignored = true;
        else if (verdict.unignored) ignored = false;
      }
      dir = dir === '' ? (segments[i] ?? '') : `${dir}/${segments[i]}`;
    }
    return ignored;
  }

  private rulesFor(dir: string): Ignore | null {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached;
    let rules: Ignore | null = null;
    try {
      rules = ignore().add(readFileSync(join(this.root, dir, '.gitignore'), 'utf8'));
    } catch {
      // No (readable) .gitignore here: nothing to apply at this level.
    }
    this.byDir.set(dir, rules);
    return rules;
  }
}

/** `ignore` throws on names it considers invalid (for instance `..`-like ones); such paths match nothing. */
function testPath(rules: Ignore, path: string): { ignored: boolean; unignored: boolean } {
  try {
    return rules.test(path);
  } catch {
    return { ignored: false, unignored: false };
  }
}
