/**
 * YAML access with line numbers for the CI readers: a parsed document that remembers its file, key
 * lookups that follow `<<: *anchor` merges, and shell commands split out of `run:` / `script:` values
 * with the line each one is written on.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Evidence } from '../../core/evidence.js';
import type { RepoContext } from '../repo.js';
import { commandRunsTests, isNonBlockingCommand } from './ci-commands.js';
import { commandContext } from './ci-context.js';

export interface YamlFile {
  file: string;
  doc: Document.Parsed;
  lc: LineCounter;
  repo: RepoContext;
}

/** Parses a CI file; malformed YAML is reported in repo.errors and whatever parsed is kept. */
export function readYaml(repo: RepoContext, file: string): YamlFile | null {
  const text = repo.read(file);
  if (text === undefined) return null;
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  if (doc.errors.length > 0) repo.errors.push({ path: file, message: `invalid YAML: ${doc.errors[0].message.split('\n')[0]}` });
  if (!doc.contents) return null;
  return { file, doc, lc, repo };
}

export function lineOf(y: YamlFile, node: unknown): number {
  const range = (node as { range?: [number, number, number] | null } | null | undefined)?.range;
  return range ? y.lc.linePos(range[0]).line : 1;
}

export function ev(y: YamlFile, node: unknown, note?: string): Evidence {
  return y.repo.ev(y.file, lineOf(y, node), note ? { note } : {});
}

function deref(y: YamlFile, node: unknown): unknown {
  return isAlias(node) ? node.resolve(y.doc) : node;
}

/** The pair for `key` in a map, looking through `<<: *anchor` merge keys too. */
export function pair(y: YamlFile, map: unknown, key: string): Pair<unknown, unknown> | undefined {
  const m = deref(y, map);
  if (!isMap(m)) return undefined;
  for (const p of (m as YAMLMap<unknown, unknown>).items) if (isScalar(p.key) && String(p.key.value) === key) return p;
  for (const p of (m as YAMLMap<unknown, unknown>).items) {
    if (!isScalar(p.key) || p.key.value !== '<<') continue;
    const sources = isSeq(p.value) ? p.value.items : [p.value];
    for (const s of sources) {
      const found = pair(y, s, key);
      if (found) return found;
    }
  }
  return undefined;
}

export function get(y: YamlFile, map: unknown, key: string): unknown {
  return deref(y, pair(y, map, key)?.value);
}

/** Map entries as [key, value node, key node], merges excluded. */
export function entries(y: YamlFile, map: unknown): [string, unknown, Node][] {
  const m = deref(y, map);
  if (!isMap(m)) return [];
  const out: [string, unknown, Node][] = [];
  for (const p of (m as YAMLMap<unknown, unknown>).items) {
    if (!isScalar(p.key) || p.key.value === '<<') continue;
    out.push([String(p.key.value), deref(y, p.value), p.key as Node]);
  }
  return out;
}

export function str(y: YamlFile, node: unknown): string | undefined {
  const n = deref(y, node);
  return isScalar(n) && n.value !== null && n.value !== undefined ? String(n.value) : undefined;
}

export function items(y: YamlFile, node: unknown): unknown[] {
  const n = deref(y, node);
  return isSeq(n) ? n.items.map((i) => deref(y, i)) : [];
}

export function isTrue(y: YamlFile, node: unknown): boolean {
  const n = deref(y, node);
  return isScalar(n) && (n.value === true || n.value === 'true');
}

export interface CommandLine {
  text: string;
  line: number;
  /** The command swallows its own failure (`|| true`, `|| exit 0`, `; true`). */
  guarded: boolean;
  /** The command runs a test suite, directly or through a package.json script, make target or shell script. */
  runsTests: boolean;
}

/**
 * Shell commands in a scalar (or a list of scalars, GitLab style), each with its source line. Block
 * scalars (`|`, `>`) are read from the source lines themselves so every command keeps its own line;
 * a trailing backslash joins a line to the next; comments and blank lines are dropped.
 */
export function commandLines(y: YamlFile, node: unknown): CommandLine[] {
  const n = deref(y, node);
  if (isSeq(n)) return n.items.flatMap((i) => commandLines(y, i));
  if (!isScalar(n) || n.value === null || n.value === undefined || !n.range) return [];
  const start = lineOf(y, n);
  const physical: { text: string; line: number }[] = [];
  if (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') {
    const end = y.lc.linePos(Math.max(n.range[0], n.range[1] - 1)).line;
    const lines = y.repo.lines(y.file);
    for (let l = start + 1; l <= end; l++) physical.push({ text: lines[l - 1] ?? '', line: l });
  } else {
    for (const t of String(n.value).split('\n')) physical.push({ text: t, line: start });
  }
  const out: CommandLine[] = [];
  const ctx = commandContext(y.repo);
  const done = (c: { text: string; line: number }): CommandLine => ({ ...c, guarded: isNonBlockingCommand(c.text), runsTests: commandRunsTests(c.text, ctx) });
  let pending: { text: string; line: number } | null = null;
  for (const p of physical) {
    const t = p.text.trim();
    if (!pending && (t === '' || t.startsWith('#'))) continue;
    if (pending) pending.text += ` ${t.replace(/\\$/, '').trim()}`;
    else pending = { text: t.replace(/\\$/, '').trim(), line: p.line };
    if (t.endsWith('\\')) continue;
    out.push(done(pending));
    pending = null;
  }
  if (pending) out.push(done(pending));
  return out;
}
