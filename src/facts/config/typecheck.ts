/**
 * Settings that switch type checking off (typecheck-disabled): a tsconfig.json whose effective
 * `strict` is false (explicitly, or absent with no `extends` that could set it), and Next.js builds
 * told to ship despite type or lint errors (`typescript.ignoreBuildErrors`, `eslint.ignoreDuringBuilds`,
 * read from next.config.* as a code model). Solution-style tsconfigs (`files: []` + `references`)
 * are judged through the projects they reference; a local `extends` chain is followed, and an
 * `extends` to a package is trusted (unknown, never reported).
 */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import type { Value } from '../code/model.js';
import type { FactMap, TypeCheckFacts } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { isUnderTestOrFixtureDir } from '../../discover/roles.js';
import { pythonTyping } from './python-typing.js';
import { dirOf } from '../../core/paths.js';

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

export function collectTypeChecks(repo: RepoContext, facts: FactMap): TypeCheckFacts {
  const out: TypeCheckFacts = { weakened: [], strict: [], ...pythonTyping(repo, facts) };
  const paths = new Set(repo.discovery.files.map((f) => f.path));
  const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
  const tree = (path: string): { text: string; root: Node } | null => {
    const text = repo.read(path);
    const root = text === undefined ? undefined : parseTree(text, [], { allowTrailingComma: true });
    return text !== undefined && root ? { text, root } : null;
  };
  /** Effective `strict`: the value and where it is set, or 'unknown' when a package base may set it. */
  const strictOf = (path: string, depth = 0): { value: boolean; path: string; line: number } | 'unknown' | null => {
    const t = tree(path);
    if (!t || depth > 5) return 'unknown';
    const node = findNodeAtLocation(t.root, ['compilerOptions', 'strict']);
    if (node && typeof node.value === 'boolean') return { value: node.value, path, line: lineAt(t.text, node.offset) };
    const ext = findNodeAtLocation(t.root, ['extends'])?.value as unknown;
    const bases = Array.isArray(ext) ? ext : ext === undefined ? [] : [ext];
    for (const b of [...bases].reverse()) {
      if (typeof b !== 'string') return 'unknown';
      if (!b.startsWith('.')) return 'unknown';
      let target = normalize(`${dirOf(path)}/${b}`);
      if (!target.endsWith('.json') && !paths.has(target)) target += '.json';
      if (!paths.has(target)) return 'unknown';
      const r = strictOf(target, depth + 1);
      if (r !== null) return r;
    }
    return null;
  };
  const strictFalseAt = new Set<string>();
  const judge = (path: string, depth = 0): void => {
    const t = tree(path);
    if (!t || depth > 3) return;
    const files = findNodeAtLocation(t.root, ['files']);
    const refs = findNodeAtLocation(t.root, ['references']);
    if (files?.type === 'array' && (files.children ?? []).length === 0 && refs?.type === 'array') {
      for (const r of refs.children ?? []) {
        const p = findNodeAtLocation(r, ['path'])?.value;
        if (typeof p !== 'string') continue;
        let target = normalize(`${dirOf(path)}/${p}`);
        if (!target.endsWith('.json')) target = `${target}/tsconfig.json`;
        // Build-tool (`tsconfig.node.json`) and test-only configs (`tsconfig.spec.json`) type-check no application code.
        if (paths.has(target) && !/\.(node|spec|test|e2e|cypress|jest)\.json$/.test(target)) judge(target, depth + 1);
      }
      return;
    }
    const s = strictOf(path);
    if (s === 'unknown') return;
    if (s === null) {
      const co = findNodeAtLocation(t.root, ['compilerOptions']);
      out.weakened.push({ what: '`strict` is not enabled', evidence: co ? repo.ev(path, lineAt(t.text, co.parent?.offset ?? co.offset), { note: 'compilerOptions without strict' }) : repo.ev(path, 0, { note: 'no compilerOptions.strict' }) });
    } else if (!s.value) {
      // Several configs extending one base that sets `strict: false`: one entry, at the base.
      const key = `${s.path}:${s.line}`;
      if (!strictFalseAt.has(key)) {
        strictFalseAt.add(key);
        out.weakened.push({ what: '`strict: false`', evidence: repo.ev(s.path, s.line) });
      }
    }
    else out.strict.push(repo.ev(s.path, s.line));
  };
  // A tsconfig.json is judged when it is the nearest one of some TypeScript application file: a
  // monorepo's root base config that no code compiles against directly is left alone.
  const nearest = new Set<string>();
  for (const f of repo.discovery.files) {
    if ((f.language !== 'typescript' && f.language !== 'tsx') || f.role !== 'app') continue;
    let dir = dirOf(f.path);
    for (;;) {
      const candidate = dir === '' ? 'tsconfig.json' : `${dir}/tsconfig.json`;
      if (paths.has(candidate)) {
        nearest.add(candidate);
        break;
      }
      if (dir === '') break;
      dir = dirOf(dir);
    }
  }
  for (const path of [...nearest].sort()) if (!isUnderTestOrFixtureDir(path)) judge(path);
  for (const f of repo.discovery.files) {
    const base = f.path.slice(f.path.lastIndexOf('/') + 1);
    if (/^next\.config\.[cm]?[jt]s$/.test(base) && !isUnderTestOrFixtureDir(f.path)) nextConfig(repo, f.path, out);
  }
  return out;
}

function nextConfig(repo: RepoContext, path: string, out: TypeCheckFacts): void {
  const model = repo.models.get(path);
  if (!model) return;
  const seen = new Set<number>();
  const visit = (v: Value | null | undefined, depth = 0): void => {
    if (!v || depth > 6) return;
    for (const e of v.entries ?? []) {
      for (const [section, flag] of [['typescript', 'ignoreBuildErrors'], ['eslint', 'ignoreDuringBuilds']] as const) {
        if (e.key !== section) continue;
        const hit = e.value.entries?.find((x) => x.key === flag);
        if (hit && hit.value.kind === 'bool' && hit.value.value === 'true' && !seen.has(hit.value.line)) {
          seen.add(hit.value.line);
          out.weakened.push({ what: `\`${section}.${flag}: true\``, evidence: repo.ev(path, hit.value.line) });
        }
      }
      visit(e.value, depth + 1);
    }
  };
  for (const a of model.assignments) visit(a.value);
  for (const c of model.calls) for (const a of c.args) visit(a);
  for (const r of model.returns) visit(r.value);
}
