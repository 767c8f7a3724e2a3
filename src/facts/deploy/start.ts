/**
 * Start commands and the shell scripts they run. Root commands come from the deployment's own
 * declarations (sources.ts); from each we follow what it runs: shell scripts (`bash start.sh`,
 * `sh -c "…"`), package.json scripts (`npm start`, `npm run X`, with npm's pre/post hooks) and
 * Python entry modules that start a server themselves (launchers.ts).
 *
 * `production` propagates: what a production command runs is production, unless it is reached only
 * from a conditional script line (`if [ "$ENV" = dev ]; then ./seed.sh; fi`). A package.json
 * `start` script counts as production when nothing else in its service says how production starts
 * (buildpacks run `npm start`) and the service is not a front end (whose `start` is a dev server by
 * convention, the build being what ships).
 */
import type { Evidence } from '../../core/evidence.js';
import type { RepoFile } from '../../discover/types.js';
import type { FactMap, ShellScript, StartCommand } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { commandRefs } from './command.js';
import { nodeLaunches, pythonLaunches } from './launchers.js';
import { packageScripts, type PackageScripts } from './package-scripts.js';
import { parseShellScript } from './shell.js';
import { rootCommands, type RootCommand } from './sources.js';
import { dirOf, joinRepoPath as joinPath } from '../../core/paths.js';

interface StartFacts {
  commands: StartCommand[];
  scripts: ShellScript[];
}

const cache = new WeakMap<RepoContext, StartFacts>();

export function collectStartCommands(repo: RepoContext, _facts: FactMap): StartCommand[] {
  return startFacts(repo).commands;
}

export function collectStartScripts(repo: RepoContext, _facts: FactMap): ShellScript[] {
  return startFacts(repo).scripts;
}

function startFacts(repo: RepoContext): StartFacts {
  let f = cache.get(repo);
  if (!f) {
    f = new Walker(repo).run();
    cache.set(repo, f);
  }
  return f;
}

function isShellFile(repo: RepoContext, f: RepoFile): boolean {
  if (f.language === 'shell') return true;
  if (f.language !== 'other' && f.language !== 'text') return false;
  return /^#!\S*\b(ba|z|da)?sh\b|^#!\/usr\/bin\/env\s+(ba|z|da)?sh\b/.test(repo.lines(f.path)[0] ?? '');
}

class Walker {
  private readonly commands: StartCommand[] = [];
  private readonly byKey = new Map<string, StartCommand>();
  private readonly scripts = new Map<string, ShellScript>();
  private readonly packages: Map<string, PackageScripts>;
  private readonly serviceDirs: string[];

  constructor(private readonly repo: RepoContext) {
    this.packages = packageScripts(repo);
    this.serviceDirs = repo.discovery.services.map((s) => s.dir);
  }

  run(): StartFacts {
    const roots = rootCommands(this.repo);
    // Production roots first, so anything they reach is recorded as production before a dev path
    // reaches it.
    roots.sort((a, b) => Number(b.production) - Number(a.production));
    for (const r of roots) {
      this.emit(`${r.evidence.file}:${r.evidence.line}:${r.command}`, {
        source: r.source,
        command: r.command,
        evidence: r.evidence,
        production: r.production,
        ...(r.process ? { process: r.process } : {}),
        service: this.serviceOf(r.baseDir),
      });
    }
    for (const r of roots) this.walk(r.command, r.baseDir, r.production, r.evidence, r, 0);
    this.implicitNpmStart(roots);
    return { commands: this.commands, scripts: [...this.scripts.values()] };
  }

  /** Records a command; returns false when it was already recorded at least as production. */
  private emit(key: string, cmd: StartCommand): boolean {
    const prior = this.byKey.get(key);
    if (prior) {
      if (prior.production || !cmd.production) return false;
      prior.production = true;
      if (cmd.via) prior.via = cmd.via;
      return true;
    }
    this.byKey.set(key, cmd);
    this.commands.push(cmd);
    return true;
  }

  private serviceOf(dir: string): string {
    let best = '';
    for (const s of this.serviceDirs) if (s.length > best.length && (dir === s || dir.startsWith(`${s}/`))) best = s;
    return best;
  }

