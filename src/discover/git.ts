/**
 * Lists a git work tree's files the way git sees them: tracked plus untracked-but-not-ignored, with
 * every ignore source git honours (.gitignore at each level, .git/info/exclude, the global excludes
 * file). Asking git is both faster and more faithful than re-implementing its ignore rules.
 */
import { execFile } from 'node:child_process';

export interface GitListing {
  /** Repository-relative paths (relative to the folder git ran in), forward slashes. */
  paths: string[];
  /** The subset git tracks (`git ls-files`). */
  tracked: Set<string>;
}

/** Generous: `-z` output of a large monorepo easily exceeds execFile's 1 MiB default. */
const MAX_BUFFER = 256 * 1024 * 1024;

/**
 * Returns undefined when `root` is not inside a git work tree, or git is missing or refuses to run
 * (e.g. a "dubious ownership" error); the caller then walks the filesystem instead.
 */
export async function listGitFiles(root: string): Promise<GitListing | undefined> {
  try {
    const [all, tracked] = await Promise.all([
      runGit(root, ['ls-files', '-co', '--exclude-standard', '-z']),
      runGit(root, ['ls-files', '-z']),
    ]);
    return { paths: [...new Set(splitNul(all))], tracked: new Set(splitNul(tracked)) };
  } catch {
    return undefined;
  }
}

function runGit(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env: gitEnv(), maxBuffer: MAX_BUFFER, encoding: 'utf8' }, (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout);
    });
  });
}

/**
 * The environment minus variables that point git somewhere else: when shipready runs inside a git hook
 * GIT_DIR is set, and git would list the hook's repository instead of the one being audited.
 */
function gitEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_PREFIX']) delete env[name];
  return env;
}

function splitNul(output: string): string[] {
  // Paths with merge conflicts appear once per stage, hence the de-duplication by the caller.
  return output.split('\0').filter((p) => p !== '');
}
