/**
 * TypeScript import aliases: `compilerOptions.paths` of the repository's tsconfig files
 * (`"@ghostfolio/api/*": ["./apps/api/src/*"]`, `"@/*": ["./src/*"]`), so an import written through an
 * alias resolves to the repository file it names, as tsc and the bundlers resolve it.
 *
 * A tsconfig's aliases apply to the files under its folder (a root `tsconfig.base.json` that app
 * configs extend covers the whole repository); the nearest tsconfig that has a matching alias wins,
 * and within one tsconfig the pattern with the longest prefix, as tsc picks it. Targets are relative
 * to `baseUrl` when set, else to the tsconfig's folder.
 */
import { parse as parseJsonc } from 'jsonc-parser';
import { dirOf, joinRepoPath } from '../../core/paths.js';
import type { RepoContext } from '../repo.js';

interface Alias {
  /** Folder of the tsconfig: the alias applies to files under it. */
  scope: string;
  prefix: string;
  suffix: string;
  wildcard: boolean;
  /** Target patterns as repository paths, `*` kept. */
  targets: string[];
}

const TSCONFIG = /(^|\/)(tsconfig|jsconfig)(\.[\w-]+)*\.json$/;

function aliasesOf(path: string, text: string): Alias[] {
  const errors: { error: number; offset: number; length: number }[] = [];
  const json = parseJsonc(text, errors, { allowTrailingComma: true }) as { compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | undefined;
  const options = json?.compilerOptions;
  const paths = options?.paths;
  if (!paths || typeof paths !== 'object') return [];
  const scope = dirOf(path);
  const base = typeof options.baseUrl === 'string' ? joinRepoPath(scope, options.baseUrl) : scope;
  const out: Alias[] = [];
  for (const [pattern, targets] of Object.entries(paths as Record<string, unknown>)) {
    if (!Array.isArray(targets)) continue;
    const star = pattern.indexOf('*');
    out.push({
      scope,
      prefix: star < 0 ? pattern : pattern.slice(0, star),
      suffix: star < 0 ? '' : pattern.slice(star + 1),
      wildcard: star >= 0,
      targets: targets.filter((t): t is string => typeof t === 'string').map((t) => joinRepoPath(base, t)),
    });
  }
  return out;
}

/** For an importing file and a specifier, the repository paths (no extension added) the aliases point at. */
export type AliasResolver = (from: string, spec: string) => string[];

export function tsPathAliases(repo: RepoContext): AliasResolver {
  const aliases: Alias[] = [];
  for (const f of repo.discovery.files) {
    if (!TSCONFIG.test(f.path)) continue;
    const text = repo.read(f.path);
    if (text !== undefined) aliases.push(...aliasesOf(f.path, text));
  }
  if (aliases.length === 0) return () => [];
  // Nearest tsconfig first (deepest folder), then the longest prefix.
  aliases.sort((a, b) => b.scope.length - a.scope.length || b.prefix.length - a.prefix.length);
  return (from, spec) => {
    for (const a of aliases) {
      if (a.scope && from !== a.scope && !from.startsWith(`${a.scope}/`)) continue;
      const matches = a.wildcard ? spec.length >= a.prefix.length + a.suffix.length && spec.startsWith(a.prefix) && spec.endsWith(a.suffix) : spec === a.prefix;
      if (!matches) continue;
      const captured = a.wildcard ? spec.slice(a.prefix.length, spec.length - a.suffix.length) : '';
      return a.targets.map((t) => t.replace('*', captured));
    }
    return [];
  };
}
