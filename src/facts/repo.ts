/**
 * RepoContext: what collectors see of the repository. Only the facts layer reads files, and it
 * reads each at most once: texts and code models are cached here.
 */
import { readFileSync } from 'node:fs';
import { evidenceAt, type Evidence } from '../core/evidence.js';
import type { Discovery, RepoFile } from '../discover/types.js';
import type { CodeModel } from './code/model.js';
import type { ParseError } from './fact-map.js';

export interface RepoContext {
  root: string;
  discovery: Discovery;
  /** Code models of parsed source files (application, script and migration code), by path. */
  models: Map<string, CodeModel>;
  file(path: string): RepoFile | undefined;
  /** File text, cached; undefined when missing or unreadable. */
  read(path: string): string | undefined;
  lines(path: string): string[];
  /** Evidence at a line of a repository file, snippet read from the file. */
  ev(path: string, line: number, opts?: { endLine?: number; note?: string; redact?: (s: string) => string }): Evidence;
  /** Problems met while reading (syntax errors, malformed configs): reported, never fatal. */
  errors: ParseError[];
}

export function createRepoContext(discovery: Discovery, models: Map<string, CodeModel>, texts: Map<string, string>): RepoContext {
  const byPath = new Map(discovery.files.map((f) => [f.path, f]));
  const lineCache = new Map<string, string[]>();
  const ctx: RepoContext = {
    root: discovery.root,
    discovery,
    models,
    errors: [],
    file: (p) => byPath.get(p),
    read(p) {
      const cached = texts.get(p);
      if (cached !== undefined) return cached;
      const f = byPath.get(p);
      if (!f) return undefined;
      try {
        const t = readFileSync(f.abs, 'utf8');
        texts.set(p, t);
        return t;
      } catch {
        return undefined;
      }
    },
    lines(p) {
      let l = lineCache.get(p);
      if (!l) {
        l = (ctx.read(p) ?? '').split(/\r?\n/);
        lineCache.set(p, l);
      }
      return l;
    },
    ev: (p, line, opts) => evidenceAt(p, ctx.lines(p), line, opts),
  };
  return ctx;
}
