/**
 * The repository side of CI commands: package.json scripts, Makefile targets and shell scripts, so a
 * step running `npm run ci`, `make check` or `./scripts/ci.sh` is judged on what it actually runs.
 * Built once per run (memoised on the RepoContext).
 */
import { parse as parseJsonc } from 'jsonc-parser';
import type { RepoContext } from '../repo.js';
import type { CommandContext } from './ci-commands.js';

const cache = new WeakMap<RepoContext, CommandContext>();

function skipped(repo: RepoContext, path: string): boolean {
  const role = repo.file(path)?.role;
  return role === 'fixture' || role === 'test' || role === 'generated';
}

/** Makefile targets → recipe lines; prerequisites become `make <dep>` so `ci: lint test` counts. */
function makeTargets(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const raw of text.split(/\r?\n/)) {
    if (raw.startsWith('\t')) {
      const line = raw.trim().replace(/^[@+-]+/, '');
      if (current && line && !line.startsWith('#')) current.push(line.replace(/\$\(MAKE\)/g, 'make'));
      continue;
    }
    const m = /^([A-Za-z0-9_.\-/ ]+?)\s*::?(?!=)\s*([^=#]*?)\s*(?:#.*)?$/.exec(raw);
    if (!m) {
      if (raw.trim() && !raw.trim().startsWith('#')) current = null;
      continue;
    }
    current = m[2] ? m[2].split(/\s+/).filter(Boolean).map((d) => `make ${d}`) : [];
    for (const t of m[1].split(/\s+/)) if (t && !t.startsWith('.')) out.set(t, current);
  }
  return out;
}

export function commandContext(repo: RepoContext): CommandContext {
  const cached = cache.get(repo);
  if (cached) return cached;
  const scripts = new Map<string, string[]>();
  const targets = new Map<string, string[]>();
  for (const f of repo.discovery.files) {
    if (skipped(repo, f.path)) continue;
    const base = f.path.slice(f.path.lastIndexOf('/') + 1);
    if (base === 'package.json') {
      const json = parseJsonc(repo.read(f.path) ?? '') as { scripts?: Record<string, unknown> } | undefined;
      for (const [name, text] of Object.entries(json?.scripts ?? {})) {
        if (typeof text === 'string') scripts.set(name, [...(scripts.get(name) ?? []), text]);
      }
    } else if (/^(GNUmakefile|makefile|Makefile)$/.test(base)) {
      for (const [t, lines] of makeTargets(repo.read(f.path) ?? '')) targets.set(t, [...(targets.get(t) ?? []), ...lines]);
    }
  }
  const ctx: CommandContext = {
    npmScripts: (name) => scripts.get(name) ?? [],
    makeRecipes: (name) => targets.get(name) ?? [],
    scriptLines(path) {
      const file = repo.file(path) ?? repo.discovery.files.find((f) => f.path.endsWith(`/${path}`));
      if (!file || skipped(repo, file.path)) return undefined;
      return repo
        .lines(file.path)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'));
    },
  };
  cache.set(repo, ctx);
  return ctx;
}
