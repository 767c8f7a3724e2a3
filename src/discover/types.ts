/** What discover hands to every later layer: the files of one repository, each with a language and a role. */

export type Language =
  | 'python'
  | 'typescript'
  | 'tsx'
  | 'javascript'
  | 'jsx'
  | 'json'
  | 'jsonc'
  | 'yaml'
  | 'toml'
  | 'dockerfile'
  | 'markdown'
  | 'shell'
  | 'dotenv'
  | 'ini'
  | 'prisma'
  | 'sql'
  | 'text'
  | 'other';

/**
 * Why a file exists. Checks lean on it: `print()` in a route handler is a finding, in a CLI script it
 * is not. `app` is code that runs inside a deployed service (back end or front end).
 */
export type Role = 'app' | 'test' | 'script' | 'migration' | 'config' | 'docs' | 'fixture' | 'generated';

export type ServiceKind = 'backend' | 'frontend' | 'worker' | 'unknown';

export interface ServiceRoot {
  /** Repository-relative folder, '' for the repository root. */
  dir: string;
  kind: ServiceKind;
  /** Manifest files that made this a service root: package.json, pyproject.toml, requirements.txt, … */
  manifests: string[];
}

export interface RepoFile {
  /** Repository-relative, forward slashes, no leading './'. */
  path: string;
  /** Absolute path on disk. */
  abs: string;
  language: Language;
  role: Role;
  size: number;
  /** Repository-relative dir of the innermost service root holding the file ('' = root). */
  service: string;
  /** True when git tracks the file (undefined when the folder is not a git work tree). */
  tracked?: boolean;
}

export interface SkippedFile {
  path: string;
  reason: 'binary' | 'too-large' | 'unreadable';
  message: string;
}

export interface Discovery {
  root: string;
  isGitRepo: boolean;
  files: RepoFile[];
  services: ServiceRoot[];
  skipped: SkippedFile[];
  /** Patterns of the root .gitignore, as written (used by env-file-committed). */
  gitignorePatterns: string[];
}