  /** Follows what one command line runs. */
  private walk(command: string, baseDir: string, production: boolean, via: Evidence, root: RootCommand, depth: number, scriptDir?: string): void {
    if (depth > 6) return;
    let cwd = baseDir;
    for (const ref of commandRefs(command)) {
      if (ref.type === 'cd') {
        if (/dirname\s+"?\$(0|\{0\}|BASH_SOURCE)/.test(ref.dir) && scriptDir !== undefined) cwd = scriptDir;
        else if (ref.dir.startsWith('/')) cwd = this.containerPath(ref.dir, root) ?? cwd;
        else if (!ref.dir.includes('$')) cwd = joinPath(cwd, ref.dir);
      } else if (ref.type === 'script') {
        const file = this.resolve(ref.path, cwd, root, scriptDir, (f) => isShellFile(this.repo, f));
        if (file) this.visitScript(file, production, via, cwd, root, depth);
      } else if (ref.type === 'pkg') {
        this.visitPackageScript(cwd, ref.name, ref.manager === 'npm', production, via, root, depth);
      } else if (ref.type === 'node-file') {
        const file = this.resolve(ref.path, cwd, root, scriptDir, (f) => f.language === 'javascript' || f.language === 'typescript');
        for (const l of file ? nodeLaunches(this.repo, file) : []) {
          this.emit(`${l.evidence.file}:${l.evidence.line}`, { source: 'script', command: l.command, evidence: l.evidence, production, process: command.trim(), service: this.serviceOf(dirOf(file as string)), via });
        }
      } else {
        const rel = ref.type === 'python-file' ? ref.path : `${ref.module.replace(/\./g, '/')}.py`;
        let file = this.resolve(rel, cwd, root, scriptDir, (f) => f.language === 'python');
        if (!file && ref.type === 'python-module') file = this.resolve(`${ref.module.replace(/\./g, '/')}/__main__.py`, cwd, root, scriptDir, (f) => f.language === 'python');
        if (file) {
          for (const l of pythonLaunches(this.repo, file)) {
            this.emit(`${l.evidence.file}:${l.evidence.line}`, {
              source: 'script',
              command: l.command,
              evidence: l.evidence,
              production,
              process: command.trim(),
              service: this.serviceOf(dirOf(file)),
              via,
            });
          }
        }
      }
    }
  }

  /**
   * A path inside the image as a repository path: through what COPY / ADD put there
   * (`COPY ./docker/entrypoint.sh /ghostfolio/` makes `/ghostfolio/entrypoint.sh` docker/entrypoint.sh),
   * else through a WORKDIR that maps to the build context (`/app/start.sh`).
   */
  private containerPath(path: string, root: RootCommand): string | undefined {
    // The last COPY to a path wins, as in the image; a mapping counts only if the repository has it.
    for (const c of [...(root.containerCopies ?? [])].reverse()) {
      const isFile = this.repo.file(c.src) !== undefined;
      let mapped: string | undefined;
      if (isFile) mapped = path === c.dest || path === `${c.dest}${c.src.slice(c.src.lastIndexOf('/') + 1)}` ? c.src : undefined;
      else if (path === c.dest.replace(/\/$/, '')) mapped = c.src;
      // A folder's contents land in the destination folder.
      else if (path.startsWith(c.dest.endsWith('/') ? c.dest : `${c.dest}/`)) mapped = joinPath(c.src, path.slice(c.dest.replace(/\/$/, '').length + 1));
      if (mapped !== undefined && this.inRepo(mapped)) return mapped;
    }
    for (const d of root.containerDirs ?? []) {
      const dir = d.replace(/\/+$/, '');
      if (path === dir) return root.baseDir;
      if (path.startsWith(`${dir}/`)) return joinPath(root.baseDir, path.slice(dir.length + 1));
    }
    return undefined;
  }

  /** A repository file, or a folder holding one. */
  private inRepo(path: string): boolean {
    return this.repo.file(path) !== undefined || path === '' || this.repo.discovery.files.some((f) => f.path.startsWith(`${path}/`));
  }

  /**
   * A path a command names, as a repository file: relative to the working directory, then to the
   * script's own folder; failing both, the one file in the repository with that name (platform
   * configs often sit at the root while the service lives in a subfolder).
   */
  private resolve(path: string, cwd: string, root: RootCommand, scriptDir: string | undefined, accept: (f: RepoFile) => boolean): string | undefined {
    if (path.includes('$')) return undefined;
    const candidates: string[] = [];
    if (path.startsWith('/')) {
      const mapped = this.containerPath(path, root);
      if (mapped !== undefined) candidates.push(mapped);
    } else {
      candidates.push(joinPath(cwd, path));
      if (scriptDir !== undefined) candidates.push(joinPath(scriptDir, path));
      candidates.push(joinPath(root.baseDir, path));
    }
    for (const c of candidates) {
      const f = this.repo.file(c);
      if (f && accept(f) && f.role !== 'test' && f.role !== 'fixture') return f.path;
    }
    const base = path.slice(path.lastIndexOf('/') + 1);
    const same = this.repo.discovery.files.filter((f) => f.path.endsWith(`/${path.replace(/^\.?\//, '')}`) || f.path === path.replace(/^\.?\//, '') || (f.path.endsWith(`/${base}`) && !path.includes('/')));
    const ok = same.filter((f) => accept(f) && f.role !== 'test' && f.role !== 'fixture');
    return ok.length === 1 ? ok[0].path : undefined;
  }

  private visitScript(file: string, production: boolean, via: Evidence, cwd: string, root: RootCommand, depth: number): void {
    const prior = this.scripts.get(file);
    if (prior && (prior.production || !production)) return;
    const script = prior ?? parseShellScript(this.repo, file);
    script.production = production;
    script.via = via;
    if (!prior) this.scripts.set(file, script);
    for (const l of script.lines) {
      // A line that only runs under a condition does not make what it runs production.
      this.walk(l.text, cwd, production && !l.conditional, this.repo.ev(file, l.line), root, depth + 1, dirOf(file));
    }
  }

  private packageFor(dir: string): PackageScripts | undefined {
    for (let d: string | undefined = dir; d !== undefined; d = d === '' ? undefined : dirOf(d)) {
      const p = this.packages.get(d);
      if (p) return p;
    }
    return undefined;
  }

  private visitPackageScript(dir: string, name: string, hooks: boolean, production: boolean, via: Evidence | undefined, root: RootCommand | undefined, depth: number): void {
    const pkg = this.packageFor(dir);
    const script = pkg?.scripts.get(name);
    if (!pkg || !script) return;
    const evidence = this.repo.ev(pkg.file, script.line);
    const fresh = this.emit(`${pkg.file}:${script.line}`, {
      source: 'package.json',
      command: script.command,
      evidence,
      production,
      process: name,
      service: this.serviceOf(pkg.dir),
      ...(via ? { via } : {}),
    });
    if (!fresh) return;
    // npm runs `preX` and `postX` around `npm run X`.
    const names = hooks && !name.startsWith('pre') && !name.startsWith('post') ? [`pre${name}`, name, `post${name}`] : [name];
    const base: RootCommand = root ?? { source: 'package.json', command: script.command, evidence, production, baseDir: pkg.dir };
    for (const n of names) {
      if (n !== name) {
        this.visitPackageScript(pkg.dir, n, false, production, via, root, depth + 1);
        continue;
      }
      this.walk(script.command, pkg.dir, production, evidence, base, depth + 1);
    }
  }

  /** Buildpacks (Heroku, Railway, Render) run `npm start` when nothing else says how to start. */
  private implicitNpmStart(roots: RootCommand[]): void {
    const prodServices = new Set(roots.filter((r) => r.production).map((r) => this.serviceOf(r.baseDir)));
    const kinds = new Map(this.repo.discovery.services.map((s) => [s.dir, s.kind]));
    for (const pkg of this.packages.values()) {
      if (!pkg.scripts.has('start')) continue;
      const service = this.serviceOf(pkg.dir);
      const production = pkg.dir === service && !prodServices.has(service) && kinds.get(service) !== 'frontend';
      this.visitPackageScript(pkg.dir, 'start', true, production, undefined, undefined, 0);
    }
  }
}
