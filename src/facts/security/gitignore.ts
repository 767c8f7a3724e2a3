/**
 * Answers "would git ignore this path, and which .gitignore line says so" from the repository's
 * .gitignore files (the root one from discovery, nested ones read here), the way git layers them:
 * each file applies to its own folder, and the deepest file with an opinion decides.
 */
import ignore, { type Ignore } from 'ignore';
import type { RepoContext } from '../repo.js';

export interface IgnoreVerdict {
  ignored: boolean;
  /** The .gitignore file and 1-based line of the deciding rule. */
  file?: string;
  line?: number;
}

export class GitignoreRules {
  private readonly byDir = new Map<string, Ignore>();

  constructor(private readonly repo: RepoContext) {
    const files = repo.discovery.files.filter((f) => f.path === '.gitignore' || f.path.endsWith('/.gitignore'));
    for (const f of files) this.load(f.path.slice(0, Math.max(0, f.path.length - '/.gitignore'.length)), this.repo.lines(f.path));
    // The root file can be missing from the listing (an ignored .gitignore, or a walk filter): discovery kept its lines.
    if (!this.byDir.has('') && repo.discovery.gitignorePatterns.length > 0) this.loadRootPatterns();
  }

  /** Folders holding a .gitignore, deepest first. */
  dirs(): string[] {
    return [...this.byDir.keys()].sort((a, b) => b.length - a.length);
  }

  gitignoreOf(dir: string): string {
    return dir === '' ? '.gitignore' : `${dir}/.gitignore`;
  }

  /** The .gitignore nearest to `path` (in its folder or above), if any. */
  nearest(path: string): string | undefined {
    const dir = this.dirs().find((d) => d === '' || path.startsWith(`${d}/`));
    return dir === undefined ? undefined : this.gitignoreOf(dir);
  }

  check(path: string): IgnoreVerdict {
    let verdict: IgnoreVerdict = { ignored: false };
    // Shallow to deep: a deeper file's rule overrides a shallower one.
    for (const dir of this.dirs().reverse()) {
      if (dir !== '' && !path.startsWith(`${dir}/`)) continue;
      const rel = dir === '' ? path : path.slice(dir.length + 1);
      let r;
      try {
        r = this.byDir.get(dir)!.test(rel);
      } catch {
        continue;
      }
      if (r.ignored) verdict = { ignored: true, file: this.gitignoreOf(dir), line: Number(r.rule?.mark ?? 0) };
      else if (r.unignored) verdict = { ignored: false };
    }
    return verdict;
  }

  private load(dir: string, lines: string[]): void {
    const ig = ignore();
    lines.forEach((text, i) => {
      const pattern = text.replace(/\s+$/, '');
      if (pattern === '' || pattern.startsWith('#')) return;
      ig.add({ pattern, mark: String(i + 1) });
    });
    this.byDir.set(dir, ig);
  }

  private loadRootPatterns(): void {
    // Line numbers come from the file itself when it can be read; otherwise the patterns alone.
    const lines = this.repo.lines('.gitignore');
    if (lines.length > 1 || lines[0]) this.load('', lines);
    else {
      const ig = ignore();
      for (const p of this.repo.discovery.gitignorePatterns) ig.add({ pattern: p, mark: '0' });
      this.byDir.set('', ig);
    }
  }
}
